"""The speaking queue raced on PostgreSQL: moderators calling the same next speaker at
once, and a crowd requesting the floor at once. Each race also runs without the
floor's lock, to show the test would catch its absence."""

import time

import pytest

from sessions.floor import services
from sessions.floor.models import Floor, FloorEntry, SpeakRequest
from tests.races import needs_postgresql, race
from tests.sessions.floor.conftest import moderator_of, participant_of, queued

pytestmark = [
    needs_postgresql,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MODERATORS = 4
CROWD = 30


def unlocked(monkeypatch):
    """The floor and its requests read without locks, with the gap between a check
    and its write widened."""

    def lock_floor(session):
        floor = Floor.objects.get(session=session)
        time.sleep(0.05)
        return floor

    def request(session, request_id):
        item = SpeakRequest.objects.get(session=session, pk=request_id)
        time.sleep(0.05)
        return item

    monkeypatch.setattr(services, "_lock_floor", lock_floor)
    monkeypatch.setattr(services, "_request", request)


def moderators_calling(floor):
    """Every moderator presses "Call #1" at the same moment."""
    session, moderator = floor
    others = [moderator_of(session) for _ in range(MODERATORS - 1)]
    first, _ = queued(session, 2)
    errors = race(
        [
            lambda who=who: services.act(who, session, "call", request_id=first.pk)
            for who in [moderator, *others]
        ]
    )
    calls = FloorEntry.objects.filter(
        request__session=session, action=FloorEntry.Action.CALLED
    )
    return errors, calls.count()


def test_moderators_calling_the_next_speaker_at_once_call_them_once(floor):
    errors, calls = moderators_calling(floor)

    assert calls == 1
    assert len(errors) == MODERATORS - 1
    assert {error.code for error in errors} == {"taken"}
    assert all("another moderator acted first" in str(error) for error in errors)


def test_without_the_lock_the_same_speaker_is_called_several_times(floor, monkeypatch):
    unlocked(monkeypatch)

    errors, calls = moderators_calling(floor)

    assert calls > 1


def crowd_requesting(floor):
    session, _ = floor
    people = [participant_of(session) for _ in range(CROWD)]
    errors = race([lambda who=who: services.request(who, session) for who in people])
    numbers = sorted(
        SpeakRequest.objects.filter(session=session).values_list("number", flat=True)
    )
    return errors, numbers


def test_a_crowd_requesting_at_once_is_numbered_one_by_one(floor):
    errors, numbers = crowd_requesting(floor)

    assert errors == []
    assert numbers == list(range(1, CROWD + 1))
    assert Floor.objects.get().next_number == CROWD + 1


def test_without_the_lock_a_crowd_loses_requests(floor, monkeypatch):
    unlocked(monkeypatch)

    errors, numbers = crowd_requesting(floor)

    assert errors  # the same number given twice: the second is refused
    assert len(numbers) < CROWD


def test_one_participants_tabs_requesting_at_once_leave_one_request(floor):
    session, _ = floor
    ama = participant_of(session)

    # Five tabs: under the limit of requests a minute (QA_RATE_LIMITS["floor"]).
    errors = race([lambda: services.request(ama, session) for _ in range(5)])

    assert len(errors) == 4
    assert {error.code for error in errors} == {"already"}
    assert SpeakRequest.objects.filter(user=ama).count() == 1
