"""Mail to the participant on every change of their registration, sent by a task on the
"background" queue, never in the request: a mail server that fails is logged (and the
task marked failed) and never undoes a registration."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django_tasks import task
from django_tasks.backends.immediate import ImmediateBackend

from participants.calendar import event_calendar
from participants.models import Registration
from participants.queries import waiting_position

logger = logging.getLogger("convening.participants")

SUBJECTS = {
    "confirmed": "Your place at {event} is confirmed",
    "pending": "Your registration for {event} awaits approval",
    "waiting": "You are on the waiting list for {event}",
    "cancelled": "Your registration for {event} is cancelled",
    "declined": "Your registration for {event} was declined",
}


def queue_state_mail(registration_pk):
    """Queue the mail from inside the change's transaction. A queue that stores tasks
    writes its row in that transaction, so a rollback sends nothing and a crash after
    commit loses nothing; the immediate backend (dev, tests) would send at once, so it
    waits for the commit."""
    if isinstance(send_state_mail.get_backend(), ImmediateBackend):
        transaction.on_commit(lambda: send_state_mail.enqueue(registration_pk))
    else:
        send_state_mail.enqueue(registration_pk)


@task(backend="background")
def send_state_mail(registration_pk):
    registration = (
        Registration.objects.select_related("event", "user", "group")
        .filter(pk=registration_pk, user__isnull=False)
        .first()
    )
    if registration is None:  # the account was deleted meanwhile
        return
    event = registration.event
    base_url = settings.WAGTAILADMIN_BASE_URL
    context = {
        "registration": registration,
        "event": event,
        "event_url": base_url + event.url,
        "registration_url": f"{base_url}/me/registrations/{registration.pk}/",
        "position": (
            waiting_position(registration)
            if registration.status == Registration.Status.WAITING
            else None
        ),
    }
    message = EmailMultiAlternatives(
        SUBJECTS[registration.status].format(event=event.title),
        render_to_string("participants/email/state.txt", context),
        to=[registration.user.email],
    )
    message.attach_alternative(
        render_to_string("participants/email/state.html", context), "text/html"
    )
    if registration.status == Registration.Status.CONFIRMED:
        message.attach(
            f"{event.slug}.ics", event_calendar(event, base_url), "text/calendar"
        )
    try:
        message.send()
    except OSError:
        logger.exception("Could not mail registration %s", registration_pk)
        raise  # the task result says FAILED, where the worker's failures are counted
