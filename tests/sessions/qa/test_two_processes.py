"""Two daphne processes sharing the Redis channel layer, as in the scaled deployment:
a change made through one reaches the viewers of both. It runs in both test modes: the
servers read the test's own database (SQLite or PostgreSQL) and share a Redis database
of their own, emptied first."""

import json
import os
import urllib.error
import urllib.request
from contextlib import ExitStack

import pytest
import redis
from websockets.sync.client import connect

from tests.servers import daphne, servers_database_url
from tests.sessions.qa.conftest import cookie_for, moderator_of, participant_of

# The servers' own Redis database, on the scaled run's server when there is one.
SERVERS_REDIS = (
    os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0").rsplit("/", 1)[0] + "/8"
)


def redis_answers():
    try:
        return redis.Redis.from_url(SERVERS_REDIS, socket_timeout=2).ping()
    except redis.RedisError:
        return False


pytestmark = [
    pytest.mark.skipif(
        not redis_answers(), reason=f"needs a Redis server at {SERVERS_REDIS}"
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def servers_environment():
    """The test database as the servers must name it, and their emptied Redis."""
    redis.Redis.from_url(SERVERS_REDIS).flushdb()
    return {"DATABASE_URL": servers_database_url(), "REDIS_URL": SERVERS_REDIS}


def socket_to(base, session, user=None, *, query=""):
    headers = {"Cookie": f"sessionid={cookie_for(user)}"} if user else {}
    url = f"{base.replace('http', 'ws')}/ws/sessions/{session.pk}/qa/{query}"
    return connect(url, origin=base, additional_headers=headers)


def frames(socket, count):
    """The next `count` frames that carry a seq (greetings and acks skipped)."""
    seen = []
    while len(seen) < count:
        frame = json.loads(socket.recv(timeout=10))
        if "seq" in frame and frame["type"] != "snapshot":
            seen.append(frame)
    return seen


def question_in(socket, status, text):
    """The next question frame showing `text` in `status`."""
    while True:
        question = frames(socket, 1)[0]["question"]
        if (question["status"], question.get("text")) == (status, text):
            return question


def test_every_viewer_of_either_process_gets_every_change(qa_session):
    session = qa_session(premoderation=True)
    asker, moderator = participant_of(session), moderator_of(session)
    environment = servers_environment()

    with ExitStack() as stack:
        first = stack.enter_context(daphne(**environment))
        second = stack.enter_context(daphne(**environment))
        viewers = [
            stack.enter_context(socket_to(first, session)),
            stack.enter_context(socket_to(second, session)),
        ]
        asking = stack.enter_context(socket_to(first, session, asker))
        moderating = stack.enter_context(
            socket_to(second, session, moderator, query="?view=moderate")
        )
        for text in ("Asked on the first", "Asked again"):
            asking.send(json.dumps({"type": "ask", "text": text}))
            pending = question_in(moderating, "pending", text)
            moderating.send(
                json.dumps(
                    {"type": "moderate", "action": "approve", "question": pending["id"]}
                )
            )
            question_in(moderating, "approved", text)  # before the next question
        received = [frames(viewer, 4) for viewer in viewers]

    for seen in received:
        assert [frame["seq"] for frame in seen] == [1, 2, 3, 4]
        assert [f["question"].get("text") for f in seen] == [
            None,
            "Asked on the first",
            None,
            "Asked again",
        ]


def health_of(base):
    try:
        with urllib.request.urlopen(f"{base}/healthz", timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_healthz_is_ok_while_a_quiet_qa_socket_is_open(qa_session):
    """A process whose viewers wait in the layer's receive loop (the Q&A is quiet) is
    healthy: a load balancer must not take it out during a live session."""
    session = qa_session()

    with daphne(**servers_environment()) as base, socket_to(base, session) as viewer:
        assert json.loads(viewer.recv(timeout=10))["type"] == "snapshot"
        answers = [health_of(base) for _ in range(3)]

    ok = {"status": "ok", "database": True, "channel_layer": True}
    assert answers == [(200, ok)] * 3
