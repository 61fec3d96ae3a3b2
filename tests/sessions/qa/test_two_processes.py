"""Two daphne processes sharing the Redis channel layer, as in the scaled deployment:
a change made through one reaches the viewers of both."""

import json
import os
from contextlib import ExitStack

import pytest
from django.db import connection
from websockets.sync.client import connect

from tests.servers import daphne
from tests.sessions.qa.conftest import cookie_for, moderator_of, participant_of

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("REDIS_URL"), reason="the scaled run (REDIS_URL) only"
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def socket_to(base, session, user=None):
    headers = {"Cookie": f"sessionid={cookie_for(user)}"} if user else {}
    url = f"{base.replace('http', 'ws')}/ws/sessions/{session.pk}/qa/"
    return connect(url, origin="http://127.0.0.1", additional_headers=headers)


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
    # The servers read the test database and the same Redis as this test.
    database = connection.settings_dict["NAME"]
    url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + f"/{database}"

    with ExitStack() as stack:
        first = stack.enter_context(daphne(DATABASE_URL=url))
        second = stack.enter_context(daphne(DATABASE_URL=url))
        viewers = [
            stack.enter_context(socket_to(first, session)),
            stack.enter_context(socket_to(second, session)),
        ]
        asking = stack.enter_context(socket_to(first, session, asker))
        moderating = stack.enter_context(socket_to(second, session, moderator))
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
