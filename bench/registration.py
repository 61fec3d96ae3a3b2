"""Registration on PostgreSQL: 200 clients press "Register" at once, first all in one
group (the hot group), then spread over every group, each run against the same race with
the seat locks switched off. Locked runs must overbook nothing; unlocked runs must
overbook, or the comparison is void. The clients are threads in four processes, as four
server processes would run them: one Python process alone is bound by its GIL. Their
confirmation mails wait in the database queue, as in production, until one
`manage.py db_worker --batch` sends them all at the end."""

import contextlib
import multiprocessing
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from datetime import timedelta

from bench.environment import ROOT
from bench.report import Figure

CLIENTS = 200
PROCESSES = 4  # as several daphne processes would serve them
SEATS = 20  # per group, and in the open pool


def participants(count, *, hot=0, prefix="bench"):
    """`count` users with complete profiles (bulk, no hashing): the first `hot` in the
    first group, the rest in every group in turn; `prefix` keeps benches apart."""
    from django.contrib.auth import get_user_model

    from events.models import StakeholderGroup
    from participants.models import Profile

    groups = list(StakeholderGroup.objects.order_by("pk"))
    users = get_user_model().objects.bulk_create(
        get_user_model()(
            username=f"{prefix}{n}", email=f"{prefix}{n}@example.org", password="!"
        )
        for n in range(count)
    )
    Profile.objects.bulk_create(
        Profile(
            user=user,
            full_name=f"Participant {n}",
            organisation="Bench",
            group=groups[0 if n < hot else n % len(groups)],
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


def _server_process(event_pk, user_pks, locked, barrier, results):
    """One server process: a thread per client, all released when every process is
    ready. Runs in a spawned interpreter, as a daphne process would."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connections

    import convening.asgi  # noqa: F401 - as daphne loads it: gc frozen after start-up
    from events.models import EventPage
    from participants import services

    event = EventPage.objects.get(pk=event_pk)
    users = list(get_user_model().objects.filter(pk__in=user_pks))
    go, errors = threading.Event(), []

    def client(user):
        try:
            go.wait()
            services.register(user, event)
        except Exception as error:  # noqa: BLE001 - counted, the figure says how many
            errors.append(repr(error))
        finally:
            connections.close_all()

    with contextlib.nullcontext() if locked else unlocked():
        threads = [threading.Thread(target=client, args=(u,)) for u in users]
        for thread in threads:
            thread.start()
        connections.close_all()
        barrier.wait()
        go.set()
        for thread in threads:
            thread.join()
    results.put(errors)


def race(event, users, *, locked=True):
    """The users register at once from PROCESSES server processes: sign-ups/s."""
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(PROCESSES + 1), context.Queue()
    shares = [[u.pk for u in users[n::PROCESSES]] for n in range(PROCESSES)]
    processes = [
        context.Process(
            target=_server_process, args=(event.pk, share, locked, barrier, results)
        )
        for share in shares
    ]
    for process in processes:
        process.start()
    barrier.wait()
    began = time.perf_counter()
    errors = [error for _ in processes for error in results.get()]
    elapsed = time.perf_counter() - began
    for process in processes:
        process.join()
    return len(users) / elapsed, errors


def overbooked(event):
    """Seats held beyond each quota, counted from the registration rows."""
    from django.db.models import Count

    from participants.models import Registration

    seats = {q.group_id: q.seats for q in event.quotas.all()}
    held = (
        Registration.objects.holding_seats()
        .filter(event=event, mode=Registration.Mode.IN_PERSON)
        .values("group", "open_pool")
        .annotate(n=Count("pk"))
    )
    over = 0
    for row in held:
        quota = seats[None] if row["open_pool"] else seats.get(row["group"], 0)
        over += max(0, row["n"] - quota)
    return over


def drain(env):
    """One worker sends every queued mail, then exits: (mails sent per second from its
    first start to its last finish, tasks not successful, tasks queued)."""
    from django.db.models import Max, Min
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    queued = DBTaskResult.objects.count()
    subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"]
        + ["--backend", "background", "--queue-name", "default", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    tasks = DBTaskResult.objects.all()
    sent = tasks.filter(status=TaskResultStatus.SUCCESSFUL)
    span = sent.aggregate(first=Min("started_at"), last=Max("finished_at"))
    seconds = (span["last"] - span["first"]).total_seconds() if span["last"] else 0
    return (
        sent.count() / seconds if seconds else 0.0,
        tasks.exclude(status=TaskResultStatus.SUCCESSFUL).count(),
        queued,
    )


def run(env, *, quick):
    users = participants(2000, hot=2 * CLIENTS)
    shapes = {"hot": users[: 2 * CLIENTS], "spread": users[2 * CLIENTS :]}

    figures, signups = [], {}
    for shape, racers in shapes.items():
        locked_event, unlocked_event = event(shape), event(f"{shape}-unlocked")
        rate, errors = race(locked_event, racers[:CLIENTS])
        free_rate, free_errors = race(
            unlocked_event, racers[CLIENTS : 2 * CLIENTS], locked=False
        )
        signups[shape] = rate
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
    mail_rate, failed, queued = drain(env)
    figures += [
        Figure(
            "registration.mail.drain",
            mail_rate,
            "mails/s",
            signups["hot"],
            "sign-ups/s",
        ),
        Figure(
            "registration.mail.failed", failed, "tasks", queued, "queued", max_value=0
        ),
    ]
    return figures
