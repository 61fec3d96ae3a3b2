"""The Q&A websocket's refusals: every refused frame or connection gets its error,
and the limits per connection and per account hold."""

import json
from pathlib import Path

import polib
import pytest
from channels.testing import WebsocketCommunicator

from convening.asgi import application
from participants.models import Registration
from sessions.models import SessionPage
from sessions.qa.models import QABoard, Question
from tests.sessions.qa.conftest import (
    ORIGIN,
    close,
    connect,
    cookie_for,
    next_of,
    opened,
    participant_of,
    to_thread,
)

# Consumers write from worker threads, so the test data is committed: serialized
# rollback puts back the rows Wagtail's migrations created (docs/architecture.md,
# "Browser tests").
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
ROOT = Path(__file__).resolve().parents[3]


REFUSALS = [
    ("not json", "{", "malformed"),
    ("not an object", "[1, 2]", "malformed"),
    ("no type", '{"text": "Hi"}', "malformed"),
    ("unknown type", '{"type": "shout"}', "unknown-type"),
    ("no text", '{"type": "ask"}', "invalid"),
    ("text too long", json.dumps({"type": "ask", "text": "x" * 501}), "invalid"),
    ("unknown question", '{"type": "vote", "question": 99999}', "not-found"),
    ("question id not a number", '{"type": "vote", "question": "one"}', "invalid"),
    (
        "a lone surrogate",
        '{"type": "ask", "text": "Why \\ud800?"}',
        "invalid",
    ),
    ("text as a list", '{"type": "ask", "text": ["Why?"]}', "invalid"),
    ("a nested object", '{"type": "vote", "question": {"id": 1}}', "invalid"),
    ("a fraction", '{"type": "vote", "question": 1.5}', "invalid"),
    ("true for a number", '{"type": "vote", "question": true}', "invalid"),
    ("a huge number", '{"type": "vote", "question": 1' + "0" * 40 + "}", "invalid"),
    (
        "nested 100,000 deep",
        '{"type": "ask", "text": ' + "[" * 100_000 + "]" * 100_000 + "}",
        "too-large",
    ),
    (
        "nested deep within the size limit",
        '{"type": "ask", "text": ' + "[" * 8000 + "]" * 8000 + "}",
        "malformed",
    ),
    (
        "over 16,384 characters",
        json.dumps({"type": "ask", "text": "x" * 16_400}),
        "too-large",
    ),
    (
        "moderating without rights",
        '{"type": "moderate", "action": "approve", "question": 1}',
        "forbidden",
    ),
    (
        "unknown action",
        '{"type": "moderate", "action": "delete", "question": 1}',
        "invalid",
    ),
]


@pytest.mark.parametrize(
    ("frame", "code"),
    [(frame, code) for _, frame, code in REFUSALS],
    ids=[name for name, _, _ in REFUSALS],
)
async def test_a_refused_frame_gets_an_error_and_the_socket_stays_open(
    board, frame, code
):
    session, ama, _ = board
    asker = await opened(session, ama)

    await asker.send_to(text_data=frame)

    error = await asker.receive_json_from(timeout=5)
    assert (error["type"], error["code"]) == ("error", code)
    assert error["message"]
    await asker.send_json_to({"type": "resync"})
    assert (await asker.receive_json_from(timeout=5))["type"] == "snapshot"
    assert await to_thread(Question.objects.count)() == 0
    await close(asker)


async def test_a_binary_frame_is_refused(board):
    session, ama, _ = board
    asker = await opened(session, ama)

    await asker.send_to(bytes_data=b'{"type": "resync"}')

    assert (await asker.receive_json_from(timeout=5))["code"] == "binary"
    await close(asker)


async def test_visitors_and_unconfirmed_participants_may_not_ask(board):
    session, _, _ = board
    waiting = await to_thread(participant_of)(
        session, status=Registration.Status.WAITING
    )
    visitor, waiter = await opened(session), await opened(session, waiting)

    for communicator in (visitor, waiter):
        await communicator.send_json_to({"type": "ask", "text": "May I?"})
    codes = [(await next_of(c, "error"))["code"] for c in (visitor, waiter)]

    assert codes == ["sign-in", "not-registered"]
    assert await to_thread(Question.objects.count)() == 0
    await close(visitor, waiter)


async def test_a_closed_session_refuses_questions_and_votes(qa_session):
    session = await to_thread(qa_session)(status=QABoard.Status.CLOSED)
    ama = await to_thread(participant_of)(session)
    question = await to_thread(Question.objects.create)(
        session=session, text="Earlier", status=Question.Status.APPROVED
    )
    asker = await opened(session, ama)

    await asker.send_json_to({"type": "ask", "text": "Too late?"})
    asked = await next_of(asker, "error")
    await asker.send_json_to({"type": "vote", "question": question.pk})
    voted = await next_of(asker, "error")

    assert (asked["code"], voted["code"]) == ("closed", "closed")
    await close(asker)


async def test_a_connection_sending_too_fast_is_slowed(board, settings):
    settings.QA_FRAMES_PER_CONNECTION = (3, 60)
    session, _, _ = board
    viewer = await opened(session)

    for _ in range(4):
        await viewer.send_json_to({"type": "resync"})
    frames = [await viewer.receive_json_from(timeout=5) for _ in range(4)]

    assert [f["type"] for f in frames] == ["snapshot"] * 3 + ["error"]
    assert frames[-1]["code"] == "rate-limited"
    await close(viewer)


