"""Organisers drop sessions into the same room and time at once from the programme
grid (PostgreSQL only: SQLite runs one writer at a time, so nothing can race there)."""

import time
from datetime import datetime

import pytest

from sessions import drafting
from sessions.models import SessionPage
from tests.factories import (
    EventPageFactory,
    RoomFactory,
    SessionPageFactory,
    UserFactory,
)
from tests.races import needs_postgresql, race

pytestmark = [
    needs_postgresql,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

RACERS = 8


@pytest.fixture
def drafts():
    """Eight draft sessions in eight rooms, and a ninth room they all want at 10:00."""
    event = EventPageFactory()
    sessions = []
    for n in range(RACERS):
        session = SessionPageFactory(event=event, room=RoomFactory(), title=f"S{n}")
        SessionPage.objects.filter(pk=session.pk).update(live=False)
        sessions.append(SessionPage.objects.get(pk=session.pk))
    wanted = RoomFactory(name="Main hall")
    start = datetime(2031, 5, 13, 10, tzinfo=event.tzinfo)
    return event, sessions, wanted, start


def slow_check(monkeypatch):
    """The room check takes a while, so every racer checks before anyone writes."""
    check = drafting.schedule_problems

    def slow(*args, **kwargs):
        problems = check(*args, **kwargs)
        time.sleep(0.1)
        return problems

    monkeypatch.setattr(drafting, "schedule_problems", slow)


def moves(sessions, wanted, start):
    user = UserFactory(is_superuser=True)
    return [
        lambda s=s: drafting.move_session(s, user, start=start, room=wanted)
        for s in sessions
    ]


def test_racing_moves_into_one_room_book_it_once(drafts, monkeypatch):
    event, sessions, wanted, start = drafts
    slow_check(monkeypatch)

    errors = race(moves(sessions, wanted, start))

    assert [type(e) for e in errors] == [drafting.ScheduleRefused] * (RACERS - 1)
    assert SessionPage.objects.filter(room=wanted).count() == 1


def test_the_same_race_without_the_lock_double_books(drafts, monkeypatch):
    """The control: proves the race above can fail."""
    event, sessions, wanted, start = drafts
    slow_check(monkeypatch)
    monkeypatch.setattr(drafting, "hold_programme", lambda event: None)

    race(moves(sessions, wanted, start))

    assert SessionPage.objects.filter(room=wanted).count() > 1
