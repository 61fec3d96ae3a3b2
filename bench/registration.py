"""Registration on PostgreSQL: 200 clients press "Register" at once, first all in one
group (the hot group), then spread over every group, each run against the same race with
the seat locks switched off. Locked runs must overbook nothing; unlocked runs must
overbook, or the comparison is void."""

import threading
import time
from contextlib import contextmanager
from datetime import timedelta

from bench.report import Figure

CLIENTS = 200
SEATS = 20  # per group, and in the open pool


def participants(count):
    """`count` users with complete profiles, groups in turn (bulk, no hashing)."""
    from django.contrib.auth import get_user_model

    from events.models import StakeholderGroup
    from participants.models import Profile

    groups = list(StakeholderGroup.objects.order_by("pk"))
    users = get_user_model().objects.bulk_create(
        get_user_model()(
            username=f"bench{n}", email=f"bench{n}@example.org", password="!"
        )
        for n in range(count)
    )
    Profile.objects.bulk_create(
        Profile(
            user=user,
            full_name=f"Participant {n}",
            organisation="Bench",
            group=groups[n % len(groups)],
            country="KE",
        )
        for n, user in enumerate(users)
    )
    return users


def event(name):
    from django.utils import timezone

    from events.models import StakeholderGroup
    from tests.factories import EventPageFactory

    quotas = {g.slug: SEATS for g in StakeholderGroup.objects.all()} | {None: SEATS}
    return EventPageFactory(
        slug=f"bench-registration-{name}",
        quotas=quotas,
        registration_opens_at=timezone.now() - timedelta(hours=1),
    )


@contextmanager
def unlocked():
    """Seat rows read without FOR UPDATE: the bug the locks exist to prevent."""
    from events.models import Quota
    from participants import services

    locking = services.lock_seats

    def read_only(event, groups, mode):
        return list(Quota.objects.filter(event=event).order_by("pk"))

    services.lock_seats = read_only
    try:
        yield
    finally:
        services.lock_seats = locking


def race(event, users):
    """Every user registers in their own thread, all released at once: sign-ups/s."""
    from django.db import connections

    from participants import services

    start, errors = threading.Barrier(len(users) + 1), []

    def client(user):
        try:
            start.wait()
            services.register(user, event)
        except Exception as error:  # noqa: BLE001 - counted, the figure says how many
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=client, args=(u,)) for u in users]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    return len(users) / (time.perf_counter() - began), errors


def overbooked(event):
    """Seats held beyond each quota, counted from the registration rows."""
    from django.db.models import Count

    from participants.models import Registration

    seats = {q.group_id: q.seats for q in event.quotas.all()}
    held = (
        Registration.objects.holding_seats()
        .filter(event=event, mode=Registration.IN_PERSON)
        .values("group", "open_pool")
        .annotate(n=Count("pk"))
    )
    over = 0
    for row in held:
        quota = seats[None] if row["open_pool"] else seats.get(row["group"], 0)
        over += max(0, row["n"] - quota)
    return over


def run(env, *, quick):
    from events.models import StakeholderGroup

    users = participants(2000)
    groups = StakeholderGroup.objects.count()
    hot = [u for n, u in enumerate(users) if n % groups == 0]  # all in one group
    spread = users[: 2 * CLIENTS]
    assert len(hot) >= 2 * CLIENTS, "need 2 x 200 participants in the hot group"
    shapes = {"hot": hot, "spread": spread}

    figures = []
    for shape, racers in shapes.items():
        locked_event, unlocked_event = event(shape), event(f"{shape}-unlocked")
        rate, errors = race(locked_event, racers[:CLIENTS])
        with unlocked():
            free_rate, free_errors = race(unlocked_event, racers[CLIENTS : 2 * CLIENTS])
        over, free_over = overbooked(locked_event), overbooked(unlocked_event)
        name = f"registration.{shape}"
        figures += [
            Figure(
                f"{name}.signups",
                rate,
                "sign-ups/s",
                free_rate,
                "unlocked",
                min_value=200,
                min_ratio=0.5,
            ),
            Figure(
                f"{name}.overbooked",
                over,
                "seats",
                free_over,
                "unlocked",
                max_value=0,
                void="" if free_over else "the unlocked run did not overbook",
            ),
            Figure(
                f"{name}.refused",
                len(errors),
                "errors",
                len(free_errors),
                "unlocked",
                max_value=0,
            ),
        ]
    return figures
