"""Programme changes, derived from what organisers publish: each publish of a session
is compared with what was last published of it. The differences become the public
changelog, raise the session's iCalendar SEQUENCE and, through the changelog, the frab
`version`."""

from django.db import transaction
from django.utils import timezone

from events.tree import event_of
from sessions.models import ProgrammeChange, ScheduleRecord, SessionPage


def kind_of_change(record, state):
    """The change a participant cares most about, or None when nothing they see in a
    calendar moved."""
    was_cancelled = record.status == SessionPage.Status.CANCELLED
    is_cancelled = state["status"] == SessionPage.Status.CANCELLED
    if is_cancelled and not was_cancelled:
        return ProgrammeChange.Kind.CANCELLED
    if was_cancelled and not is_cancelled:
        return ProgrammeChange.Kind.REINSTATED
    if (record.start, record.end) != (state["start"], state["end"]):
        return ProgrammeChange.Kind.MOVED
    if record.room_name != state["room_name"]:
        return ProgrammeChange.Kind.ROOM
    if record.title != state["title"]:
        return ProgrammeChange.Kind.RENAMED
    return None


def record_publication(session, *, at=None):
    """Records what publishing `session` changed in the programme; returns the change
    or None. The first publication of a session is recorded as new."""
    at = at or timezone.now()
    state = {
        "title": session.title,
        "start": session.start,
        "end": session.end,
        "room_name": session.room.name if session.room_id else "",
        "status": session.status,
    }
    event = event_of(session)
    with transaction.atomic():
        # Two organisers publishing the same session queue here, so no change is lost.
        record = (
            ScheduleRecord.objects.select_for_update().filter(session=session).first()
        )
        if record is None:
            ScheduleRecord.objects.create(session=session, **state)
            return ProgrammeChange.objects.create(
                event_id=event.pk,
                session=session,
                kind=ProgrammeChange.Kind.ADDED,
                title=state["title"],
                new_start=state["start"],
                new_end=state["end"],
                new_room=state["room_name"],
                at=at,
            )
        kind = kind_of_change(record, state)
        if kind is None:
            return None
        change = ProgrammeChange.objects.create(
            event_id=event.pk,
            session=session,
            kind=kind,
            title=state["title"],
            old_title=record.title if record.title != state["title"] else "",
            old_start=record.start,
            old_end=record.end,
            old_room=record.room_name,
            new_start=state["start"],
            new_end=state["end"],
            new_room=state["room_name"],
            at=at,
        )
        for name, value in state.items():
            setattr(record, name, value)
        record.sequence += 1
        record.save()
    return change


def on_session_published(sender, instance, **kwargs):
    # Wagtail also sends page_published for a revision it only scheduled (a page not
    # yet live keeps live=False): the change is recorded when the page goes live.
    if instance.live:
        record_publication(instance)
