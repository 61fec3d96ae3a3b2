"""Sessions added and moved from the programme grid: each change is a new draft
revision, refused by the same schedule rules as the edit form (sessions.services), so
nothing reaches the public programme before an organiser publishes it."""

from django.db import transaction
from django.utils.text import slugify
from wagtail.coreutils import find_available_slug

from events.models import EventPage
from events.tree import event_of
from sessions.models import Person, SessionPage, SessionRole
from sessions.services import code_problems, person_clashes, schedule_problems


class ScheduleRefused(Exception):
    """{field: message} of the rules a change broke."""

    def __init__(self, problems):
        super().__init__("; ".join(problems.values()))
        self.problems = problems


def hold_programme(event):
    """Schedule changes of one event queue here: two organisers dropping sessions into
    the same room at once cannot both pass the room check."""
    EventPage.objects.select_for_update().filter(pk=event.pk).values_list(
        "pk", flat=True
    ).first()


def add_session(
    event,
    user,
    *,
    title,
    start,
    end,
    room,
    code="",
    track="",
    format=SessionPage.Format.PANEL,
    people=(),
    new_people=(),
):
    """A new draft session of `event` with `people` as speakers, and the people of
    `new_people` [(name, organisation, email)] created as speakers too; returns it and
    the [(person, other session)] booked elsewhere at the same time (a warning)."""
    if not event.permissions_for_user(user).can_add_subpage():
        raise PermissionError
    with transaction.atomic():
        hold_programme(event)
        problems = schedule_problems(
            event, start, end, room, SessionPage.Status.SCHEDULED
        ) | code_problems(event, code)
        if problems:
            raise ScheduleRefused(problems)
        session = SessionPage(
            title=title,
            slug=find_available_slug(event, slugify(title) or "session"),
            code=code,
            start=start,
            end=end,
            room=room,
            track=track,
            format=format,
            live=False,
            has_unpublished_changes=True,
            owner=user,
        )
        created = [
            Person.objects.create(name=name, organisation=organisation, email=email)
            for name, organisation, email in new_people
        ]
        session.roles = [
            SessionRole(person=person, role=SessionRole.Role.SPEAKER, sort_order=n)
            for n, person in enumerate([*people, *created])
        ]
        event.add_child(instance=session)
        session.save_revision(user=user, log_action=True)
    return session, person_clashes(session)


def move_session(session, user, *, start, room):
    """Moves `session` to `start` (keeping its length) in `room`, as a new draft
    revision of what the organiser last saved; returns the moved draft and its
    people's clashes."""
    if not session.permissions_for_user(user).can_edit():
        raise PermissionError
    event = event_of(session)
    with transaction.atomic():
        hold_programme(event)
        draft = session.get_latest_revision_as_object()
        if draft.start == start and draft.room_id == (room.pk if room else None):
            return draft, person_clashes(draft)  # dropped where it was: no revision
        end = start + (draft.end - draft.start)
        problems = schedule_problems(
            event, start, end, room, draft.status, exclude=[session.pk]
        )
        if problems:
            raise ScheduleRefused(problems)
        draft.start, draft.end, draft.room = start, end, room
        if not draft.live:
            # As Wagtail's editor does: a page never published keeps its draft in its
            # row, where the schedule rules of the other sessions see it.
            draft.save()
        draft.save_revision(user=user, log_action=True)
    return draft, person_clashes(draft)
