"""What attendance (participants.attendance) learns from the programme: the sessions
a desk checks people in at, with their rooms' seats; and for certificates, session
titles and times, and the roles someone held."""

from datetime import datetime, time, timedelta

from participants.attendance import certificates, checkin
from sessions.models import SessionPage, SessionRole


def session_titles(pks):
    rows = SessionPage.objects.filter(pk__in=pks).values_list("pk", "title", "start")
    return {pk: (title, start) for pk, title, start in rows}


def roles_of(event, user):
    """(role, session title) of the live, scheduled sessions of `event` where the
    programme's person linked to `user` holds a role."""
    roles = SessionRole.objects.filter(
        session__in=SessionPage.objects.live().child_of(event),
        session__status=SessionPage.Status.SCHEDULED,
        person__user=user,
    ).select_related("session")
    return [
        (role.get_role_display(), role.session.title)
        for role in roles.order_by("session__start", "pk")
    ]


def desk_sessions(event, day):
    """The live, scheduled sessions of `event` that start on `day` (its zone), in
    order, with their rooms' seats."""
    begins = datetime.combine(day, time.min, event.tzinfo)
    sessions = (
        SessionPage.objects.live()
        .child_of(event)
        .filter(
            status=SessionPage.Status.SCHEDULED,
            start__gte=begins,
            start__lt=begins + timedelta(days=1),
        )
        .select_related("room")
        .order_by("start", "pk")
    )
    return [
        checkin.DeskSession(
            session.pk,
            f"{session.start.astimezone(event.tzinfo):%H:%M} {session.title}"
            + (f" ({session.room.name})" if session.room else ""),
            session.room.capacity if session.room else None,
        )
        for session in sessions
    ]


def connect():
    certificates.source = certificates.SessionsSource(session_titles, roles_of)
    checkin.sessions_source = desk_sessions
