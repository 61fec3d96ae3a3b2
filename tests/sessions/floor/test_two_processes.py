"""The speaking queue on two daphne processes sharing the Redis channel layer:
requests sent through both and a call made on one reach the viewers of both, in the
same seq, and two moderators on different processes calling the next speaker at once
call them once."""

import json
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack

import pytest

from sessions.floor.models import FloorEntry
from tests.servers import daphne
from tests.sessions.floor.conftest import moderator_of, participant_of
from tests.sessions.polls.test_two_processes import next_frame
from tests.sessions.qa.test_two_processes import servers_environment, socket_to

# Redis runs in both test modes (.ci/run starts it): nothing to skip.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def floor_with(socket, test):
    """The next "floor" frame whose floor passes `test`."""
    while True:
        frame = next_frame(socket, "floor")
        if test(frame["floor"]):
            return frame


def test_requests_and_a_call_through_both_processes_reach_both(floor):
    session, moderator = floor
    people = [participant_of(session) for _ in range(4)]
    second_moderator = moderator_of(session)
    environment = servers_environment()

    with ExitStack() as stack:
        first = stack.enter_context(daphne(**environment))
        second = stack.enter_context(daphne(**environment))
        viewers = [
            stack.enter_context(socket_to(first, session)),
            stack.enter_context(socket_to(second, session)),
        ]
        for viewer in viewers:
            next_frame(viewer, "snapshot")
        for n, person in enumerate(people):
            with socket_to((first, second)[n % 2], session, person) as speaking:
                speaking.send(json.dumps({"type": "speak", "topic": f"Point {n}"}))
                assert next_frame(speaking, "requested")["number"] == n + 1
        queues = [
            floor_with(viewer, lambda floor: len(floor["queue"]) == 4)
            for viewer in viewers
        ]
        head = queues[0]["floor"]["queue"][0]["id"]

        def call(base, who):
            with socket_to(base, session, who, query="?view=moderate") as moderating:
                next_frame(moderating, "snapshot")
                moderating.send(
                    json.dumps({"type": "floor", "action": "call", "request": head})
                )
                while True:
                    frame = json.loads(moderating.recv(timeout=10))
                    if frame["type"] in ("floor_done", "error"):
                        return frame

        with ThreadPoolExecutor(2) as pool:
            answers = list(
                pool.map(call, (first, second), (moderator, second_moderator))
            )
        called = [
            floor_with(viewer, lambda floor: floor["speaker"] is not None)
            for viewer in viewers
        ]

    assert [frame["floor"]["queue"] for frame in queues[1:]] == [
        queues[0]["floor"]["queue"]
    ]
    assert queues[0]["seq"] == queues[1]["seq"]
    assert [e["topic"] for e in queues[0]["floor"]["queue"]] == [
        f"Point {n}" for n in range(4)
    ]
    assert sorted(frame["type"] for frame in answers) == ["error", "floor_done"]
    assert [frame["floor"]["speaker"]["id"] for frame in called] == [head, head]
    assert FloorEntry.objects.filter(action="called").count() == 1
