from datetime import datetime, timedelta

import pytest
from django.core.exceptions import ValidationError

from events.models import Room
from sessions.models import SessionPage, SessionRole
from sessions.services import person_clashes, schedule_problems
from tests.factories import (
    EventPageFactory,
    PersonFactory,
    RoomFactory,
    SessionPageFactory,
)

pytestmark = pytest.mark.django_db


def local(event, day, hour, minute=0):
    return datetime(2031, 5, day, hour, minute, tzinfo=event.tzinfo)


def test_a_session_must_end_after_it_starts(event):
    problems = schedule_problems(
        event,
        local(event, 12, 10),
        local(event, 12, 9),
        None,
        SessionPage.Status.SCHEDULED,
    )

    assert problems == {"end": "The session must end after it starts."}


@pytest.mark.parametrize(
    ("start", "fits"),
    [
        ((11, 23, 30), False),  # the evening before, local time
        ((12, 0, 30), True),  # 22:30 UTC the day before, but 12 May in Zurich
        ((14, 22, 0), True),
        ((15, 9, 0), False),
    ],
    ids=["day-before", "first-minutes-local", "last-evening", "day-after"],
)
def test_a_session_must_fall_within_the_event_in_its_time_zone(event, start, fits):
    begins = local(event, *start)

    problems = schedule_problems(
        event,
        begins,
        begins + timedelta(minutes=60),
        None,
        SessionPage.Status.SCHEDULED,
    )

    assert ("start" not in problems) is fits
    if not fits:
        assert problems["start"] == (
            "The session must take place during the event, "
            "12 May 2031 to 14 May 2031 (Europe/Zurich)."
        )


def test_a_room_cannot_hold_two_sessions_at_once(event):
    room = RoomFactory(name="Room XVII")
    SessionPageFactory(
        event=event, title="Measuring ICT", room=room, start=local(event, 12, 10)
    )

    problems = schedule_problems(
        event,
        local(event, 12, 11),
        local(event, 12, 12),
        room,
        SessionPage.Status.SCHEDULED,
    )

    assert problems == {
        "room": "Room XVII is already booked for “Measuring ICT” from 10:00 to 11:30."
    }


@pytest.mark.parametrize(
    ("start", "room_name", "status"),
    [
        ((12, 11, 30), "Room XVII", SessionPage.Status.SCHEDULED),
        ((12, 10, 0), "Room XVIII", SessionPage.Status.SCHEDULED),
        ((12, 10, 0), "Room XVII", SessionPage.Status.CANCELLED),
    ],
    ids=["back-to-back", "other-room", "cancelled-newcomer"],
)
def test_room_bookings_that_do_not_clash(event, start, room_name, status):
    room = RoomFactory(name="Room XVII")
    RoomFactory(name="Room XVIII")
    SessionPageFactory(event=event, room=room, start=local(event, 12, 10))
    begins = local(event, *start)

    problems = schedule_problems(
        event,
        begins,
        begins + timedelta(hours=1),
        Room.objects.get(name=room_name),
        status,
    )

    assert problems == {}


def test_a_cancelled_session_frees_its_room(event):
    room = RoomFactory()
    SessionPageFactory(
        event=event,
        room=room,
        start=local(event, 12, 10),
        status=SessionPage.Status.CANCELLED,
    )

    problems = schedule_problems(
        event,
        local(event, 12, 10),
        local(event, 12, 11),
        room,
        SessionPage.Status.SCHEDULED,
    )

    assert problems == {}


def test_a_session_does_not_clash_with_itself(event):
    room = RoomFactory()
    session = SessionPageFactory(event=event, room=room, start=local(event, 12, 10))

    problems = schedule_problems(
        event, session.start, session.end, room, session.status, exclude=[session.pk]
    )

    assert problems == {}


def test_rooms_of_another_event_are_not_a_clash(event):
    room = RoomFactory()
    other = EventPageFactory()
    SessionPageFactory(event=other, room=room, start=local(other, 12, 10))

    problems = schedule_problems(
        event,
        local(event, 12, 10),
        local(event, 12, 11),
        room,
        SessionPage.Status.SCHEDULED,
    )

    assert problems == {}


def test_person_clashes_name_the_other_session(event):
    ana = PersonFactory(name="Ana Okafor")
    SessionPageFactory(event=event, title="Open data", start=local(event, 12, 10))
    other = SessionPage.objects.get(title="Open data")
    other.roles = [SessionRole(person=ana, role=SessionRole.Role.SPEAKER)]
    other.save_revision().publish()
    session = SessionPageFactory(event=event, start=local(event, 12, 11))
    session.roles = [SessionRole(person=ana, role=SessionRole.Role.MODERATOR)]

    clashes = person_clashes(session)

    assert [(person.name, s.title) for person, s in clashes] == [
        ("Ana Okafor", "Open data")
    ]


def test_an_end_date_before_the_start_date_is_refused():
    event = EventPageFactory.build(
        start_date=datetime(2031, 5, 12).date(), end_date=datetime(2031, 5, 10).date()
    )

    with pytest.raises(ValidationError) as refusal:
        event.clean()

    assert refusal.value.message_dict == {
        "end_date": ["The event cannot end before it starts."]
    }
