"""The Q&A rules, called as the consumer and the forms call them."""

import asyncio
import json

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from channels.layers import get_channel_layer
from django.contrib.auth.models import AnonymousUser

from participants.models import Registration
from sessions.models import SessionRole
from sessions.qa import services, wire
from sessions.qa.models import QABoard, Question, Vote
from sessions.qa.services import QAError
from tests.factories import ProfileFactory, UserFactory
from tests.sessions.qa.conftest import moderator_of, participant_of


def refusal(call, *args, **kwargs):
    with pytest.raises(QAError) as caught:
        call(*args, **kwargs)
    return caught.value.code


@pytest.fixture
def session(qa_session):
    return qa_session()


@pytest.fixture
def asker(session):
    return participant_of(session, name="Ama Mensah")


def shown(session, text, *, votes=0, **fields):
    return Question.objects.create(
        session=session,
        text=text,
        status=Question.Status.APPROVED,
        votes=votes,
        **fields,
    )


@pytest.mark.parametrize(
    ("premoderation", "status"),
    [(True, Question.Status.PENDING), (False, Question.Status.APPROVED)],
    ids=["premoderated", "shown-at-once"],
)
def test_ask_files_the_question_by_premoderation(qa_session, premoderation, status):
    session = qa_session(premoderation=premoderation)
    user = participant_of(session, name="Ama Mensah")

    item = services.ask(user, session, "  How do we fund local knowledge hubs?  ")

    assert (item.text, item.status, item.author_name) == (
        "How do we fund local knowledge hubs?",
        status,
        "Ama Mensah",
    )


def test_ask_files_under_a_guiding_question_of_this_session_only(
    qa_session, session, asker
):
    guiding = session.guiding_questions.first()
    elsewhere = qa_session().guiding_questions.first()

    item = services.ask(asker, session, "On this one", guiding_question=guiding.pk)

    assert item.guiding_question == guiding
    wrong = refusal(
        services.ask, asker, session, "Wrong", guiding_question=elsewhere.pk
    )
    assert wrong == "invalid"


@pytest.mark.parametrize(
    "text", ["", "   ", "x" * (Question.MAX_LENGTH + 1)], ids=["empty", "blank", "long"]
)
def test_ask_refuses_empty_and_oversized_text(session, asker, text):
    assert refusal(services.ask, asker, session, text) == "invalid"
    assert Question.objects.count() == 0


def test_ask_takes_exactly_the_longest_question(session, asker):
    item = services.ask(asker, session, "x" * Question.MAX_LENGTH)

    assert len(item.text) == Question.MAX_LENGTH


@pytest.mark.parametrize(
    "status",
    [
        Registration.Status.WAITING,
        Registration.Status.PENDING,
        Registration.Status.CANCELLED,
    ],
    ids=["waiting", "pending-approval", "cancelled"],
)
def test_only_a_confirmed_registration_may_ask_and_vote(session, status):
    question = shown(session, "Is this open to all?")
    user = participant_of(session, status=status)

    assert refusal(services.ask, user, session, "May I?") == "not-registered"
    assert refusal(services.vote, user, session, question.pk) == "not-registered"


def test_a_registration_for_another_event_does_not_count(qa_session, session):
    other = qa_session()
    user = participant_of(other)

    assert refusal(services.ask, user, session, "May I?") == "not-registered"


def test_online_participants_ask_too(session):
    user = participant_of(session)
    Registration.objects.filter(user=user).update(mode=Registration.Mode.ONLINE)

    assert services.ask(user, session, "From Nairobi: can you hear us?").pk


def test_anonymous_visitors_are_asked_to_sign_in(session):
    assert refusal(services.ask, AnonymousUser(), session, "Hello") == "sign-in"


