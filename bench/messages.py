"""A message to 2,000 registrants: how long pressing Send takes (its deliveries are
written and its task queued in the database, as in production), and how fast one
worker drains it, next to the floor of rendering and sending the same mails with
Django's locmem backend and no bookkeeping at all."""

import time
import uuid
from datetime import timedelta

from bench.report import Figure

PEOPLE = 2000


def registrants(count):
    """An event open for registration with `count` confirmed registrants (bulk)."""
    from django.utils import timezone

    from bench.registration import participants
    from participants.models import Profile, Registration
    from tests.factories import EventPageFactory

    event = EventPageFactory(
        slug=f"bench-messages-{count}",
        registration_opens_at=timezone.now() - timedelta(hours=1),
    )
    users = participants(count, prefix="bench-mail-")
    profiles = dict(Profile.objects.filter(user__in=users).values_list("user", "group"))
    Registration.objects.bulk_create(
        Registration(
            event=event,
            user=user,
            group_id=profiles[user.pk],
            status=Registration.Status.CONFIRMED,
        )
        for user in users
    )
    return event


def organiser():
    from django.contrib.auth import get_user_model

    user, _ = get_user_model().objects.get_or_create(
        username="bench-organiser", defaults={"is_superuser": True, "is_staff": True}
    )
    return user


TEXT = (
    "Room change for {event}",
    "Hello {name},\n\nThe opening moves to Room 2 ({venue}).\n\n{registration_link}",
)


def run(env, *, quick):
    from django.core import mail
    from django.db import connection
    from django.test import override_settings

    from participants import emails, messaging
    from participants.models import Delivery, Registration

    count = 300 if quick else PEOPLE
    event = registrants(count)
    author = organiser()
    message = messaging.compose(
        author,
        event,
        token=uuid.uuid4(),
        subject=TEXT[0],
        body=TEXT[1],
        audience={"statuses": ["confirmed"]},
    )
    began = time.perf_counter()
    messaging.send(author, message)  # the production queue: a row in the database
    queue_ms = (time.perf_counter() - began) * 1000
    assert Delivery.objects.filter(message=message).count() == count

    # The floor of queueing: reading the recipients and writing one bare row each.
    began = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMP TABLE bench_rows (registration_id bigint)")
        rows = list(
            messaging.recipients(event, message.audience).values_list("pk", flat=True)
        )
        cursor.executemany("INSERT INTO bench_rows VALUES (%s)", [(r,) for r in rows])
        cursor.execute("DROP TABLE bench_rows")
    floor_queue_ms = (time.perf_counter() - began) * 1000

    backend = "django.core.mail.backends.locmem.EmailBackend"
    with override_settings(EMAIL_BACKEND=backend):
        mail.outbox = []
        began = time.perf_counter()
        messaging.drain.call(message.pk)  # what the worker runs
        drain_rate = count / (time.perf_counter() - began)
        assert len(mail.outbox) == count

        people = Registration.objects.filter(event=event).select_related(
            "user__profile", "group", "event"
        )
        mail.outbox = []
        began = time.perf_counter()
        for registration in people:
            rendered = emails.mail_of(*TEXT, registration)
            emails.send(rendered, registration.user.email)
        floor_rate = count / (time.perf_counter() - began)
        mail.outbox = []
    return [
        Figure(
            f"messages.{count}.queue",
            queue_ms,
            "ms",
            floor_queue_ms,
            f"reading {count} recipients and inserting a bare row each",
            max_value=2000,
        ),
        Figure(
            f"messages.{count}.drain",
            drain_rate,
            "mails/s",
            floor_rate,
            "rendering and sending the same mails (locmem), no bookkeeping",
            min_ratio=0.2,
        ),
    ]
