"""Checking in at a session's door: today's sessions on the desk, the room's seats
counted (raced on PostgreSQL with and without the lock), once a person a session."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from participants.attendance import badges, checkin
from participants.models import CheckIn, CheckInHelper
from tests.factories import (
    EventPageFactory,
    RoomFactory,
    SessionPageFactory,
    UserFactory,
)
from tests.participants.attendance.conftest import attendee
from tests.races import needs_postgresql, race

pytestmark = pytest.mark.django_db


def session_today(event, seats, title="Community archives", hours=1):
    start = timezone.now().replace(minute=0, second=0, microsecond=0)
    return SessionPageFactory(
        event=event,
        title=title,
        start=start,
        end=start + timedelta(hours=hours),
        room=RoomFactory(name="Room 2", capacity=seats),
    )


def at_door(client, event, session, registration):
    code = badges.badge_for(registration).code
    return client.post(
        f"/check-in/{event.pk}/", {"code": code, "session": session.pk}
    ).content.decode()


def test_the_desk_offers_todays_sessions_with_their_seats(client, event, helper):
    session = session_today(event, 40)
    SessionPageFactory(event=event, title="Next week")  # 2031: not today

    page = client.get(f"/check-in/{event.pk}/").content.decode()
    listed = client.get(f"/check-in/{event.pk}/list.json").json()["sessions"]

    assert f'<option value="{session.pk}">' in page
    assert "Community archives (Room 2), 40 seats" in page
    assert "Next week" not in page
    assert [s["pk"] for s in listed] == [session.pk]
    assert listed[0]["capacity"] == 40


def test_a_session_check_in_counts_at_the_event_that_day_too(client, event, helper):
    session = session_today(event, 40)
    registration = attendee(event, "Amina Diallo")

    page = at_door(client, event, session, registration)
    again = at_door(client, event, session, registration)

    assert "Checked in at" in page and "Community archives (Room 2)" in page
    assert "Already in this session since" in again
    rows = CheckIn.objects.order_by("pk")
    assert [(r.session_id, r.mode) for r in rows] == [
        (session.pk, "onsite"),
        (None, "onsite"),
    ]


def test_a_full_room_turns_people_away(client, event, helper):
    session = session_today(event, 2)
    people = [attendee(event, f"Person {n}") for n in range(3)]

    pages = [at_door(client, event, session, p) for p in people]

    assert "The room is full (2 seats). Not checked in." in pages[2]
    assert CheckIn.objects.filter(session_id=session.pk).count() == 2


def test_a_session_not_on_today_is_refused(client, event, helper):
    later = SessionPageFactory(event=event, title="Next week")
    registration = attendee(event)

    page = at_door(client, event, later, registration)

    assert "This session is not on today." in page
    assert not CheckIn.objects.exists()


@needs_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("locked", [True, False], ids=["locked", "unlocked"])
def test_ten_doors_racing_for_five_seats_never_overfill_the_room(monkeypatch, locked):
    event = EventPageFactory()
    session = session_today(event, 5)
    people = [attendee(event, f"Person {n}") for n in range(10)]
    codes = [badges.badge_for(p).code for p in people]
    helpers = [UserFactory() for _ in range(10)]
    for user in helpers:
        CheckInHelper.objects.create(event=event, user=user)
    full = checkin._room_full

    def slow_full(found):
        answer = full(found)
        time.sleep(0.05)  # everyone counts, then everyone writes
        return answer

    monkeypatch.setattr(checkin, "_room_full", slow_full)
    if not locked:
        monkeypatch.setattr(checkin, "_lock_session", lambda pk: None)
    errors = race(
        [
            lambda user=user, code=code: checkin.check_in(
                user, event, code, session=session.pk
            )
            for user, code in zip(helpers, codes, strict=True)
        ]
    )

    seated = CheckIn.objects.filter(session_id=session.pk).count()
    assert errors == []
    assert seated == 5 if locked else seated > 5