@pytest.mark.parametrize(
    ("status", "ask_code", "vote_code"),
    [
        (QABoard.Status.PAUSED, "closed", None),
        (QABoard.Status.CLOSED, "closed", "closed"),
        (QABoard.Status.OFF, "closed", "closed"),
    ],
    ids=["paused", "closed", "off"],
)
def test_a_paused_board_still_takes_votes_a_closed_one_nothing(
    qa_session, status, ask_code, vote_code
):
    session = qa_session(status=status)
    user = participant_of(session)
    question = shown(session, "Earlier question")

    assert refusal(services.ask, user, session, "Late question") == ask_code
    if vote_code:
        assert refusal(services.vote, user, session, question.pk) == vote_code
    else:
        services.vote(user, session, question.pk)
        assert Question.objects.get(pk=question.pk).votes == 1


def test_a_session_without_a_board_takes_no_questions(qa_session, session):
    QABoard.objects.all().delete()
    user = participant_of(session)

    assert refusal(services.ask, user, session, "Anyone?") == "closed"


def test_vote_counts_once_and_unvote_withdraws_it(session, asker):
    question = shown(session, "Who maintains the repository?")

    services.vote(asker, session, question.pk)
    twice = refusal(services.vote, asker, session, question.pk)
    after_vote = Question.objects.get(pk=question.pk).votes
    services.unvote(asker, session, question.pk)
    again = refusal(services.unvote, asker, session, question.pk)

    assert (after_vote, twice) == (1, "already-voted")
    assert (Question.objects.get(pk=question.pk).votes, again) == (0, "not-voted")
    assert Vote.objects.count() == 0


def test_nobody_upvotes_their_own_question(session, asker):
    own = shown(session, "Mine: who keeps the archive?", author=asker)
    other = participant_of(session)

    refused = refusal(services.vote, asker, session, own.pk)
    services.vote(other, session, own.pk)

    assert refused == "own-question"
    assert Question.objects.get(pk=own.pk).votes == 1  # only the other's


@pytest.mark.parametrize(
    "status",
    [Question.Status.PENDING, Question.Status.HIDDEN, Question.Status.ANSWERED],
)
def test_only_shown_questions_take_votes(session, asker, status):
    question = Question.objects.create(session=session, text="Not open", status=status)

    assert refusal(services.vote, asker, session, question.pk) == "closed"


def test_a_question_of_another_session_is_not_found(qa_session, session, asker):
    elsewhere = shown(qa_session(), "Elsewhere")

    assert refusal(services.vote, asker, session, elsewhere.pk) == "not-found"
    assert refusal(services.vote, asker, session, 999_999) == "not-found"


def test_asking_is_rate_limited_per_user(session, asker, settings):
    settings.QA_RATE_LIMITS = {"ask": "3/m", "vote": "60/m"}

    for n in range(3):
        services.ask(asker, session, f"Question {n}")

    assert refusal(services.ask, asker, session, "One more") == "rate-limited"
    assert Question.objects.count() == 3
    assert services.ask(participant_of(session), session, "Someone else").pk


def test_voting_is_rate_limited_per_user(session, asker, settings):
    settings.QA_RATE_LIMITS = {"ask": "5/m", "vote": "2/m"}
    question = shown(session, "Popular")

    services.vote(asker, session, question.pk)
    services.unvote(asker, session, question.pk)

    assert refusal(services.vote, asker, session, question.pk) == "rate-limited"


@pytest.mark.parametrize(
    "role", [SessionRole.Role.MODERATOR, SessionRole.Role.ONLINE_MODERATOR], ids=str
)
def test_session_moderators_moderate(session, role):
    moderator = moderator_of(session, role=role)
    question = Question.objects.create(session=session, text="Pending")

    services.moderate(moderator, session, question.pk, "approve")

    question.refresh_from_db()
    assert (question.status, question.moderated_by) == (
        Question.Status.APPROVED,
        moderator,
    )


def test_organisers_moderate_every_session_of_their_event(session, admin_user):
    question = Question.objects.create(session=session, text="Pending")

    services.moderate(admin_user, session, question.pk, "approve")

    assert Question.objects.get(pk=question.pk).status == Question.Status.APPROVED


def test_others_may_not_moderate(qa_session, session, asker):
    question = Question.objects.create(session=session, text="Pending")
    moderator_elsewhere = moderator_of(qa_session())
    speaker = UserFactory()
    ProfileFactory(user=speaker)

    for user in (asker, moderator_elsewhere, speaker):
        assert refusal(services.moderate, user, session, question.pk, "approve") == (
            "forbidden"
        )
    assert Question.objects.get(pk=question.pk).status == Question.Status.PENDING