async def test_the_per_user_limit_holds_across_connections(board, settings):
    settings.QA_RATE_LIMITS = {"ask": "2/m", "vote": "60/m"}
    session, ama, _ = board
    first, second = await opened(session, ama), await opened(session, ama)

    for text in ("One", "Two"):
        await first.send_json_to({"type": "ask", "text": text})
        await next_of(first, "asked")
    await second.send_json_to({"type": "ask", "text": "Three"})

    assert (await next_of(second, "error"))["code"] == "rate-limited"
    assert await to_thread(Question.objects.count)() == 2
    await close(first, second)


@pytest.mark.parametrize(
    "origin",
    [b"https://evil.example", b"http://127.0.0.1:8001", b"https://127.0.0.1"],
    ids=["another host", "another port", "another scheme"],
)
async def test_a_connection_from_another_origin_is_refused(board, origin):
    session, ama, _ = board
    cookie = await to_thread(cookie_for)(ama)
    communicator = WebsocketCommunicator(
        application,
        f"/ws/sessions/{session.pk}/qa/",
        headers=[
            (b"origin", origin),
            (b"host", b"127.0.0.1"),
            (b"cookie", f"sessionid={cookie}".encode()),
        ],
    )

    connected, _ = await communicator.connect(timeout=5)

    assert connected is False
    await communicator.disconnect()


async def test_one_account_may_hold_ten_sockets_at_once(board):
    session, ama, _ = board
    sockets = [await opened(session, ama) for _ in range(10)]
    eleventh = await connect(session, ama)

    told = await eleventh.receive_json_from(timeout=5)
    closed = await eleventh.receive_output(timeout=5)
    await close(sockets.pop())
    again = await opened(session, ama)

    assert (told["type"], told["code"]) == ("error", "too-many")
    assert (closed["type"], closed["code"]) == ("websocket.close", 4429)
    assert "10 Q&A connections" in closed["reason"]
    assert again.greeting[0]["type"] == "snapshot"
    await close(*sockets, again, eleventh)


async def test_the_frame_limit_counts_every_socket_of_an_account(board, settings):
    settings.QA_FRAMES_PER_USER = (4, 60)
    session, ama, _ = board
    first, second = await opened(session, ama), await opened(session, ama)

    for socket in (first, first, first, second):
        await socket.send_json_to({"type": "resync"})
        await next_of(socket, "snapshot")
    await second.send_json_to({"type": "resync"})

    assert (await next_of(second, "error"))["code"] == "rate-limited"
    await close(first, second)


@pytest.mark.parametrize(
    "frame",
    [
        {"type": "ask", "text": "Hello?"},
        {"type": "vote", "question": 1},
        {"type": "unvote", "question": 1},
        {"type": "moderate", "action": "approve", "question": 1},
    ],
    ids=["ask", "vote", "unvote", "moderate"],
)
async def test_a_visitor_may_only_resync(board, frame):
    session, _, _ = board
    visitor = await opened(session)

    await visitor.send_json_to(frame)

    assert (await visitor.receive_json_from(timeout=5))["code"] == "sign-in"
    await close(visitor)


async def test_an_unpublished_session_is_only_for_its_moderators(board):
    session, _, moderator = board
    await to_thread(SessionPage.objects.filter(pk=session.pk).update)(live=False)
    visitor = WebsocketCommunicator(
        application,
        f"/ws/sessions/{session.pk}/qa/",
        headers=[(b"origin", b"http://127.0.0.1"), (b"host", b"127.0.0.1")],
    )

    refused, _ = await visitor.connect(timeout=5)
    moderating = await opened(session, moderator, moderator=True)

    assert refused is False
    assert moderating.greeting[0]["type"] == "snapshot"
    await visitor.disconnect()
    await close(moderating)


async def test_an_unknown_session_is_refused():
    communicator = WebsocketCommunicator(
        application,
        "/ws/sessions/987654/qa/",
        headers=[(b"origin", b"http://127.0.0.1"), (b"host", b"127.0.0.1")],
    )

    connected, _ = await communicator.connect(timeout=5)

    assert connected is False
    await communicator.disconnect()


async def test_a_socket_is_told_its_refusals_in_the_language_of_its_page(board):
    """The socket's address has no language prefix: the page names its language."""
    session, _, _ = board
    french = polib.pofile(str(ROOT / "locale/fr/LC_MESSAGES/django.po"))
    headers = [ORIGIN, (b"host", b"127.0.0.1")]
    replies = {}
    for language in ("fr", "xx", None):
        query = f"?lang={language}" if language else ""
        path = f"/ws/sessions/{session.pk}/qa/{query}"
        socket = WebsocketCommunicator(application, path, headers=headers)
        await socket.connect(timeout=5)
        await socket.receive_json_from(timeout=5)  # the snapshot
        await socket.send_to(text_data="{")
        replies[language] = (await socket.receive_json_from(timeout=5))["message"]
        await close(socket)

    assert replies["fr"] == french.find("That frame is not JSON.").msgstr
    assert replies["xx"] == replies[None] == "That frame is not JSON."
