"""The Q&A websocket as browsers use it: what every viewer is sent as questions are
asked, voted on and moderated, and the seq that lets a client know it missed nothing."""

import asyncio
import contextlib
import json
import time

import pytest
from autobahn.exception import Disconnected
from django.core.cache import cache

from sessions.qa import limits, votes
from sessions.qa.consumers import QuestionConsumer
from sessions.qa.models import QABoard, Question, Vote
from tests.sessions.qa.conftest import (
    close,
    moderator_of,
    next_of,
    opened,
    participant_of,
    to_thread,
)

# Consumers write from worker threads, so the test data is committed: serialized
# rollback puts back the rows Wagtail's migrations created (docs/architecture.md,
# "Browser tests").
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


async def test_a_viewer_gets_the_public_questions_in_order(qa_session):
    session = await to_thread(qa_session)()

    def questions():
        make = Question.objects.create
        make(session=session, text="Pending", status=Question.Status.PENDING)
        make(session=session, text="Hidden", status=Question.Status.HIDDEN)
        make(
            session=session, text="Few votes", status=Question.Status.APPROVED, votes=1
        )
        make(
            session=session, text="Many votes", status=Question.Status.APPROVED, votes=7
        )
        make(session=session, text="Answered", status=Question.Status.ANSWERED, votes=9)
        make(
            session=session,
            text="Secret asker",
            author_name="Kofi",
            anonymous=True,
            status=Question.Status.APPROVED,
            pinned=True,
        )

    await to_thread(questions)()

    viewer = await opened(session)

    snapshot = viewer.greeting[0]
    assert [q["text"] for q in snapshot["questions"]] == [
        "Secret asker",
        "Answered",
        "Many votes",
        "Few votes",
    ]
    assert snapshot["questions"][0]["author"] is None
    assert "Kofi" not in json.dumps(snapshot)
    assert snapshot["counts"] == {"received": 6, "shown": 4, "answered": 1}
    assert snapshot["board"] == {
        "status": "open",
        "premoderation": False,
        "untaken_published": False,
    }
    await close(viewer)


async def test_a_question_asked_reaches_every_viewer(qa_session):
    session = await to_thread(qa_session)(premoderation=False)
    ama = await to_thread(participant_of)(session, name="Ama Mensah")
    asker, viewer = await opened(session, ama), await opened(session)

    await asker.send_json_to({"type": "ask", "text": "Who keeps the data open?"})

    ack = await next_of(asker, "asked")
    frame = await next_of(viewer, "question")
    assert frame["seq"] == 1
    assert frame["question"] | {"created": None} == {
        "id": ack["question"],
        "status": "approved",
        "text": "Who keeps the data open?",
        "author": "Ama Mensah",
        "pinned": False,
        "votes": 0,
        "guiding_question": None,
        "created": None,
        "edited": False,
    }
    assert frame["counts"] == {"received": 1, "shown": 1, "answered": 0}
    await close(asker, viewer)


async def test_premoderation_shows_the_text_to_moderators_and_the_author_only(board):
    session, ama, moderator = board
    asker, viewer = await opened(session, ama), await opened(session)
    moderating = await opened(session, moderator, moderator=True)

    await asker.send_json_to(
        {"type": "ask", "text": "Why so few women on panels?", "anonymous": True}
    )

    own = await next_of(asker, "question")
    public = await next_of(viewer, "question")
    seen_by_moderator = await next_of(moderating, "question")
    assert public["question"] == {"id": own["question"]["id"], "status": "pending"}
    assert (own["question"]["text"], own["question"]["mine"]) == (
        "Why so few women on panels?",
        True,
    )
    assert own["question"]["author"] is None
    assert seen_by_moderator["question"]["author"] == "Ama Mensah"
    assert seen_by_moderator["question"]["anonymous"] is True

    await moderating.send_json_to(
        {"type": "moderate", "action": "approve", "question": own["question"]["id"]}
    )

    approved = await next_of(viewer, "question")
    assert approved["seq"] == 2
    assert approved["question"]["text"] == "Why so few women on panels?"
    assert approved["question"]["author"] is None
    assert "Ama" not in json.dumps(approved)
    await close(asker, viewer, moderating)


