"""Polls on two daphne processes sharing the Redis channel layer: a launch made on one
and answers sent through both reach the viewers of both, and every answer is counted
in the results they end with."""

import json
import re
import urllib.parse
import urllib.request
from contextlib import ExitStack

import pytest
from websockets.exceptions import ConnectionClosed

from sessions.polls import services
from sessions.polls.models import PollAnswer
from tests.servers import daphne
from tests.sessions.polls.conftest import launched, option_ids, participants
from tests.sessions.qa.conftest import cookie_for
from tests.sessions.qa.test_two_processes import (
    servers_environment,
    socket_to,
)

# Redis runs in both test modes (.ci/run starts it): nothing to skip.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def next_frame(socket, kind):
    while True:
        frame = json.loads(socket.recv(timeout=10))
        if frame["type"] == kind:
            return frame


def moderators_form(base, session, moderator, act, data):
    """A moderator's plain form, posted to the server at `base` as a browser would:
    the moderators' page first, for its CSRF token."""
    session_cookie = f"sessionid={cookie_for(moderator)}"
    page = f"{base}{session.url}questions/moderate/"
    request = urllib.request.Request(page, headers={"Cookie": session_cookie})
    with urllib.request.urlopen(request, timeout=10) as response:
        html = response.read().decode()
        cookies = [c.split(";")[0] for c in response.headers.get_all("Set-Cookie")]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    posted = urllib.request.Request(
        f"{base}{session.url}polls/{act}/",
        data=urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode(),
        headers={
            "Cookie": "; ".join([session_cookie, *cookies]),
            "Origin": base,
            "Referer": page,
        },
    )
    with urllib.request.urlopen(posted, timeout=10) as response:
        return response.status


def final_counts(socket, answers):
    """The counts of the last results frame, once it counts `answers`."""
    newest = -1
    while True:
        frame = next_frame(socket, "poll_results")
        if frame["answers_seq"] >= newest:
            newest = frame["answers_seq"]
            if frame["results"]["answers"] == answers:
                return [o["count"] for o in frame["results"]["options"]]


def test_a_poll_launched_on_one_process_is_answered_through_both(forum):
    session, moderator, make_poll = forum
    poll = make_poll(results_live=True)
    yes, no = option_ids(poll)
    voters = participants(session, 6)
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
        assert (
            moderators_form(first, session, moderator, "launch", {"poll": poll.pk})
            == 200
        )
        launched = [next_frame(viewer, "poll") for viewer in viewers]
        for n, voter in enumerate(voters):
            with socket_to((first, second)[n % 2], session, voter) as voting:
                chosen = yes if n < 4 else no
                voting.send(
                    json.dumps(
                        {"type": "answer", "poll": poll.pk, "chosen": str(chosen)}
                    )
                )
                assert next_frame(voting, "answered")["poll"] == poll.pk
        counts = [final_counts(viewer, len(voters)) for viewer in viewers]

    assert [frame["poll"]["status"] for frame in launched] == ["live", "live"]
    assert launched[0]["seq"] == launched[1]["seq"]
    assert counts == [[4, 2], [4, 2]]


def test_every_answer_acknowledged_before_a_worker_is_killed_is_counted(forum):
    """Eight answer through one process at once; it is killed (SIGKILL) as soon as the
    first is acknowledged. Every answer acknowledged is in the results; those who
    heard nothing answer again through the other process, and all eight count."""
    session, moderator, make_poll = forum
    poll = launched(forum, "single", ["Yes", "No"])
    yes, no = option_ids(poll)
    voters = participants(session, 8)
    environment = servers_environment()

    with ExitStack() as stack:
        first = stack.enter_context(daphne(**environment))
        second = stack.enter_context(daphne(**environment))
        sockets = [stack.enter_context(socket_to(first, session, v)) for v in voters]
        for socket in sockets:
            next_frame(socket, "snapshot")
        for socket in sockets:
            socket.send(
                json.dumps({"type": "answer", "poll": poll.pk, "chosen": f"{no}"})
            )
        acknowledged = {voters[0].pk} if next_frame(sockets[0], "answered") else set()
        first.process.kill()
        for voter, socket in zip(voters[1:], sockets[1:], strict=True):
            try:
                if next_frame(socket, "answered"):
                    acknowledged.add(voter.pk)
            except (ConnectionClosed, OSError, TimeoutError):
                pass  # gone with the process, unheard
        counted_at_kill = set(
            PollAnswer.objects.filter(poll=poll).values_list("user_id", flat=True)
        )
        for voter in voters:
            if voter.pk not in acknowledged:
                with socket_to(second, session, voter) as again:
                    next_frame(again, "snapshot")
                    again.send(
                        json.dumps(
                            {"type": "answer", "poll": poll.pk, "chosen": f"{no}"}
                        )
                    )
                    assert next_frame(again, "answered")["poll"] == poll.pk

    results = services.close(moderator, session, poll.pk).final_results
    assert acknowledged and acknowledged <= counted_at_kill
    assert results["answers"] == 8
    assert [o["count"] for o in results["options"]] == [0, 8]
