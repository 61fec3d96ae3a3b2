"""Messages to an event's registrants and the reminders the scheduler writes: who gets
one, sending each exactly once, and the outbox.

A message is written as a draft (one per compose form: a second submit finds it), then
sent: one conditional update turns the draft into "sending" and writes a Delivery row
per recipient, so a double click or a second tab sends nothing more. A worker drains
the deliveries one at a time: it claims a row ("queued" -> "sending", one UPDATE that
only one worker can win), sends its mail, then marks it "sent". A worker killed between
the two leaves the row "sending"; `resume` marks it "interrupted" (it may or may not
have arrived, so it is not sent again unless an organiser asks) and queues the rest. A
relay that refuses puts the row back in the queue with its error, to be tried again.

The same outbox carries mails to named accounts that need not be registered, written
in full by a higher layer (`write`: the decisions on session proposals); such a mail
may be held until a time (`send_after`), and a later mail on the same matter marks
the queued ones "superseded" (`supersede`) rather than letting both arrive.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from events.models import Country, EventPage
from events.services import can_manage
from participants import emails, languages, mail_texts
from participants.mail_texts import Kind
from participants.models import Delivery, Message, Registration
from toolkit.page_languages import sources

# After this long without progress, a message's worker is taken for dead.
STALLED = timedelta(minutes=2)
# Tries of one delivery before it is left "failed" for an organiser to retry.
ATTEMPTS = 5
REMINDER = "reminder"
SESSION_REMINDER = "session-reminder:"
OPEN = (Delivery.Status.QUEUED, Delivery.Status.SENDING)


class MessageError(Exception):
    """A refusal, worded for the organiser."""


@dataclass
class AgendaSource:
    """What the programme (a higher layer, which registers it in its ready()) tells
    messages about agendas: the event's sessions, and who put one in their agenda."""

    sessions: Callable  # (event) -> [(page pk, label)]
    users: Callable  # (session pk) -> a queryset of user pks


agenda_source = None


def session_choices(event):
    """The event's sessions a message may be about: (page pk, label) pairs."""
    return agenda_source.sessions(event) if agenda_source else []


def recipients(event, audience):
    """The active registrations (with an account) that `audience` chooses: statuses
    (of the active ones), group, mode, country, region, session in agenda."""
    rows = Registration.objects.active().filter(event=event, user__isnull=False)
    if audience.get("statuses"):
        rows = rows.filter(status__in=audience["statuses"])
    if audience.get("group"):
        rows = rows.filter(group_id=audience["group"])
    if audience.get("mode"):
        rows = rows.filter(mode=audience["mode"])
    if audience.get("country"):
        rows = rows.filter(user__profile__country=audience["country"])
    if audience.get("region"):
        codes = Country.objects.filter(region=audience["region"]).values("code")
        rows = rows.filter(user__profile__country__in=codes)
    if audience.get("session") and agenda_source is not None:
        rows = rows.filter(user__in=agenda_source.users(audience["session"]))
    return rows.order_by("pk")


def compose(actor, event, *, token, subject, body, audience, session=None):
    """The draft this compose form makes (the same one on a second submit)."""
    if not can_manage(actor, event):
        raise MessageError(_("You may not write to this event's registrants."))
    try:
        mail_texts.check(subject, body)
    except mail_texts.MailTextError as error:
        raise MessageError(str(error)) from None
    fields = {
        "subject": subject,
        "body": body,
        "audience": audience,
        "session": session,
        "created_by": actor,
    }
    try:
        with transaction.atomic():
            message, _created = Message.objects.get_or_create(
                event=event, token=token, defaults=fields
            )
    except IntegrityError:  # two submits of one form at once
        message = Message.objects.get(event=event, token=token)
    if message.status == Message.Status.DRAFT:
        Message.objects.filter(pk=message.pk, status=Message.Status.DRAFT).update(
            **fields
        )
        message.refresh_from_db()
    return message


def message_of(actor, event, pk):
    """The event's message `pk` for someone who manages the event; None otherwise."""
    if not can_manage(actor, event):
        return None
    return Message.objects.filter(event=event, pk=pk).first()


def send(actor, message):
    """Send a draft to its recipients: True if this call sent it, False if it had
    been sent already (a double click, a second tab)."""
    if not can_manage(actor, message.event):
        raise MessageError(_("You may not write to this event's registrants."))
    with transaction.atomic():
        if not _start_sending(message):
            return False
        rows = recipients(message.event, message.audience).values_list("pk", flat=True)
        Delivery.objects.bulk_create(
            Delivery(message=message, registration_id=pk) for pk in rows
        )
        emails.enqueue_after_commit(drain, message.pk)
    return True


def _start_sending(message):
    """Turn the draft into "sending"; only one caller can (one conditional update)."""
    return Message.objects.filter(pk=message.pk, status=Message.Status.DRAFT).update(
        status=Message.Status.SENDING, sent_at=timezone.now()
    )