async def test_a_participant_sees_their_own_pending_questions_and_votes_on_connect(
    board,
):
    session, ama, _ = board

    def history():
        Question.objects.create(
            session=session, author=ama, author_name="Ama Mensah", text="Mine, pending"
        )
        liked = Question.objects.create(
            session=session, text="Liked", status=Question.Status.APPROVED, votes=1
        )
        Vote.objects.create(question=liked, user=ama)
        return liked

    liked = await to_thread(history)()

    asker = await opened(session, ama)

    snapshot, mine = asker.greeting
    assert [q["text"] for q in snapshot["questions"]] == ["Liked"]
    assert mine["voted"] == [liked.pk]
    assert [(q["text"], q["status"]) for q in mine["questions"]] == [
        ("Mine, pending", "pending")
    ]
    await close(asker)


async def test_votes_reach_everyone_and_count_once(board):
    session, ama, _ = board
    question = await to_thread(Question.objects.create)(
        session=session, text="Open data?", status=Question.Status.APPROVED
    )
    voter, viewer = await opened(session, ama), await opened(session)

    await voter.send_json_to({"type": "vote", "question": question.pk})
    ack = await next_of(voter, "voted")
    counted = await next_of(viewer, "votes")  # the first of a spell: at once
    await voter.send_json_to({"type": "vote", "question": question.pk})
    refused = await next_of(voter, "error")
    await voter.send_json_to({"type": "unvote", "question": question.pk})
    withdrawn = await next_of(viewer, "votes")  # when the window ends

    # The count comes with the answer, for the voter to hear at once.
    assert ack == {
        "type": "voted",
        "question": question.pk,
        "voted": True,
        "votes": 1,
        "vote_seq": 1,
    }
    assert counted == {"type": "votes", "vote_seq": 1, "votes": {str(question.pk): 1}}
    assert refused["code"] == "already-voted"
    assert withdrawn == {"type": "votes", "vote_seq": 2, "votes": {str(question.pk): 0}}
    await close(voter, viewer)


async def test_a_storm_of_votes_is_one_frame_a_window_with_the_exact_count(board):
    session, _, _ = board
    question = await to_thread(Question.objects.create)(
        session=session, text="Who pays?", status=Question.Status.APPROVED
    )
    voters = [
        await opened(session, await to_thread(participant_of)(session))
        for _ in range(30)
    ]
    viewer = await opened(session)

    started = time.monotonic()
    for voter in voters:
        await voter.send_json_to({"type": "vote", "question": question.pk})
    for voter in voters:
        await next_of(voter, "voted")
    elapsed = time.monotonic() - started
    frames = []
    with contextlib.suppress(TimeoutError):  # the counts stopped coming
        while True:
            frames.append(await viewer.receive_json_from(timeout=2))

    assert {frame["type"] for frame in frames} == {"votes"}
    # The first at once, then at most one as each window of votes ends.
    assert len(frames) <= 2 + elapsed / votes.WINDOW
    assert len(frames) < len(voters)
    assert frames[-1]["votes"] == {str(question.pk): 30}
    vote_seqs = [frame["vote_seq"] for frame in frames]
    assert vote_seqs == sorted(vote_seqs)
    await close(*voters)  # the viewer's ended with the wait that timed out


@pytest.mark.parametrize(
    ("action", "extra", "public_view"),
    [
        ("hide", {"reason": "Off topic"}, {"status": "hidden"}),
        ("answer", {}, {"status": "answered"}),
        ("pin", {}, {"pinned": True}),
        ("edit", {"text": "How is it financed?"}, {"edited": True}),
    ],
    ids=["hide", "answer", "pin", "edit"],
)
async def test_moderation_is_broadcast(board, action, extra, public_view):
    session, _, moderator = board
    question = await to_thread(Question.objects.create)(
        session=session, text="How is it finnanced?", status=Question.Status.APPROVED
    )
    moderating, viewer = (
        await opened(session, moderator, moderator=True),
        await opened(session),
    )

    await moderating.send_json_to(
        {"type": "moderate", "action": action, "question": question.pk, **extra}
    )

    public = (await next_of(viewer, "question"))["question"]
    private = (await next_of(moderating, "question"))["question"]
    assert {key: public.get(key) for key in public_view} == public_view
    if action == "hide":
        assert "text" not in public
        assert private["hidden_reason"] == "Off topic"
    if action == "edit":
        assert public["text"] == "How is it financed?"
        assert private["original_text"] == "How is it finnanced?"
    await close(moderating, viewer)


