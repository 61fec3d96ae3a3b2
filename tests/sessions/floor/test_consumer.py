"""The speaking queue on the live socket: requests and moderators' acts over it,
"floor" frames in the session's seq for every viewer, what the public sees of a
speaker who asked not to be named, and every refusal an error frame with its act."""

import pytest

from sessions.floor import services
from sessions.floor.models import SpeakRequest
from tests.factories import ProfileFactory
from tests.sessions.floor.conftest import speaker_of
from tests.sessions.qa.conftest import (
    close,
    next_of,
    opened,
    participant_of,
    to_thread,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


async def test_the_greeting_carries_the_floor_and_the_participants_own_request(floor):
    session, _ = floor
    ama = await to_thread(participant_of)(session)
    item = await to_thread(services.request)(ama, session, topic="Access")

    viewer = await opened(session)
    participant = await opened(session, ama)

    snapshot = viewer.greeting[0]
    assert snapshot["floor"]["status"] == "open"
    assert [e["topic"] for e in snapshot["floor"]["queue"]] == ["Access"]
    assert participant.greeting[-1]["floor"] == [item.pk]  # the "mine" frame
    await close(viewer, participant)


async def test_a_request_over_the_socket_reaches_everyone_in_seq(floor):
    session, moderator = floor
    ama = await to_thread(speaker_of)(session, "academia", name="Ama Mensah")
    viewer = await opened(session)
    moderating = await opened(session, moderator, moderator=True)
    participant = await opened(session, ama)
    seq = viewer.greeting[0]["seq"]

    await participant.send_json_to(
        {"type": "speak", "topic": "Open access", "name_public": False}
    )
    requested = await next_of(participant, "requested")
    public = await next_of(viewer, "floor")
    private = await next_of(moderating, "floor")

    assert requested["number"] == 1
    assert public["seq"] == private["seq"] == seq + 1
    (entry,) = public["floor"]["queue"]
    assert entry["name"] == "Participant"  # as they chose, for the public
    assert "name_public" not in entry and "balance" not in public["floor"]
    (entry,) = private["floor"]["queue"]
    assert (entry["name"], entry["name_public"]) == ("Ama Mensah", False)
    academia = next(
        share
        for share in private["floor"]["balance"]["group"]
        if share["label"] == "Academia and research"
    )
    assert (academia["queued"], academia["heard"]) == (1, 0)
    await close(viewer, moderating, participant)


async def test_a_moderator_calls_over_the_socket_and_the_clock_travels(floor):
    session, moderator = floor
    ama = await to_thread(participant_of)(session)
    item = await to_thread(services.request)(ama, session)
    viewer = await opened(session)
    moderating = await opened(session, moderator, moderator=True)

    await moderating.send_json_to(
        {"type": "floor", "action": "call", "request": item.pk}
    )
    done = await next_of(moderating, "floor_done")
    called = await next_of(viewer, "floor")

    assert done == {"type": "floor_done", "action": "call", "request": item.pk}
    speaker = called["floor"]["speaker"]
    assert speaker["id"] == item.pk and speaker["spoken"] == 0
    assert speaker["clock_since"]  # running: clients count from it
    assert called["floor"]["queue"] == []
    await moderating.send_json_to({"type": "floor", "action": "stop"})
    stopped = await next_of(viewer, "floor")
    assert stopped["floor"]["speaker"]["clock_since"] is None
    await close(viewer, moderating)


@pytest.mark.parametrize(
    "frame, code",
    [
        ({"type": "speak"}, "not-registered"),
        ({"type": "floor", "action": "finish"}, "forbidden"),
        ({"type": "unspeak", "request": 999999}, "not-found"),
        ({"type": "floor", "action": "dance"}, "invalid"),
        ({"type": "floor", "action": "move", "reason": "x" * 301}, "invalid"),
    ],
)
async def test_refusals_are_error_frames_naming_their_act(floor, frame, code):
    session, _ = floor
    stranger = await to_thread(lambda: ProfileFactory().user)()
    socket = await opened(session, stranger)
    await socket.send_json_to(frame)
    error = await next_of(socket, "error")
    assert (error["code"], error["act"]) == (code, frame["type"])
    assert await to_thread(SpeakRequest.objects.count)() == 0
    await close(socket)


async def test_a_visitor_is_asked_to_sign_in(floor):
    session, _ = floor
    viewer = await opened(session)
    await viewer.send_json_to({"type": "speak"})
    error = await next_of(viewer, "error")
    assert error["code"] == "sign-in"
    assert error["message"] == "Sign in to request the floor."
    await close(viewer)


async def test_the_floor_switched_off_leaves_the_snapshot_without_it(floor):
    session, moderator = floor
    viewer = await opened(session)
    await to_thread(services.configure)(moderator, session, status="off")
    frame = await next_of(viewer, "floor")
    assert frame["floor"] is None
    again = await opened(session)
    assert again.greeting[0]["floor"] is None
    await close(viewer, again)
