"""A message drained by a real `manage.py db_worker` process that is killed (SIGKILL)
halfway: nobody gets the mail twice, the rest goes out once the scheduler's round finds
the message stalled, and the one mail the worker may have been sending is shown as
interrupted rather than sent again blindly."""

import email
import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone

from participants import messaging, services
from participants.models import Delivery, Message
from tests.factories import ProfileFactory
from tests.servers import servers_database_url
from tests.workers import run_worker

RECIPIENTS = 40


def mails_in(folder, subject):
    """Recipient -> number of mails with `subject` the file backend wrote in `folder`
    (the registrations' own confirmations go there too)."""
    counts = Counter()
    for name in os.listdir(folder):
        with open(os.path.join(folder, name), encoding="utf-8") as file:
            for raw in file.read().split("-" * 79):
                mail = email.message_from_string(raw.strip())
                if raw.strip() and mail["Subject"] == subject:
                    counts[mail["To"]] += 1
    return counts


def worker_process(folder):
    return subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--backend=background",
            "--queue-name=default",
            "--no-reload",
            "--no-startup-delay",
        ],
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "convening.settings.test",
            "DATABASE_URL": servers_database_url(),
            "BACKGROUND_TASKS": "database",
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(folder),
            "MESSAGES_PER_SECOND": "25",
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_for(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError("timed out")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_killed_mid_batch_sends_nothing_twice_and_loses_nothing(
    open_event, admin_user, database_queue, settings, tmp_path
):
    event = open_event(quotas={"government": RECIPIENTS})
    people = [
        services.register(ProfileFactory().user, event) for _ in range(RECIPIENTS)
    ]
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path)
    message = messaging.compose(
        admin_user,
        event,
        token=uuid.uuid4(),
        subject="Programme update",
        body="Hello {name}",
        audience={"statuses": ["confirmed"]},
    )
    messaging.send(admin_user, message)

    worker = worker_process(tmp_path)
    try:
        sent = Delivery.objects.filter(status=Delivery.Status.SENT)
        wait_for(lambda: sent.count() >= 8)
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
    halfway = Counter(Delivery.objects.values_list("status", flat=True))

    # The scheduler's round, later than STALLED: it queues the message again.
    later = timezone.now() + messaging.STALLED + timedelta(seconds=1)
    resumed = messaging.resume(now=later)
    run_worker()

    statuses = Counter(Delivery.objects.values_list("status", flat=True))
    received = mails_in(tmp_path, "Programme update")
    interrupted = set(
        Delivery.objects.filter(status=Delivery.Status.INTERRUPTED).values_list(
            "registration__user__email", flat=True
        )
    )
    assert halfway["sent"] >= 7 and halfway["queued"] > 0  # killed halfway indeed
    assert resumed == 1
    assert max(received.values()) == 1  # nobody twice
    assert statuses["sent"] + statuses["interrupted"] == RECIPIENTS
    assert statuses["interrupted"] <= 1
    everyone = {p.user.email for p in people}
    assert everyone - set(received) <= interrupted  # only an interrupted one is missing
    assert Message.objects.get().status == Message.Status.SENT
