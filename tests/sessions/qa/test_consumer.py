"""The Q&A websocket as browsers use it: every message type, every refusal, who sees
what, and the seq that lets a client know it missed nothing."""

import json

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.contrib.auth.models import Group, Permission
from django.test import Client
from wagtail.models import GroupPagePermission

from convening.asgi import application
from participants.models import Registration
from participants.signin import TWO_FACTOR_SESSION_KEY
from sessions.models import SessionPage
from sessions.qa.models import QABoard, Question, Vote
from tests.factories import ProfileFactory
from tests.sessions.qa.conftest import (
    ORIGIN,
    connect,
    cookie_for,
    moderator_of,
    participant_of,
)

# Consumers write from worker threads, so the test data is committed: serialized
# rollback puts back the rows Wagtail's migrations created (docs/architecture.md,
# "Browser tests").
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
to_thread = database_sync_to_async


async def opened(session, user=None, *, moderator=False):
    """A connection whose greeting is read: a snapshot, and for a signed-in participant
    what only they see; `moderator`: on the moderators' view."""
    communicator = await connect(session, user, view="moderate" if moderator else None)
    greeting = [await communicator.receive_json_from(timeout=5)]
    if user is not None and not moderator:
        greeting.append(await communicator.receive_json_from(timeout=5))
    communicator.greeting = greeting
    return communicator


async def next_of(communicator, kind):
    """The next frame of `kind`, skipping acks and broadcasts of other kinds."""
    for _ in range(10):
        frame = await communicator.receive_json_from(timeout=5)
        if frame["type"] == kind:
            return frame
    raise AssertionError(f"no {kind} frame")


async def close(*communicators):
    for communicator in communicators:
        await communicator.disconnect()


@pytest.fixture
async def board(qa_session):
    """An open session with pre-moderation, a participant Ama and a moderator."""
    session = await to_thread(qa_session)(premoderation=True)
    ama = await to_thread(participant_of)(session, name="Ama Mensah")
    moderator = await to_thread(moderator_of)(session)
    return session, ama, moderator


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


def organiser_of(session):
    """An organiser through a group with edit rights on the session's event."""
    editors = Group.objects.create(name="Event editors")
    GroupPagePermission.objects.create(
        group=editors,
        page=session.get_parent(),
        permission=Permission.objects.get(codename="change_page"),
    )
    user = ProfileFactory(full_name="Olu Organiser").user
    user.groups.add(editors)
    return user


def remove_roles(session, user):
    session = SessionPage.objects.get(pk=session.pk)
    session.roles.clear()
    session.save_revision().publish()


def deactivate(session, user):
    user.is_active = False
    user.save()


def leave_group(session, user):
    user.groups.clear()


LOSING_THE_ROLE = [
    ("role removed", moderator_of, remove_roles),
    ("account deactivated", moderator_of, deactivate),
    ("organiser leaves the group", organiser_of, leave_group),
]


@pytest.mark.parametrize(
    ("make", "demote"),
    [(make, demote) for _, make, demote in LOSING_THE_ROLE],
    ids=[name for name, _, _ in LOSING_THE_ROLE],
)
async def test_a_moderator_who_loses_the_role_sees_new_questions_as_the_public(
    qa_session, make, demote
):
    session = await to_thread(qa_session)(premoderation=False)
    ama = await to_thread(participant_of)(session, name="Ama Mensah")
    moderator = await to_thread(make)(session)
    moderating = await opened(session, moderator, moderator=True)
    asker = await opened(session, ama)

    await to_thread(demote)(session, moderator)
    told = await next_of(moderating, "role")
    await asker.send_json_to(
        {"type": "ask", "text": "Who pays for the archive?", "anonymous": True}
    )

    seen = await next_of(moderating, "question")
    assert told["moderator"] is False
    assert (seen["question"]["text"], seen["question"]["author"]) == (
        "Who pays for the archive?",
        None,
    )
    assert "Ama" not in json.dumps(seen)
    assert "anonymous" not in seen["question"]
    await close(moderating, asker)


def organiser_signed_in(two_factor):
    """A session cookie of an organiser with an authenticator app, whose session has
    entered a code from it or not."""
    user = ProfileFactory(full_name="Olu Organiser").user
    user.is_superuser = True
    user.save()
    TOTP.activate(user, generate_totp_secret())
    client = Client()
    client.force_login(user)
    if two_factor:
        session = client.session
        session[TWO_FACTOR_SESSION_KEY] = str(user.pk)
        session.save()
    return client.cookies["sessionid"].value


