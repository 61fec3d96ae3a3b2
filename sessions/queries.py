"""Read queries shared by the programme, the admin listing and the exporters."""

from django.db.models import Prefetch

from sessions.models import SessionPage, SessionRole


def event_sessions(event, *, live=True):
    """All sessions of `event` with what a listing shows, in four queries whatever the
    number of sessions."""
    sessions = SessionPage.objects.child_of(event)
    if live:
        sessions = sessions.live()
    return (
        sessions.select_related("room")
        .prefetch_related(
            "themes",
            "languages",
            Prefetch("roles", SessionRole.objects.select_related("person")),
        )
        .order_by("start", "room__name", "title")
    )
