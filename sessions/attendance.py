"""What certificates of attendance (participants.attendance.certificates) learn from
the programme: session titles and times, and the roles someone held."""

from participants.attendance import certificates
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


def connect():
    certificates.source = certificates.SessionsSource(session_titles, roles_of)