@pytest.mark.parametrize("two_factor", [True, False], ids=["code entered", "password"])
async def test_an_organiser_moderates_only_after_the_sessions_second_factor(
    board, settings, two_factor
):
    settings.CONVENING_ADMIN_REQUIRES_MFA = True
    session, ama, _ = board
    cookie = await to_thread(organiser_signed_in)(two_factor)
    moderating = WebsocketCommunicator(
        application,
        f"/ws/sessions/{session.pk}/qa/?view=moderate",
        headers=[
            ORIGIN,
            (b"host", b"127.0.0.1"),
            (b"cookie", f"sessionid={cookie}".encode()),
        ],
    )
    assert (await moderating.connect(timeout=5))[0]
    await moderating.receive_json_from(timeout=5)  # the snapshot
    asker = await opened(session, ama)

    await asker.send_json_to(
        {"type": "ask", "text": "Why so few women on panels?", "anonymous": True}
    )

    seen = await next_of(moderating, "question")
    assert seen["question"].get("author") == ("Ama Mensah" if two_factor else None)
    assert ("Ama" in json.dumps(seen)) is two_factor
    await close(moderating, asker)


async def test_a_moderator_on_the_session_page_gets_the_public_view(board):
    session, ama, moderator = board
    watching = await opened(session, moderator)
    asker = await opened(session, ama)

    await asker.send_json_to(
        {"type": "ask", "text": "Why so few women on panels?", "anonymous": True}
    )

    seen = await next_of(watching, "question")
    assert watching.greeting[1]["type"] == "mine"
    assert seen["question"] == {"id": seen["question"]["id"], "status": "pending"}
    await close(watching, asker)


async def test_the_role_is_checked_again_every_while(qa_session, settings):
    """Rights changed where no signal sees them (an UPDATE) are caught by the timer."""
    settings.QA_MODERATOR_RECHECK = 0.2
    session = await to_thread(qa_session)()
    moderator = await to_thread(moderator_of)(session)
    moderating = await opened(session, moderator, moderator=True)

    User = type(moderator)
    await to_thread(User.objects.filter(pk=moderator.pk).update)(is_active=False)

    told = await next_of(moderating, "role")
    snapshot = await next_of(moderating, "snapshot")
    assert told["moderator"] is False
    assert snapshot["type"] == "snapshot"
    await close(moderating)


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
    counted = await next_of(viewer, "question")
    await voter.send_json_to({"type": "vote", "question": question.pk})
    refused = await next_of(voter, "error")
    await voter.send_json_to({"type": "unvote", "question": question.pk})
    withdrawn = await next_of(viewer, "question")

    assert ack == {"type": "voted", "question": question.pk, "voted": True}
    assert counted["question"]["votes"] == 1
    assert refused["code"] == "already-voted"
    assert withdrawn["question"]["votes"] == 0
    await close(voter, viewer)


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


async def test_snapshot_and_later_changes_equal_a_fresh_snapshot(board):
    """As Zulip checks its events: a client that applies every change to its snapshot
    ends where a client that connects now starts."""
    session, ama, moderator = board
    viewer, moderating = (
        await opened(session),
        await opened(session, moderator, moderator=True),
    )
    asker = await opened(session, ama)
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
    await asker.send_json_to({"type": "vote", "question": pending["question"]["id"]})
    await moderating.send_json_to(
        {"type": "moderate", "action": "pin", "question": pending["question"]["id"] - 2}
    )
    seqs = []
    while len(seqs) < 8:
        frame = await next_of(viewer, "question")
        seqs.append(frame["seq"])
        question = frame["question"]
        if question["status"] in ("approved", "answered"):
            state[question["id"]] = question
        else:
            state.pop(question["id"], None)

    fresh = await opened(session)

    assert seqs == list(range(last + 1, last + 9))
    assert fresh.greeting[0]["seq"] == seqs[-1]
    assert sorted(state.values(), key=lambda q: q["id"]) == sorted(
        fresh.greeting[0]["questions"], key=lambda q: q["id"]
    )
    await close(viewer, moderating, asker, fresh)


async def test_resync_sends_the_current_snapshot(board):
    session, ama, _ = board
    viewer, asker = await opened(session), await opened(session, ama)
    await asker.send_json_to({"type": "ask", "text": "Missed by the viewer?"})
    await next_of(asker, "asked")

    await viewer.send_json_to({"type": "resync", "since": 0})

    frames = [await viewer.receive_json_from(timeout=5) for _ in range(2)]
    snapshot = next(f for f in frames if f["type"] == "snapshot")
    assert (snapshot["seq"], snapshot["counts"]["received"]) == (1, 1)
    await close(viewer, asker)