def retry(actor, message):
    """Queue again what failed or was interrupted; the number queued."""
    if not can_manage(actor, message.event):
        raise MessageError(_("You may not write to this event's registrants."))
    with transaction.atomic():
        again = message.deliveries.filter(
            status__in=[Delivery.Status.FAILED, Delivery.Status.INTERRUPTED]
        ).update(status=Delivery.Status.QUEUED, attempts=0)
        if again:
            Message.objects.filter(pk=message.pk).update(status=Message.Status.SENDING)
            emails.enqueue_after_commit(drain, message.pk)
    return again


def text_for(message):
    """(subject, body) a message sends: its own, or the event's reminder text."""
    if message.purpose == REMINDER:
        return emails.text_of(message.event, Kind.REMINDER)
    if message.purpose.startswith(SESSION_REMINDER):
        return emails.text_of(message.event, Kind.SESSION_REMINDER)
    return message.subject, message.body


def heading(message):
    """What the outbox calls a message."""
    if message.purpose == REMINDER:
        return _("Reminder before the event")
    if message.purpose.startswith(SESSION_REMINDER):
        if message.session is None:
            return _("Reminder: a session")
        return _("Reminder: %(title)s") % {"title": message.session.title}
    return message.subject


def mail_for(message, registration):
    subject, body = text_for(message)
    context = {"session": message.session}
    return emails.mail_of(subject, body, registration, context=context)


def recipient(delivery):
    """The account a delivery goes to, whose language the mail is written in."""
    if delivery.registration_id is None:
        return delivery.user
    return delivery.registration.user


def _mail_and_address(message, delivery):
    """(the mail, its address) of a delivery to a registrant or to an account."""
    if delivery.registration_id is None:
        return mail_texts.plain(message.subject, message.body), delivery.user.email
    registration = delivery.registration
    registration.event = message.event
    return mail_for(message, registration), registration.user.email


def write(event, *, matter, subject, body, users, audience, send_after=None):
    """Queue a mail written in full to the accounts `users`, the next on `matter`
    (a purpose prefix, "proposal:<pk>:"), kept until `send_after` if that is later
    than now. `audience` says in words to whom, for the outbox. Call it inside the
    transaction that makes the mail due, holding a lock on the matter."""
    earlier = Message.objects.filter(event=event, purpose__startswith=matter).count()
    message = Message.objects.create(
        event=event,
        purpose=f"{matter}{earlier + 1}",
        subject=subject,
        body=body,
        audience={"words": audience},
        status=Message.Status.SENDING,
        sent_at=timezone.now(),
        send_after=send_after,
    )
    Delivery.objects.bulk_create(
        Delivery(message=message, user=user)
        for user in {u.pk: u for u in users}.values()
    )
    emails.enqueue_after_commit(drain, message.pk)
    return message


def supersede(event, prefix):
    """The queued mails of `event` whose purpose starts with `prefix` are not to be
    sent any more (a later decision says otherwise); how many were stopped."""
    messages = Message.objects.filter(event=event, purpose__startswith=prefix)
    stopped = Delivery.objects.filter(
        message__in=messages, status=Delivery.Status.QUEUED
    ).update(status=Delivery.Status.SUPERSEDED, changed_at=timezone.now())
    for message in messages.filter(status=Message.Status.SENDING):
        _finish(message)
    return stopped


def written(message):
    """Whether `message` was written in full for named accounts (`write`)."""
    return "words" in message.audience


def held(message, now=None):
    return message.send_after is not None and message.send_after > (
        now or timezone.now()
    )


# The claim, in SQL: the ORM spent 2 ms building this UPDATE with its join, for each
# mail, five times what the database takes (bench/messages.py).
CLAIM = """
    UPDATE {delivery} SET status = 'sending', attempts = attempts + 1, changed_at = %s
    WHERE id = %s AND status = 'queued' AND (registration_id IS NULL OR EXISTS (
        SELECT 1 FROM {registration} r WHERE r.id = {delivery}.registration_id
        AND r.status IN ('pending', 'confirmed', 'waiting') AND r.user_id IS NOT NULL))
"""


def _claim(pk):
    """Take a queued delivery for this worker, if its registrant is still registered
    (a delivery to an account goes while the account exists):
    1 if taken, 0 if another worker took it first or the registrant left (then it is
    marked skipped). One statement, so two workers never both take it."""
    sql = CLAIM.format(
        delivery=Delivery._meta.db_table, registration=Registration._meta.db_table
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [timezone.now(), pk])
        taken = cursor.rowcount
    if not taken:
        # Whoever left the event (cancelled, declined, deleted their account) gets none.
        Delivery.objects.filter(pk=pk, status=Delivery.Status.QUEUED).update(
            status=Delivery.Status.SKIPPED, changed_at=timezone.now()
        )
    return taken


def _pause():
    """Seconds between two mails, so a relay's rate limit is kept."""
    rate = getattr(settings, "MESSAGES_PER_SECOND", None)
    return 1 / rate if rate else 0


BATCH = 100  # deliveries read at once; each is still claimed on its own


