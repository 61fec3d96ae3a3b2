"""Mail to the participant on every change of their registration, sent by a task on the
"background" queue, never in the request: a mail server that fails is logged (and the
task marked failed) and never undoes a registration.

Every mail here is made from a text (participants.mail_texts: the event's own, else the
default) and a registration's values, and every link in it starts with SITE_URL."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import dateformat, translation
from django.utils.translation import gettext as _
from django_tasks import task
from django_tasks.backends.immediate import ImmediateBackend

from participants import languages, mail_texts
from participants.attendance import badges
from participants.calendar import event_calendar
from participants.mail_texts import Kind
from participants.models import MailText, Registration, RegistrationEvent
from participants.queries import online_offer_open, waiting_position
from toolkit.addresses import absolute, page_address

logger = logging.getLogger("convening.participants")

# The reason on a promotion's log entry (read back by queries.promoted_since).
PROMOTED = "A place became free"


def text_of(event, kind):
    """(subject, body) the event sends for `kind`: its own, else the default."""
    own = MailText.objects.filter(event=event, kind=kind).first()
    return (own.subject, own.body) if own else mail_texts.default_text(kind)


def keep_text(event, kind, subject, body, *, by):
    """The event's own text for `kind` from now on (checked: MailTextError)."""
    mail_texts.check(subject, body)
    MailText.objects.update_or_create(
        event=event,
        kind=kind,
        defaults={"subject": subject, "body": body, "updated_by": by},
    )


def forget_text(event, kind):
    """Back to the default text for `kind`."""
    MailText.objects.filter(event=event, kind=kind).delete()


def dates_of(event):
    start, end = event.start_date, event.end_date
    day = _("j F Y")  # a date format: each language gives its own order
    if start == end:
        return dateformat.format(start, day)
    return _("%(start)s – %(end)s") % {
        "start": dateformat.format(start, day),
        "end": dateformat.format(end, day),
    }


def values(registration, names, *, entry=None, context=None):
    """The values of the placeholders `names` for `registration` (its event and user
    loaded); each is worked out only when a text names it (some cost a query)."""
    event, user = registration.event, registration.user
    profile = getattr(user, "profile", None) if user else None
    confirmed = registration.status == Registration.Status.CONFIRMED
    waiting = registration.status == Registration.Status.WAITING
    in_person = registration.mode == Registration.Mode.IN_PERSON
    offer = _(
        "Online places are still free: you can take one now on your registration page."
    )
    found = {
        "name": lambda: (profile and profile.full_name) or (user.email if user else ""),
        "event": lambda: event.title,
        "dates": lambda: dates_of(event),
        "venue": lambda: event.venue if in_person else "",
        "event_link": lambda: page_address(event),
        "registration_link": lambda: absolute(
            reverse("participants:registration", args=[registration.pk])
        ),
        "status": lambda: registration.get_status_display().lower(),
        "group": lambda: str(registration.group),
        "mode": lambda: registration.get_mode_display().lower(),
        "position": lambda: waiting_position(registration) if waiting else "",
        "reason": lambda: entry.reason if entry and entry.reason_typed else "",
        "online_link": lambda: event.online_link if confirmed else "",
        "online_offer": lambda: offer if online_offer_open(registration) else "",
        "badge_link": lambda: (
            absolute(reverse("participants:badge", args=[registration.pk]))
            if badges.has_badge(registration)
            else ""
        ),
    }
    for name, provider in mail_texts.providers.items():
        found[name] = lambda p=provider: p.value(registration, context or {})
    return {name: found[name]() for name in names if name in found}


def mail_of(subject, body, registration, *, entry=None, context=None):
    """The mail `subject` and `body` make for `registration`."""
    names = set(mail_texts.placeholders_in(subject + "\n" + body))
    filled = values(registration, names, entry=entry, context=context)
    return mail_texts.render(subject, body, filled)


def send(mail, to, *, attachments=()):
    """Send a rendered Mail (text and HTML from one text) to one address."""
    message = EmailMultiAlternatives(mail.subject, mail.text, to=[to])
    message.attach_alternative(
        render_to_string(
            "participants/email/mail.html", {"mail": mail, "lang": html_lang()}
        ),
        "text/html",
    )
    for attachment in attachments:
        message.attach(*attachment)
    message.send()


def html_lang():
    """The active language as HTML's lang attribute writes it ("en-GB", "zh-Hans")."""
    first, *rest = (translation.get_language() or settings.LANGUAGE_CODE).split("-")
    return "-".join([first, *(p.title() if len(p) == 4 else p.upper() for p in rest)])


def state_kind(entry):
    """Which mail a change of state sends."""
    if entry.to_status == Registration.Status.CONFIRMED and entry.reason == PROMOTED:
        return Kind.PROMOTED
    return entry.to_status


def enqueue_after_commit(mail_task, *args):
    """Queue `mail_task` from inside the transaction that calls for it. A queue that
    stores tasks writes its row in that transaction, so a rollback sends nothing and a
    crash after commit loses nothing; the immediate backend (dev, tests) would send at
    once, so it waits for the commit."""
    if isinstance(mail_task.get_backend(), ImmediateBackend):
        transaction.on_commit(lambda: mail_task.enqueue(*args))
    else:
        mail_task.enqueue(*args)


def queue_state_mail(entry_pk):
    """Queue the mail of one change (a RegistrationEvent)."""
    enqueue_after_commit(send_state_mail, entry_pk)


@task(backend="background")
def send_state_mail(entry_pk):
    entry = (
        RegistrationEvent.objects.select_related(
            "registration__event",
            "registration__user__profile",
            "registration__group",
        )
        .filter(pk=entry_pk, registration__user__isnull=False)
        .first()
    )
    if entry is None:  # the account was deleted meanwhile
        return
    registration = entry.registration
    # The state the change made, even if another change came after it.
    registration.status = entry.to_status
    event = registration.event
    kind = state_kind(entry)
    attachments = []
    if registration.status == Registration.Status.CONFIRMED:
        calendar = (f"{event.slug}.ics", event_calendar(event), "text/calendar")
        attachments.append(calendar)
    try:
        with languages.writing_to(registration.user):
            subject, body = text_of(event, kind)
            rendered = mail_of(subject, body, registration, entry=entry)
            send(rendered, registration.user.email, attachments=attachments)
    except OSError:
        logger.exception("Could not mail registration change %s", entry_pk)
        raise  # the task result says FAILED, where the worker's failures are counted


def sample_values(event):
    """Made-up values for previewing a text in the admin."""
    return {
        "name": "Amina Diallo",
        "event": event.title,
        "dates": dates_of(event),
        "venue": event.venue,
        "event_link": page_address(event),
        "registration_link": absolute("/me/registrations/1/"),
        "status": str(Registration.Status.CONFIRMED.label).lower(),
        "group": _("Civil society"),
        "mode": str(Registration.Mode.IN_PERSON.label).lower(),
        "position": 3,
        "reason": _("The workshop is for members of the partnership only."),
        "online_link": event.online_link,
        "online_offer": "",
        "badge_link": absolute("/me/registrations/1/badge/"),
        **{name: p.sample for name, p in mail_texts.providers.items()},
    }
