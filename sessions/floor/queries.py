"""The floor's reads, shared by the services, the frames and the pages."""

from sessions.floor.models import Floor, SpeakRequest


def floor_of(session):
    """The session's floor; an unsaved one, off, when none was set up."""
    return Floor.objects.filter(session=session).first() or Floor(session=session)


def requests_of(session_id):
    """Every request of the session, in queue order, with what the balance counts."""
    return SpeakRequest.objects.filter(session_id=session_id).select_related(
        "group", "region", "guiding_question"
    )


def load(session_id):
    """The floor with its budgets, and its requests; (None, []) when it has none and
    no requests while it is off."""
    floor = (
        Floor.objects.filter(session_id=session_id)
        .prefetch_related("budgets__group")
        .first()
    )
    if floor is None or not floor.enabled:
        return floor, []
    return floor, list(requests_of(session_id))


def own_requests(user, session_id):
    """The ids of the participant's requests waiting or speaking now."""
    if not user.is_authenticated:
        return []
    return list(
        SpeakRequest.objects.filter(
            session_id=session_id,
            user=user,
            status__in=[SpeakRequest.Status.WAITING, SpeakRequest.Status.SPEAKING],
        ).values_list("pk", flat=True)
    )