def test_hide_needs_a_reason_and_keeps_it(session):
    moderator = moderator_of(session)
    question = shown(session, "Buy my product", pinned=True)

    no_reason = refusal(services.moderate, moderator, session, question.pk, "hide")
    services.moderate(moderator, session, question.pk, "hide", reason="Advertising")

    question.refresh_from_db()
    assert no_reason == "invalid"
    assert (question.status, question.hidden_reason, question.pinned) == (
        Question.Status.HIDDEN,
        "Advertising",
        False,
    )


def test_edit_corrects_the_text_and_keeps_the_first_original(session):
    moderator = moderator_of(session)
    question = shown(session, "How do we finnance it?")

    services.moderate(moderator, session, question.pk, "edit", text="How finance it?")
    services.moderate(
        moderator, session, question.pk, "edit", text="How do we finance it?"
    )

    question.refresh_from_db()
    assert (question.text, question.original_text) == (
        "How do we finance it?",
        "How do we finnance it?",
    )


def test_one_pin_per_session_and_answering_unpins(session):
    moderator = moderator_of(session)
    first, second = shown(session, "First"), shown(session, "Second")

    services.moderate(moderator, session, first.pk, "pin")
    services.moderate(moderator, session, second.pk, "pin")
    pinned_after_two = list(Question.objects.filter(pinned=True))
    services.moderate(moderator, session, second.pk, "answer")

    second.refresh_from_db()
    assert pinned_after_two == [second]
    assert (second.status, second.pinned) == (Question.Status.ANSWERED, False)
    assert second.answered_at is not None


@pytest.mark.parametrize("action", ["answer", "pin"])
def test_pending_questions_cannot_be_answered_or_pinned(session, action):
    moderator = moderator_of(session)
    question = Question.objects.create(session=session, text="Pending")

    assert refusal(services.moderate, moderator, session, question.pk, action) == (
        "invalid"
    )


def test_questions_are_ordered_pinned_then_votes_then_age(session):
    old = shown(session, "Old, 2 votes", votes=2)
    young = shown(session, "Young, 2 votes", votes=2)
    popular = shown(session, "Popular", votes=9)
    pinned = shown(session, "Pinned", pinned=True)
    Question.objects.create(
        session=session, text="Answered", status=Question.Status.ANSWERED, votes=50
    )

    order = list(services.ordered(session.pk, [Question.Status.APPROVED]))

    assert order == [pinned, popular, old, young]


def test_counts_tell_received_shown_and_answered(session):
    for status in [
        Question.Status.PENDING,
        Question.Status.APPROVED,
        Question.Status.APPROVED,
        Question.Status.ANSWERED,
        Question.Status.HIDDEN,
    ]:
        Question.objects.create(session=session, text=status, status=status)

    assert services.counts(session.pk) == {"received": 5, "shown": 3, "answered": 1}


def test_configure_opens_and_pauses_for_moderators_only(qa_session, asker):
    session = qa_session(status=QABoard.Status.OFF)
    moderator = moderator_of(session)

    services.configure(
        moderator, session, status=QABoard.Status.OPEN, premoderation=False
    )
    refused = refusal(services.configure, asker, session, status=QABoard.Status.CLOSED)

    board = QABoard.objects.get(session=session)
    assert (board.status, board.premoderation, refused) == (
        QABoard.Status.OPEN,
        False,
        "forbidden",
    )


def test_untaken_questions_are_public_only_once_the_organiser_publishes(
    session, admin_user
):
    moderator = moderator_of(session)
    untaken = shown(session, "Not reached")
    Question.objects.create(
        session=session, text="Taken", status=Question.Status.ANSWERED
    )

    before = list(services.untaken(session))
    refused = refusal(services.publish_untaken, moderator, session)
    services.publish_untaken(admin_user, session)

    assert (before, refused) == ([], "forbidden")
    assert list(services.untaken(session)) == [untaken]