@pytest.mark.parametrize(
    ("action", "extra"),
    [("unpin", {}), ("pin", {}), ("edit", {"text": "What did the budget leave out?"})],
    ids=["unpin", "pin", "edit"],
)
async def test_moderating_an_untaken_question_after_the_session_reveals_nothing(
    qa_session, action, extra
):
    """Closed, with the untaken list unpublished: the public saw none of the approved
    questions in the snapshot, and a change to one tells it no more."""
    session = await to_thread(qa_session)(status=QABoard.Status.CLOSED)
    moderator = await to_thread(moderator_of)(session)
    question = await to_thread(Question.objects.create)(
        session=session,
        text="What did the budget leave out?",
        author_name="Kofi Boateng",
        status=Question.Status.APPROVED,
        pinned=action == "unpin",
    )
    moderating, viewer = (
        await opened(session, moderator, moderator=True),
        await opened(session),
    )

    await moderating.send_json_to(
        {"type": "moderate", "action": action, "question": question.pk, **extra}
    )

    public = await next_of(viewer, "question")
    assert viewer.greeting[0]["questions"] == []
    assert public["question"] == {"id": question.pk, "status": "approved"}
    assert "budget" not in json.dumps(public)
    assert "Kofi" not in json.dumps(public)
    await close(moderating, viewer)


async def test_moderators_open_and_pause_over_http_and_viewers_are_told(board):
    session, _, moderator = board
    viewer = await opened(session)

    await to_thread(_configure)(moderator, session, QABoard.Status.PAUSED)

    frame = await next_of(viewer, "board")
    assert (frame["seq"], frame["board"]["status"]) == (1, "paused")
    await close(viewer)


def _configure(user, session, status):
    from sessions.qa import services

    services.configure(user, session, status=status)


async def test_snapshot_and_later_changes_equal_a_fresh_snapshot(board):
    """As Zulip checks its events: a client that applies every change to its snapshot
    ends where a client that connects now starts."""
    session, ama, moderator = board
    viewer, moderating = (
        await opened(session),
        await opened(session, moderator, moderator=True),
    )
    asker = await opened(session, ama)
    voter = await opened(session, await to_thread(participant_of)(session))
    state = {q["id"]: q for q in viewer.greeting[0]["questions"]}
    last = viewer.greeting[0]["seq"]

    for text in ("First", "Second", "Third"):
        await asker.send_json_to({"type": "ask", "text": text})
        pending = await next_of(moderating, "question")
        await moderating.send_json_to(
            {
                "type": "moderate",
                "action": "approve",
                "question": pending["question"]["id"],
            }
        )
        await next_of(moderating, "question")
    await voter.send_json_to({"type": "vote", "question": pending["question"]["id"]})
    await moderating.send_json_to(
        {"type": "moderate", "action": "pin", "question": pending["question"]["id"] - 2}
    )
    seqs, counts = [], []
    while len(seqs) < 7 or not counts:  # the vote's count comes apart
        frame = await viewer.receive_json_from(timeout=5)
        if frame["type"] == "votes":
            counts.append(frame["votes"])
            for id_, votes in frame["votes"].items():
                state[int(id_)]["votes"] = votes
            continue
        seqs.append(frame["seq"])
        question = frame["question"]
        if question["status"] in ("approved", "answered"):
            state[question["id"]] = question
        else:
            state.pop(question["id"], None)

    fresh = await opened(session)

    assert seqs == list(range(last + 1, last + 8))
    assert counts == [{str(pending["question"]["id"]): 1}]
    assert fresh.greeting[0]["seq"] == seqs[-1]
    assert sorted(state.values(), key=lambda q: q["id"]) == sorted(
        fresh.greeting[0]["questions"], key=lambda q: q["id"]
    )
    await close(viewer, moderating, asker, voter, fresh)


async def test_resync_sends_the_changes_since_as_they_were_sent(board):
    session, ama, moderator = board
    viewer, asker = await opened(session), await opened(session, ama)
    moderating = await opened(session, moderator, moderator=True)
    await asker.send_json_to({"type": "ask", "text": "Missed by the viewer?"})
    asked = (await next_of(asker, "asked"))["question"]
    await moderating.send_json_to(
        {"type": "moderate", "question": asked, "action": "approve"}
    )
    sent = [await next_of(viewer, "question") for _ in range(2)]

    await viewer.send_json_to({"type": "resync", "since": 0})
    replay = await viewer.receive_json_from(timeout=5)
    await moderating.send_json_to({"type": "resync", "since": 1})
    moderators_replay = await next_of(moderating, "changes")

    assert replay == {"type": "changes", "frames": sent}
    assert [f["seq"] for f in replay["frames"]] == [1, 2]
    assert replay["frames"][1]["question"]["text"] == "Missed by the viewer?"
    (approved,) = moderators_replay["frames"]
    assert (approved["seq"], approved["question"]["author"]) == (2, "Ama Mensah")
    await close(viewer, asker, moderating)


