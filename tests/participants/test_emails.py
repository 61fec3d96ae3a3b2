"""The registration mail through the database queue, as production sends it: queued in
the registration's transaction, sent by `manage.py db_worker`."""

import pytest
from django.core import mail
from django.db import transaction
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from participants import services
from participants.models import Registration
from tests.factories import ProfileFactory
from tests.workers import run_worker


# Committed for real: the worker closes its connection between tasks, as a process of
# its own would, which a test's wrapping transaction could not survive. The flush after
# it keeps what the migrations made (root page, content types) for the race tests.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_sends_the_confirmation_queued_by_register(
    open_event, database_queue
):
    event = open_event(quotas={"government": 1})
    user = ProfileFactory(group_slug="government").user

    registration = services.register(user, event)
    queued = list(DBTaskResult.objects.values_list("task_path", "status"))
    outbox_before = len(mail.outbox)
    run_worker()

    assert (registration.status, outbox_before) == (Registration.Status.CONFIRMED, 0)
    assert queued == [("participants.emails.send_state_mail", TaskResultStatus.READY)]
    (message,) = mail.outbox
    assert message.subject == f"Your place at {event.title} is confirmed"
    assert message.to == [user.email]
    assert [(name, kind) for name, _, kind in message.attachments] == [
        (f"{event.slug}.ics", "text/calendar")
    ]
    assert list(DBTaskResult.objects.values_list("status", flat=True)) == [
        TaskResultStatus.SUCCESSFUL
    ]


class Crash(Exception):
    pass


@pytest.mark.parametrize("queue", ["database_queue", "settings"], ids=["db", "inline"])
def test_a_registration_rolled_back_queues_and_sends_no_mail(
    request, open_event, django_capture_on_commit_callbacks, queue
):
    request.getfixturevalue(queue)  # "settings": the test settings' inline backend
    event = open_event(quotas={"government": 1})
    user = ProfileFactory(group_slug="government").user

    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(Crash), transaction.atomic():
            services.register(user, event)
            raise Crash  # after the registration, in the caller's transaction

    assert Registration.objects.count() == 0
    assert DBTaskResult.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_relay_that_fails_marks_the_task_failed_and_keeps_the_registration(
    open_event, database_queue, settings, caplog
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens
    event = open_event(quotas={"government": 1})
    registration = services.register(
        ProfileFactory(group_slug="government").user, event
    )

    run_worker()

    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    assert list(DBTaskResult.objects.values_list("status", "exception_class_path")) == [
        (TaskResultStatus.FAILED, "builtins.ConnectionRefusedError")
    ]
    entry = registration.log.get()
    assert f"Could not mail registration change {entry.pk}" in caplog.text