def test_every_change_raises_the_seq_by_one_and_a_vote_the_vote_seq(session, asker):
    moderator, voter = moderator_of(session), participant_of(session)

    item = services.ask(asker, session, "One")
    services.vote(voter, session, item.pk)
    services.moderate(moderator, session, item.pk, "pin")
    services.configure(moderator, session, status=QABoard.Status.PAUSED)
    refusal(services.vote, voter, session, item.pk)  # refused: no change

    board = QABoard.objects.get(session=session)
    assert (board.seq, board.vote_seq) == (3, 1)


def test_a_change_is_broadcast_only_after_commit(
    session, asker, django_capture_on_commit_callbacks
):
    def ask_without_committing():
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            services.ask(asker, session, "Sent after commit?")
        return callbacks

    async def listen():
        # One event loop throughout (the Redis layer binds to it); the sync steps run
        # back on this thread, inside the test's transaction.
        # One receive throughout: a receive given up cancels the pub/sub layer's
        # subscription.
        layer = get_channel_layer()
        channel = await layer.new_channel()
        group = wire.group(session.pk, wire.PUBLIC)
        await layer.group_add(group, channel)
        try:
            receiving = asyncio.ensure_future(layer.receive(channel))
            callbacks = await sync_to_async(ask_without_committing)()
            await asyncio.sleep(0.5)
            before_commit = receiving.done()
            await sync_to_async(lambda: [callback() for callback in callbacks])()
            return before_commit, await asyncio.wait_for(receiving, timeout=5)
        finally:
            # Not left in the group for the next test's session of the same pk.
            await layer.group_discard(group, channel)

    before_commit, after_commit = async_to_sync(listen)()

    assert before_commit is False
    assert '"text":"Sent after commit?"' in after_commit["text"]


def test_a_deleted_account_leaves_its_question_nameless(session, asker):
    item = services.ask(asker, session, "Still worth asking")

    services.forget_author(asker)
    asker.delete()

    item.refresh_from_db()
    assert (item.text, item.author, item.author_name, item.anonymous) == (
        "Still worth asking",
        None,
        "",
        True,
    )


def test_a_closed_board_shows_the_public_untaken_questions_only_once_published(
    qa_session, admin_user, django_capture_on_commit_callbacks
):
    session = qa_session(status=QABoard.Status.CLOSED)
    shown(session, "Not reached")
    Question.objects.create(
        session=session, text="Taken", status=Question.Status.ANSWERED
    )

    def public_texts():
        snapshot = json.loads(services.snapshot(session.pk, wire.PUBLIC))
        return [question["text"] for question in snapshot["questions"]]

    before = public_texts()
    with django_capture_on_commit_callbacks(execute=True):  # as when it commits
        services.publish_untaken(admin_user, session)

    assert before == ["Taken"]
    assert public_texts() == ["Not reached", "Taken"]
    assert "Not reached" in services.snapshot(session.pk, wire.MODERATORS)


def test_an_asker_corrects_or_withdraws_a_question_awaiting_moderation(qa_session):
    session = qa_session(premoderation=True)
    asker, other = participant_of(session), participant_of(session)
    moderator = moderator_of(session)
    kept = services.ask(asker, session, "Who fund the archive?")
    taken_back = services.ask(asker, session, "Asked by mistake")

    someone_else = refusal(services.correct, other, session, kept.pk, "Mine now")
    services.correct(asker, session, kept.pk, "  Who funds the archive?  ")
    services.withdraw(asker, session, taken_back.pk)
    services.moderate(moderator, session, kept.pk, "approve")
    too_late = refusal(services.withdraw, asker, session, kept.pk)

    assert someone_else == "not-found"  # another's question is not there for them
    assert too_late == "moderated"
    assert Question.objects.get(pk=kept.pk).text == "Who funds the archive?"
    assert Question.objects.get(pk=taken_back.pk).status == "withdrawn"  # on record
    assert services.counts(session.pk) == {"received": 1, "shown": 1, "answered": 0}
    listed = services.ordered(session.pk, Question.ALL)
    assert [item.pk for item in listed] == [kept.pk]  # nobody's list shows it
