"""Polls on the live socket: launches, closes and reveals as "poll" frames in the
session's seq, answers over the socket, and results coalesced as "poll_results"."""

import pytest

from sessions.polls import services
from sessions.polls.models import PollAnswer
from tests.sessions.polls.conftest import option_ids
from tests.sessions.qa.conftest import (
    close,
    next_of,
    opened,
    participant_of,
    to_thread,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


async def launch(forum, **settings):
    session, moderator, make_poll = forum
    poll = await to_thread(make_poll)(**settings)
    return await to_thread(services.launch)(moderator, session, poll.pk)


async def test_a_launch_reaches_every_viewer_in_the_sessions_seq(forum):
    session, moderator, _ = forum
    viewer = await opened(session)
    moderating = await opened(session, moderator, moderator=True)
    seq = viewer.greeting[0]["seq"]

    poll = await launch(forum)

    public = await next_of(viewer, "poll")
    private = await next_of(moderating, "poll")
    assert public["seq"] == private["seq"] == seq + 1
    assert public["poll"]["question"] == "Which matters most?"
    assert [o["text"] for o in public["poll"]["options"]] == ["Yes", "No"]
    assert public["poll"]["status"] == "live"
    assert public["poll"]["results"] is None  # hidden until revealed
    assert private["poll"]["results"]["answers"] == 0
    await to_thread(services.reveal)(moderator, session, poll.pk)
    revealed = await next_of(viewer, "poll")
    assert (revealed["seq"], revealed["poll"]["revealed"]) == (seq + 2, True)
    await close(viewer, moderating)


async def test_a_participant_answers_over_the_socket_and_the_results_follow(forum):
    session, moderator, _ = forum
    poll = await launch(forum, results_live=True)
    yes, no = await to_thread(option_ids)(poll)
    voter = await to_thread(participant_of)(session)
    viewer = await opened(session)
    participant = await opened(session, voter)
    at_connect = await next_of(viewer, "poll_results")  # with the greeting

    await participant.send_json_to(
        {"type": "answer", "poll": poll.pk, "chosen": f"{no}"}
    )
    answered = await next_of(participant, "answered")
    results = await next_of(viewer, "poll_results")
    await participant.send_json_to(
        {"type": "answer", "poll": poll.pk, "chosen": f"{yes}"}
    )
    changed = await next_of(participant, "answered")

    assert [o["count"] for o in at_connect["results"]["options"]] == [0, 0]
    assert answered == {"type": "answered", "poll": poll.pk, "changed": False}
    assert changed["changed"] is True
    assert results["poll"] == poll.pk
    assert [o["count"] for o in results["results"]["options"]] == [0, 1]
    assert await to_thread(PollAnswer.objects.count)() == 1
    await close(viewer, participant)


async def test_a_refused_answer_over_the_socket_is_an_error_frame_with_the_reason(
    forum,
):
    session, moderator, _ = forum
    poll = await launch(forum)
    voter = await to_thread(participant_of)(session)
    participant = await opened(session, voter)
    visitor = await opened(session)

    await participant.send_json_to({"type": "answer", "poll": poll.pk, "chosen": "x"})
    bad = await next_of(participant, "error")
    await visitor.send_json_to({"type": "answer", "poll": poll.pk, "chosen": "1"})
    anonymous = await next_of(visitor, "error")
    await to_thread(services.close)(moderator, session, poll.pk)
    await participant.send_json_to({"type": "answer", "poll": poll.pk, "chosen": "1"})
    closed = await next_of(participant, "error")

    assert (bad["code"], bad["message"]) == (
        "invalid",
        "Choose among this poll's options.",
    )
    assert (anonymous["code"], anonymous["message"]) == (
        "sign-in",
        "Sign in to answer the poll.",
    )
    assert (closed["code"], closed["message"]) == ("closed", "This poll is closed.")
    await close(participant, visitor)


async def test_a_socket_that_connects_gets_the_live_poll_and_its_results(forum):
    session, moderator, _ = forum
    poll = await launch(forum, results_live=True)
    voter = await to_thread(participant_of)(session)
    await to_thread(services.answer)(
        voter, session, poll.pk, chosen=(await to_thread(option_ids)(poll))[:1]
    )

    viewer = await opened(session)
    results = await viewer.receive_json_from(timeout=5)

    (shown,) = viewer.greeting[0]["polls"]
    assert (shown["id"], shown["status"]) == (poll.pk, "live")
    assert results["type"] == "poll_results"
    assert results["results"]["answers"] == 1
    await close(viewer)
