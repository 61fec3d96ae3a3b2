"""Many people press "Register" for the last seats at once (PostgreSQL only: SQLite
runs one writer at a time, so nothing can race there)."""

import threading
import time

import pytest
from django.db import connections, transaction

from events.models import EventPage, Quota
from participants import queries, services
from participants.models import Registration
from tests.factories import ProfileFactory
from tests.races import needs_postgresql, race

pytestmark = [
    needs_postgresql,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

RACERS = 50


def status_counts(event):
    regs = Registration.objects.filter(event=event)
    return {s: regs.filter(status=s).count() for s, _ in Registration.Status.choices}


@pytest.fixture
def last_seats(open_event, settings):
    """A group of 20 seats with 15 taken, and 50 people ready to register."""
    settings.PARTICIPANTS_LOCK_TIMEOUT_MS = 30_000  # queueing, not busy, is tested
    event = open_event(quotas={"government": 20})
    for _ in range(15):
        services.register(ProfileFactory().user, event)
    racers = [ProfileFactory().user for _ in range(RACERS)]
    return event, racers


def test_racing_for_the_last_seats_never_overbooks(last_seats):
    event, racers = last_seats

    errors = race([lambda u=u: services.register(u, event) for u in racers])

    assert errors == []
    assert status_counts(event) == {
        "pending": 0,
        "confirmed": 20,
        "waiting": RACERS - 5,
        "cancelled": 0,
        "declined": 0,
    }
    raced = Registration.objects.filter(user__in=racers).order_by("pk")
    # Arrival order is the order the lock let them in, which is the order of the pks:
    # the first five won, everyone after waits in that order.
    assert [r.status for r in raced] == ["confirmed"] * 5 + ["waiting"] * (RACERS - 5)
    assert [queries.waiting_position(r) for r in raced[5:]] == list(
        range(1, RACERS - 4)
    )


def test_the_same_race_without_locks_overbooks(last_seats, monkeypatch):
    """The control: proves the race above can fail."""
    event, racers = last_seats

    def unlocked(event, groups, mode):
        quotas = list(Quota.objects.filter(event=event).order_by("pk"))
        time.sleep(0.05)  # everyone reads, then everyone counts
        return quotas

    monkeypatch.setattr(services, "lock_seats", unlocked)

    race([lambda u=u: services.register(u, event) for u in racers])

    assert status_counts(event)["confirmed"] > 20


def hold_rows(queryset):
    """A thread holding the rows of `queryset` locked (someone mid-change on them)
    until the returned event is set; returns once the lock is held."""
    holding, done = threading.Event(), threading.Event()

    def holder():
        with transaction.atomic():
            list(queryset.select_for_update())
            holding.set()
            done.wait(10)
        connections.close_all()

    thread = threading.Thread(target=holder)
    thread.start()
    holding.wait(5)
    return done, thread


def test_a_held_lock_is_a_busy_refusal_not_a_hang(open_event, settings):
    settings.PARTICIPANTS_LOCK_TIMEOUT_MS = 200
    event = open_event(quotas={"government": 5})
    user = ProfileFactory().user

    done, holder = hold_rows(Quota.objects.filter(event=event))  # an organiser
    try:
        with pytest.raises(services.RegistrationBusy, match="try again"):
            services.register(user, event)
    finally:
        done.set()
        holder.join()

    assert services.register(user, event).status == "confirmed"


def test_shrinking_a_quota_during_the_race_stops_new_confirmations(last_seats):
    event, racers = last_seats
    seen = {}

    def shrink():
        with transaction.atomic():
            quota = Quota.objects.select_for_update().get(event=event)
            seen["confirmed"] = Registration.objects.filter(
                event=event, status="confirmed"
            ).count()
            quota.seats = 10
            quota.save()

    race([shrink] + [lambda u=u: services.register(u, event) for u in racers])

    # Nobody lost a seat, and nobody got one once the quota was below the count.
    assert status_counts(event)["confirmed"] == seen["confirmed"]
    assert status_counts(event)["waiting"] == RACERS - (seen["confirmed"] - 15)


def test_cancellations_racing_sign_ups_hand_seats_to_the_line_first(last_seats):
    event, racers = last_seats
    full = [services.register(u, event) for u in racers[:10]]  # 5 seated, 5 waiting
    leaving = full[:3]
    newcomers = racers[10:]

    race(
        [lambda r=r: services.cancel(r.user, r) for r in leaving]
        + [lambda u=u: services.register(u, event) for u in newcomers]
    )

    counts = status_counts(event)
    assert (counts["confirmed"], counts["cancelled"]) == (20, 3)
    assert counts["waiting"] == 5 - 3 + len(newcomers)
    # The three freed seats went to the three who had waited longest.
    assert [Registration.objects.get(pk=r.pk).status for r in full[5:]] == [
        "confirmed"
    ] * 3 + ["waiting"] * 2


def test_approvals_racing_sign_ups_never_overbook(open_event, settings, admin_user):
    settings.PARTICIPANTS_LOCK_TIMEOUT_MS = 30_000
    event = open_event(
        quotas={"government": 10}, registration_mode=EventPage.RegistrationMode.APPROVAL
    )
    pending = [services.register(ProfileFactory().user, event) for _ in range(8)]
    racers = [ProfileFactory().user for _ in range(RACERS)]

    race(
        [lambda r=r: services.approve(admin_user, r) for r in pending]
        + [lambda u=u: services.register(u, event) for u in racers]
    )

    counts = status_counts(event)
    assert (counts["confirmed"], counts["pending"]) == (8, 2)
    assert counts["waiting"] == RACERS - 2


def add_a_seat_while_locked(event, waiting, meanwhile=lambda: None):
    """An organiser publishes one more seat while the head of the line is locked
    (someone mid-change on it): the promotion after publishing meets the lock and
    gives up. `meanwhile()` runs while the lock is still held; returns its result."""
    done, thread = hold_rows(Registration.objects.filter(pk=waiting.pk))
    try:
        page = EventPage.objects.get(pk=event.pk)
        quotas = list(page.quotas.all())
        quotas[0].seats += 1
        page.quotas = quotas
        page.save_revision().publish()
        return meanwhile()
    finally:
        done.set()
        thread.join()


def seat_added_then_newcomer(event, waiting):
    """A newcomer registers while the line is locked, or once the lock is gone if they
    were told to try again."""
    user = ProfileFactory().user

    def register():
        try:
            return services.register(user, event)
        except services.RegistrationBusy:
            return None

    return add_a_seat_while_locked(event, waiting, register) or register()


@pytest.fixture
def a_line(open_event, settings):
    """One seat taken, one person waiting; locks give up after 200 ms."""
    settings.PARTICIPANTS_LOCK_TIMEOUT_MS = 200
    event = open_event(quotas={"government": 1})
    seated, waiting = [services.register(ProfileFactory().user, event) for _ in "ab"]
    return event, waiting


def test_a_seat_added_while_the_line_is_locked_still_goes_to_the_line(a_line):
    event, waiting = a_line

    newcomer = seat_added_then_newcomer(event, waiting)

    assert status_counts(event)["confirmed"] == 2
    assert statuses_of(waiting, newcomer) == ["confirmed", "waiting"]


def test_without_serving_the_line_first_a_newcomer_takes_the_seat(a_line, monkeypatch):
    """The control: `register` seating a newcomer without serving the line first (as
    it did) hands them the seat the organiser added for the line."""
    event, waiting = a_line
    monkeypatch.setattr(services, "_serve_the_line", lambda seats: [])

    newcomer = seat_added_then_newcomer(event, waiting)

    assert statuses_of(waiting, newcomer) == ["waiting", "confirmed"]


def test_the_scheduler_fills_a_seat_the_locked_promotion_left_free(a_line):
    event, waiting = a_line
    left_free = add_a_seat_while_locked(event, waiting, lambda: statuses_of(waiting))

    said = services.fill_free_seats()

    assert left_free == ["waiting"]
    assert statuses_of(waiting) == ["confirmed"]
    assert said == "1 waiting registration(s) given a seat"


def statuses_of(*registrations):
    return [Registration.objects.get(pk=r.pk).status for r in registrations]