async def test_a_participants_resync_is_followed_by_their_own_questions(board):
    session, ama, _ = board
    asker = await opened(session, ama)
    await asker.send_json_to({"type": "ask", "text": "Still awaiting moderation"})
    await next_of(asker, "asked")
    await next_of(asker, "question")

    await asker.send_json_to({"type": "resync", "since": 0})
    replay, mine = [await asker.receive_json_from(timeout=5) for _ in range(2)]

    # As the public sees it (pending: no text); their own copy comes in "mine".
    assert [f["question"].get("text") for f in replay["frames"]] == [None]
    assert mine["type"] == "mine"
    assert [q["text"] for q in mine["questions"]] == ["Still awaiting moderation"]
    await close(asker)


async def test_a_resync_past_what_is_kept_gets_the_snapshot(board):
    session, ama, _ = board
    viewer, asker = await opened(session), await opened(session, ama)
    await asker.send_json_to({"type": "ask", "text": "Missed by the viewer?"})
    await next_of(asker, "asked")
    await next_of(viewer, "question")
    await to_thread(cache.clear)()  # the kept changes gone (expired, Redis emptied)

    await viewer.send_json_to({"type": "resync", "since": 0})
    await viewer.send_json_to({"type": "resync"})  # an old client's

    frames = [await viewer.receive_json_from(timeout=5) for _ in range(2)]
    assert [f["type"] for f in frames] == ["snapshot", "snapshot"]
    assert (frames[0]["seq"], frames[0]["counts"]["received"]) == (1, 1)
    await close(viewer, asker)


async def test_a_withdrawn_question_leaves_the_moderators_queue(board):
    session, ama, moderator = board
    asker = await opened(session, ama)
    moderating = await opened(session, moderator, moderator=True)
    await asker.send_json_to({"type": "ask", "text": "Asked by mistake"})
    asked = await next_of(asker, "asked")
    await next_of(moderating, "question")

    await asker.send_json_to({"type": "withdraw", "question": asked["question"]})
    ack = await next_of(asker, "withdrawn")
    seen = await next_of(moderating, "question")

    assert ack == {"type": "withdrawn", "question": asked["question"]}
    assert (seen["question"]["status"], seen["counts"]["received"]) == ("withdrawn", 0)
    await close(asker, moderating)


def raise_disconnected_for(user, frame_type, monkeypatch):
    """daphne raises Disconnected when a frame goes to a client that left before its
    leaving was handled: so here for `user`'s frames of `frame_type`."""
    real_send = QuestionConsumer.send

    async def send(consumer, text_data=None, **kwargs):
        frame = f'"type":"{frame_type}"'
        if consumer.user.pk == user.pk and frame in (text_data or ""):
            raise Disconnected("Attempt to send on a closed protocol")
        return await real_send(consumer, text_data=text_data, **kwargs)

    monkeypatch.setattr(QuestionConsumer, "send", send)


async def test_a_change_for_a_client_gone_meanwhile_still_reaches_the_others(
    board, monkeypatch
):
    session, ama, moderator = board
    gone = await to_thread(participant_of)(session, name="Kofi Boateng")
    leaving = await opened(session, gone)
    raise_disconnected_for(gone, "question", monkeypatch)
    viewers = [await opened(session) for _ in range(3)]
    asker = await opened(session, ama)

    await asker.send_json_to({"type": "ask", "text": "Asked as Kofi left"})
    asked = await next_of(asker, "asked")

    for viewer in viewers:
        seen = await next_of(viewer, "question")
        assert seen["question"]["id"] == asked["question"]
    # Its leaving, handled afterwards, counts the socket out.
    await leaving.disconnect()
    assert await to_thread(cache.get)(limits._sockets_key(gone)) == 0
    await close(asker, *viewers)


async def test_an_answer_to_a_client_gone_meanwhile_ends_its_socket_quietly(
    board, monkeypatch
):
    session, _, _ = board
    gone = await to_thread(participant_of)(session, name="Kofi Boateng")
    leaving = await opened(session, gone)
    raise_disconnected_for(gone, "asked", monkeypatch)

    await leaving.send_json_to({"type": "ask", "text": "Asked as Kofi left"})

    await asyncio.wait_for(leaving.future, timeout=5)  # ended, and raised nothing
    assert await to_thread(cache.get)(limits._sockets_key(gone)) == 0