@task(backend="background")
def drain(message_pk):
    """Send the message's queued deliveries, one at a time; stops at the first mail
    the relay refuses (the rest wait for the next try). A mail is marked sent in the
    same transaction that claims the next one: one commit per mail."""
    message = Message.objects.select_related("event", "session").get(pk=message_pk)
    if held(message):
        return  # the scheduler's round queues it again once it is due (resume)
    pause = _pause()
    queued = (
        message.deliveries.filter(status=Delivery.Status.QUEUED)
        .select_related(
            "registration__user__profile", "registration__group", "user__profile"
        )
        .order_by("pk")
    )
    sent = None  # the last mail sent, not yet marked
    while batch := list(queued[:BATCH]):
        for delivery in batch:
            with transaction.atomic():
                if sent is not None:
                    _mark_sent(sent)
                    sent = None
                if not _claim(delivery.pk):
                    continue  # another worker has it, or the registrant left
            if pause:
                time.sleep(pause)
            try:
                with languages.writing_to(recipient(delivery)):
                    emails.send(*_mail_and_address(message, delivery))
            except OSError as error:
                tried = delivery.attempts + 1
                status = (
                    Delivery.Status.FAILED
                    if tried >= ATTEMPTS
                    else Delivery.Status.QUEUED
                )
                _mark(
                    delivery.pk, status, error=f"{type(error).__name__}: {error}"[:300]
                )
                raise  # the task is marked failed; resume() tries again later
            sent = delivery.pk
    if sent is not None:
        _mark_sent(sent)
    _finish(message)


def _mark_sent(pk):
    with connection.cursor() as cursor:
        now = timezone.now()
        cursor.execute(
            f"UPDATE {Delivery._meta.db_table} SET status = 'sent', sent_at = %s, "
            "changed_at = %s, error = '' WHERE id = %s",
            [now, now, pk],
        )


def _mark(pk, status, **fields):
    Delivery.objects.filter(pk=pk).update(
        status=status, changed_at=timezone.now(), **fields
    )


def _finish(message):
    if not message.deliveries.filter(status__in=OPEN).exists():
        Message.objects.filter(pk=message.pk, status=Message.Status.SENDING).update(
            status=Message.Status.SENT
        )


def resume(now=None):
    """The scheduler's round: deliveries a dead worker left "sending" become
    "interrupted", and messages with queued deliveries and no progress for STALLED
    (a held message's included, once its time has come) are queued again. Returns
    the number of messages queued again."""
    now = now or timezone.now()
    stale = now - STALLED
    # changed_at stays: marking a dead worker's mail is no sign of progress.
    Delivery.objects.filter(
        status=Delivery.Status.SENDING, changed_at__lt=stale
    ).update(status=Delivery.Status.INTERRUPTED)
    stalled = (
        Message.objects.filter(status=Message.Status.SENDING)
        .exclude(send_after__gt=now)
        .annotate(
            queued=Count("deliveries", filter=Q(deliveries__status="queued")),
            moving=Count(
                "deliveries",
                filter=Q(deliveries__status="sending")
                | Q(deliveries__changed_at__gte=stale),
            ),
        )
        .filter(queued__gt=0, moving=0)
        .values_list("pk", flat=True)
    )
    pks = list(stalled)
    for pk in pks:
        drain.enqueue(pk)
    for message in Message.objects.filter(status=Message.Status.SENDING).exclude(
        pk__in=pks
    ):
        _finish(message)
    return len(pks)


def remind(event, purpose, registrations, *, session=None):
    """Make sure each of `registrations` gets the reminder `purpose` of `event` once:
    the message is one row per event and purpose, a delivery one per person. Returns
    how many were added."""
    message, _created = Message.objects.get_or_create(
        event=event,
        purpose=purpose,
        defaults={"status": Message.Status.SENDING, "session": session},
    )
    have = message.deliveries.values("registration")
    new = [
        Delivery(message=message, registration_id=pk)
        for pk in registrations.exclude(pk__in=have).values_list("pk", flat=True)
    ]
    if not new:
        return 0
    with transaction.atomic():
        Delivery.objects.bulk_create(new, ignore_conflicts=True)
        Message.objects.filter(pk=message.pk).update(status=Message.Status.SENDING)
        emails.enqueue_after_commit(drain, message.pk)
    return len(new)


def event_reminders_due(now=None):
    """Queue the reminder of every live event whose reminder time has come and that
    has not begun, to its confirmed registrants not reminded yet."""
    now = now or timezone.now()
    added = 0
    for event in sources(EventPage.objects.live()).filter(
        reminder_hours__isnull=False, start_date__gte=(now - timedelta(days=1)).date()
    ):
        starts = event.starts_at()
        if starts - timedelta(hours=event.reminder_hours) <= now < starts:
            confirmed = Registration.objects.filter(
                event=event,
                status=Registration.Status.CONFIRMED,
                user__isnull=False,
            )
            added += remind(event, REMINDER, confirmed)
    return added


def outbox(event):
    """The event's messages, newest first, each with its counts by status."""
    counts = {
        status: Count("deliveries", filter=Q(deliveries__status=status))
        for status in Delivery.Status.values
    }
    return (
        Message.objects.filter(event=event)
        .annotate(
            recipients=Count("deliveries"), **{f"n_{k}": v for k, v in counts.items()}
        )
        .select_related("created_by", "session")
    )
