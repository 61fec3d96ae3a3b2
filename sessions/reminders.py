"""What participants' mail knows of the programme, which the participants app (a lower
layer) cannot import: the {agenda} and {session} placeholders, the "session in their
agenda" audience of a message, and the reminder before each session in an agenda."""

from datetime import timedelta

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events.models import EventPage
from events.queries import public
from participants import mail_texts, messaging
from participants.models import Registration
from sessions.models import AgendaItem, SessionPage
from toolkit.page_languages import sources


def when(session, tz):
    start, end = session.start.astimezone(tz), session.end.astimezone(tz)
    return f"{date_format(start, _('D j M H:i'))}–{date_format(end, _('H:i'))}"


def line(session, tz):
    room = f" ({session.room.name})" if session.room_id else ""
    return f"{when(session, tz)}  {session.title}{room}"


def agenda_text(registration, context):
    """The participant's public sessions of this event, one line each, in its zone."""
    event = registration.event
    rows = (
        public(SessionPage.objects.descendant_of(event))
        .filter(agenda_items__user=registration.user_id)
        .exclude(status=SessionPage.Status.CANCELLED)
        .select_related("room")
        .order_by("start", "title")
    )
    lines = [line(session, event.tzinfo) for session in rows]
    return "\n".join(lines) or _("(none yet: add sessions from the programme)")


def session_text(registration, context):
    page = context.get("session")
    if page is None:
        return ""
    session = SessionPage.objects.select_related("room").filter(pk=page.pk).first()
    if session is None:
        return page.title
    return line(session, registration.event.tzinfo)


def event_sessions(event):
    """The event's public sessions, as the message form's choices."""
    rows = public(SessionPage.objects.descendant_of(event)).order_by("start", "title")
    return [
        (s.pk, f"{when(s, event.tzinfo)} {s.title}")
        for s in rows.only("start", "end", "title")
    ]


def agenda_users(session_pk):
    return AgendaItem.objects.filter(session_id=session_pk).values("user")


def session_reminders_due(now=None):
    """Queue the reminder of each public session starting within its event's
    session_reminder_minutes, to the confirmed registrants who put it in their
    agenda and were not reminded yet."""
    now = now or timezone.now()
    added = 0
    events = sources(EventPage.objects.live()).filter(
        session_reminder_minutes__isnull=False,
        end_date__gte=(now - timedelta(days=1)).date(),
    )
    for event in events:
        soon = now + timedelta(minutes=event.session_reminder_minutes)
        sessions = (
            public(SessionPage.objects.descendant_of(event))
            .filter(start__gt=now, start__lte=soon)
            .exclude(status=SessionPage.Status.CANCELLED)
        )
        for session in sessions:
            people = Registration.objects.filter(
                event=event,
                status=Registration.Status.CONFIRMED,
                user__in=agenda_users(session.pk),
            )
            added += messaging.remind(
                event,
                f"{messaging.SESSION_REMINDER}{session.pk}",
                people,
                session=session.page_ptr,
            )
    return added


def connect():
    """Tell the participants app what only the programme knows (from ready())."""
    mail_texts.providers["agenda"] = mail_texts.Provider(
        gettext_lazy("the participant's sessions of the event, with times"),
        agenda_text,
        gettext_lazy("Tue 12 May 10:00–11:30  Opening plenary (Main hall)"),
    )
    mail_texts.providers["session"] = mail_texts.Provider(
        gettext_lazy("the session a message or reminder is about"),
        session_text,
        gettext_lazy("Tue 12 May 14:00–15:30  Small grants, big lessons (Room 2)"),
    )
    messaging.agenda_source = messaging.AgendaSource(event_sessions, agenda_users)
