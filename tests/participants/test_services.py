"""The registration rules, called as views and admin actions call them."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import EventPage, StakeholderGroup
from participants import queries, services
from participants.models import Registration
from sessions.qa import services as qa
from sessions.qa import wire
from sessions.qa.models import QABoard, Question, Vote
from tests.factories import (
    EventPageFactory,
    ProfileFactory,
    SessionPageFactory,
    UserFactory,
)


def people(n, group_slug="government"):
    return [ProfileFactory(group_slug=group_slug).user for _ in range(n)]


def statuses(registrations):
    return [Registration.objects.get(pk=r.pk).status for r in registrations]


def test_register_waitlists_the_third_in_a_group_of_two(open_event):
    event = open_event(quotas={"government": 2})

    regs = [services.register(user, event) for user in people(3)]

    assert statuses(regs) == ["confirmed", "confirmed", "waiting"]
    assert queries.waiting_position(regs[2]) == 1


def test_register_writes_its_row_once_and_logs_the_change_from_nothing(open_event):
    event = open_event(quotas={"government": 1})
    (user,) = people(1)

    with CaptureQueriesContext(connection) as queries:
        registration = services.register(user, event)

    sql = [q["sql"] for q in queries.captured_queries]
    # The profile, the seats (locked) and their holders, the duplicate check, the line
    # (served first while a seat is free), the row, its log; PostgreSQL adds the
    # savepoint's two ends and the lock timeout.
    assert len(sql) <= 10
    assert [s.split()[0] for s in sql if s.startswith(("INSERT", "UPDATE"))] == [
        "INSERT",
        "INSERT",
    ]
    assert [(e.from_status, e.to_status) for e in registration.log.all()] == [
        ("", "confirmed")
    ]


def test_register_takes_the_open_pool_once_the_group_is_full(open_event):
    event = open_event(quotas={"government": 1, None: 1})

    regs = [services.register(user, event) for user in people(3)]

    assert statuses(regs) == ["confirmed", "confirmed", "waiting"]
    assert [r.open_pool for r in regs] == [False, True, False]


def test_register_refuses_a_group_without_seats(open_event):
    event = open_event(quotas={"government": 1})
    (user,) = people(1, "media")

    with pytest.raises(services.RegistrationError, match="no in-person seats"):
        services.register(user, event)

    assert Registration.objects.count() == 0


@pytest.mark.parametrize(
    "opens, closes",
    [(None, None), (+1, None), (-2, -1)],
    ids=["never-opened", "not-yet", "closed"],
)
def test_register_refuses_outside_the_registration_window(open_event, opens, closes):
    now = timezone.now()
    event = open_event(
        quotas={"government": 5},
        registration_opens_at=opens and now + timedelta(days=opens),
        registration_closes_at=closes and now + timedelta(days=closes),
    )

    with pytest.raises(services.RegistrationError, match="not open"):
        services.register(people(1)[0], event)


def test_register_refuses_without_a_profile(open_event):
    event = open_event(quotas={"government": 5})

    with pytest.raises(services.RegistrationError, match="complete your profile"):
        services.register(UserFactory(), event)


def test_register_twice_refuses_but_the_same_form_twice_returns_the_first(
    open_event,
):
    event = open_event(quotas={"government": 5})
    (user,) = people(1)
    first = services.register(user, event, token="6f9c1c1e-0000-4000-8000-000000000001")

    again = services.register(user, event, token="6f9c1c1e-0000-4000-8000-000000000001")
    with pytest.raises(services.RegistrationError, match="already registered"):
        services.register(user, event, token="6f9c1c1e-0000-4000-8000-000000000002")

    assert again.pk == first.pk
    assert Registration.objects.count() == 1


def test_cancel_promotes_the_oldest_waiting_in_the_same_group(
    open_event, django_capture_on_commit_callbacks
):
    event = open_event(quotas={"government": 1, "media": 1})
    gov = [services.register(u, event) for u in people(3)]
    media_waiting = [services.register(u, event) for u in people(2, "media")][1]

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(gov[0].user, gov[0])

    assert statuses(gov) == ["cancelled", "confirmed", "waiting"]
    assert statuses([media_waiting]) == ["waiting"]
    assert queries.waiting_position(Registration.objects.get(pk=gov[2].pk)) == 1
    assert sorted(m.subject for m in mail.outbox) == [
        f"A place at {event.title} is yours",
        f"Your registration for {event.title} is cancelled",
    ]


def test_cancel_of_an_open_pool_seat_promotes_the_oldest_of_any_group(open_event):
    event = open_event(quotas={"government": 1, "media": 0, None: 1})
    gov = [services.register(u, event) for u in people(2)]  # 2nd takes the pool
    media = services.register(people(1, "media")[0], event)
    later_gov = services.register(people(1)[0], event)

    services.cancel(gov[1].user, gov[1])

    assert statuses([media, later_gov]) == ["confirmed", "waiting"]
    assert Registration.objects.get(pk=media.pk).open_pool


def test_waiting_participant_can_leave_the_line(open_event):
    event = open_event(quotas={"government": 1})
    regs = [services.register(u, event) for u in people(3)]

    services.cancel(regs[1].user, regs[1])

    assert statuses(regs) == ["confirmed", "cancelled", "waiting"]
    assert queries.waiting_position(regs[2]) == 1


def test_cancel_twice_is_a_clear_refusal(open_event):
    event = open_event(quotas={"government": 1})
    (reg,) = [services.register(u, event) for u in people(1)]
    services.cancel(reg.user, reg)

    with pytest.raises(services.RegistrationError, match="already cancelled"):
        services.cancel(reg.user, reg)


def test_someone_elses_registration_is_not_found(open_event):
    event = open_event(quotas={"government": 2})
    mine, theirs = [services.register(u, event) for u in people(2)]

    with pytest.raises(Http404):
        services.cancel(mine.user, theirs)
    with pytest.raises(Http404):
        services.approve(mine.user, theirs)

    assert statuses([theirs]) == ["confirmed"]


def test_approval_mode_holds_seats_while_pending(open_event, admin_user):
    event = open_event(
        quotas={"government": 1}, registration_mode=EventPage.RegistrationMode.APPROVAL
    )
    first, second = [services.register(u, event) for u in people(2)]

    services.approve(admin_user, first)
    services.decline(admin_user, second, reason="Duplicate of an earlier sign-up")

    assert statuses([first, second]) == ["confirmed", "declined"]
    assert [e.reason for e in second.log.all()] == [
        "Registered",
        "Duplicate of an earlier sign-up",
    ]
    assert second.log.last().actor == admin_user


def test_decline_of_a_pending_seat_makes_the_next_pending(open_event, admin_user):
    event = open_event(
        quotas={"government": 1}, registration_mode=EventPage.RegistrationMode.APPROVAL
    )
    first, second = [services.register(u, event) for u in people(2)]

    services.decline(admin_user, first)

    assert statuses([first, second]) == ["declined", "pending"]


def test_move_takes_a_seat_in_the_new_group_and_passes_the_old_one_on(
    open_event, admin_user
):
    event = open_event(quotas={"government": 1, "academia": 1})
    moved, waiting = [services.register(u, event) for u in people(2)]

    services.move(admin_user, moved, StakeholderGroup.objects.get(slug="academia"))

    moved.refresh_from_db()
    assert (moved.group.slug, moved.status) == ("academia", "confirmed")
    assert statuses([waiting]) == ["confirmed"]


def test_online_places_have_their_own_capacity(open_event):
    event = open_event(
        quotas={"government": 0}, registration_online=True, online_capacity=1
    )

    regs = [
        services.register(u, event, mode=Registration.Mode.ONLINE) for u in people(2)
    ]

    assert statuses(regs) == ["confirmed", "waiting"]


def test_more_seats_promote_the_waiting_list(open_event):
    event = open_event(quotas={"government": 1})
    regs = [services.register(u, event) for u in people(3)]
    quota = event.quotas.get()
    quota.seats = 2
    quota.save()

    services.promote_waiting(event)

    assert statuses(regs) == ["confirmed", "confirmed", "waiting"]


def test_a_newcomer_never_takes_a_free_seat_ahead_of_the_line(open_event):
    event = open_event(quotas={"government": 1, "civil-society": 1})
    seated, waiting = [services.register(u, event) for u in people(2)]
    # A seat added while its promotion could not run (it met a lock): free, owed.
    event.quotas.filter(group__slug="government").update(seats=2)

    newcomer = services.register(people(1)[0], event)
    other_group = services.register(people(1, "civil-society")[0], event)

    assert statuses([seated, waiting, newcomer]) == ["confirmed"] * 2 + ["waiting"]
    assert statuses([other_group]) == ["confirmed"]  # its own line was empty


def test_an_open_pool_seat_goes_to_the_oldest_waiting_of_any_group(open_event):
    event = open_event(quotas={"government": 1, None: 0})
    government = [services.register(u, event) for u in people(2)]
    event.quotas.filter(group=None).update(seats=1)

    newcomer = services.register(people(1, "academia")[0], event)

    assert statuses([*government, newcomer]) == ["confirmed", "confirmed", "waiting"]


def test_the_scheduler_round_fills_seats_a_busy_promotion_left_free(open_event):
    coming = open_event(quotas={"government": 1})
    past = open_event(
        quotas={"government": 1},
        start_date=timezone.localdate() - timedelta(days=9),
        end_date=timezone.localdate() - timedelta(days=8),
    )
    lines = {e: [services.register(u, e) for u in people(2)] for e in (coming, past)}
    Registration.objects.filter(event=past).update(status="waiting")
    for event in (coming, past):
        event.quotas.update(seats=2)

    said = services.fill_free_seats()

    assert statuses(lines[coming]) == ["confirmed", "confirmed"]
    assert statuses(lines[past]) == ["waiting", "waiting"]  # its line is history
    assert said == "1 waiting registration(s) given a seat"
    assert services.fill_free_seats() == ""


def test_fewer_seats_never_cancel_anyone(open_event):
    event = open_event(quotas={"government": 2})
    regs = [services.register(u, event) for u in people(2)]
    event.quotas.update(seats=1)

    late = services.register(people(1)[0], event)

    assert statuses([*regs, late]) == ["confirmed", "confirmed", "waiting"]


def test_delete_account_anonymises_and_passes_the_seat_on(open_event):
    event = open_event(quotas={"government": 1})
    leaving, waiting = [services.register(u, event) for u in people(2)]

    services.delete_account(leaving.user)

    leaving.refresh_from_db()
    assert (leaving.user, leaving.status) == (None, "cancelled")
    assert statuses([waiting]) == ["confirmed"]


def test_delete_account_keeps_the_questions_and_forgets_the_name(
    db, django_capture_on_commit_callbacks
):
    session = SessionPageFactory(event=EventPageFactory())
    QABoard.objects.create(session=session, status=QABoard.Status.CLOSED)
    leaving = ProfileFactory(full_name="Leaving Person").user
    asked = Question.objects.create(
        session=session,
        author=leaving,
        author_name="Leaving Person",
        text="Who keeps the data once the project ends?",
        status=Question.Status.ANSWERED,
        votes=2,
    )
    Vote.objects.bulk_create(Vote(question=asked, user=UserFactory()) for _ in "ab")
    before = [qa.snapshot(session.pk, audience) for audience in wire.AUDIENCES]

    with django_capture_on_commit_callbacks(execute=True):  # as when it commits
        services.delete_account(leaving)

    asked.refresh_from_db()
    assert (asked.text, asked.votes, asked.vote_rows.count(), asked.status) == (
        "Who keeps the data once the project ends?",
        2,
        2,
        "answered",
    )
    assert (asked.author, asked.author_name, asked.anonymous) == (None, "", True)
    assert all("Leaving Person" in snapshot for snapshot in before)
    for audience in wire.AUDIENCES:
        assert "Leaving Person" not in qa.snapshot(session.pk, audience)


def test_publishing_more_seats_promotes_the_waiting_list(open_event):
    event = open_event(quotas={"government": 1})
    regs = [services.register(u, event) for u in people(2)]
    page = EventPage.objects.get(pk=event.pk)
    quotas = list(page.quotas.all())
    quotas[0].seats = 2
    page.quotas = quotas

    page.save_revision().publish()

    assert statuses(regs) == ["confirmed", "confirmed"]


def test_seats_scheduled_on_an_offline_event_wait_until_it_goes_live(open_event):
    event = open_event(quotas={"government": 1})
    regs = [services.register(u, event) for u in people(2)]
    EventPage.objects.get(pk=event.pk).unpublish()
    page = EventPage.objects.get(pk=event.pk)
    quotas = list(page.quotas.all())
    quotas[0].seats = 2
    page.quotas = quotas
    page.go_live_at = timezone.now() + timedelta(hours=1)
    revision = page.save_revision()

    revision.publish()  # scheduled: Wagtail saves the seats, the page stays offline
    waiting_while_scheduled = statuses(regs)
    due = timezone.now() - timedelta(seconds=1)  # an hour later, for the schedule
    revision.content["go_live_at"] = due.isoformat()
    revision.approved_go_live_at = due
    revision.save()
    call_command("publish_scheduled")

    assert waiting_while_scheduled == ["confirmed", "waiting"]
    assert statuses(regs) == ["confirmed", "confirmed"]


def test_a_failing_mail_server_loses_no_registration(
    open_event, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens
    event = open_event(quotas={"government": 1})

    with django_capture_on_commit_callbacks(execute=True):
        registration = services.register(people(1)[0], event)

    assert statuses([registration]) == ["confirmed"]


def test_an_account_deleted_by_an_administrator_frees_its_seat(open_event):
    event = open_event(quotas={"government": 1})
    leaving, waiting = [services.register(u, event) for u in people(2)]

    leaving.user.delete()

    leaving.refresh_from_db()
    assert (leaving.user, leaving.status) == (None, "cancelled")
    assert leaving.log.last().reason == "Account deleted by an administrator"
    assert statuses([waiting]) == ["confirmed"]
