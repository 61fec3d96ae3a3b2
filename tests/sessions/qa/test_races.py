"""Many people vote at once on PostgreSQL: no vote and no seq is lost, and nobody counts
twice."""

import time

import pytest

from sessions.qa import services
from sessions.qa.models import QABoard, Question, Vote
from sessions.qa.services import QAError
from tests.races import needs_postgresql, race
from tests.sessions.qa.conftest import moderator_of, participant_of

pytestmark = [
    needs_postgresql,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

VOTERS = 40


@pytest.fixture
def crowd(qa_session):
    session = qa_session()
    question = Question.objects.create(
        session=session, text="Who funds the hubs?", status=Question.Status.APPROVED
    )
    return session, question, [participant_of(session) for _ in range(VOTERS)]


def tally(session, question):
    return (
        Question.objects.get(pk=question.pk).votes,
        Vote.objects.filter(question=question).count(),
        QABoard.objects.get(session=session).vote_seq,
    )


def test_concurrent_votes_are_all_counted_each_with_its_own_seq(crowd):
    session, question, voters = crowd

    errors = race([lambda u=u: services.vote(u, session, question.pk) for u in voters])

    assert errors == []
    assert tally(session, question) == (VOTERS, VOTERS, VOTERS)


def test_without_the_board_lock_the_same_race_loses_votes_and_seqs(crowd, monkeypatch):
    """The protection switched off must fail the test above, or that test could not
    catch the bug. Off means: the seq is read, not bumped under the board's row lock
    (any UPDATE of the board would queue the changes again), and the count is read in
    Python and written back."""
    session, question, voters = crowd

    def lock_board_unlocked(session_id, counter="seq"):
        board_row = QABoard.objects.get(session_id=session_id)
        setattr(board_row, counter, getattr(board_row, counter) + 1)
        return board_row

    def count_unlocked(item, delta):
        item.refresh_from_db(fields=["votes"])
        time.sleep(0.01)  # widen the window between the read and the write
        item.votes += delta
        item.save(update_fields=["votes"])

    monkeypatch.setattr(services, "_lock_board", lock_board_unlocked)
    monkeypatch.setattr(services, "_count", count_unlocked)

    errors = race([lambda u=u: services.vote(u, session, question.pk) for u in voters])

    votes, rows, seq = tally(session, question)
    assert errors == []
    assert rows == VOTERS
    assert votes < VOTERS
    assert seq < VOTERS


def test_one_person_voting_from_many_tabs_counts_once(crowd):
    session, question, voters = crowd
    tabs = 10

    errors = race([lambda: services.vote(voters[0], session, question.pk)] * tabs)

    assert [error.code for error in errors] == ["already-voted"] * (tabs - 1)
    assert all(isinstance(error, QAError) for error in errors)
    assert tally(session, question) == (1, 1, 1)


ASKERS = 30
SWITCHES = 8


def test_a_question_takes_the_premoderation_its_board_had_when_locked(qa_session):
    """Participants ask while a moderator switches pre-moderation on and off: each
    question is held back exactly when the board was pre-moderated at its own seq,
    never by a reading of the board taken before it queued for the lock."""
    session = qa_session(premoderation=False)
    moderator = moderator_of(session)
    askers = [participant_of(session) for _ in range(ASKERS)]
    switched = {}  # seq -> pre-moderation from that change on

    def switch():
        for n in range(SWITCHES):
            board_row = services.configure(moderator, session, premoderation=n % 2 == 0)
            switched[board_row.seq] = board_row.premoderation

    errors = race(
        [switch]
        + [lambda u=u: services.ask(u, session, "Who decides?") for u in askers]
    )

    # Questions are inserted under the board's lock: their ids rise with their seqs.
    expected, premoderated = [], False
    for seq in range(1, ASKERS + SWITCHES + 1):
        if seq in switched:
            premoderated = switched[seq]
        else:
            expected.append(
                Question.Status.PENDING if premoderated else Question.Status.APPROVED
            )
    statuses = Question.objects.filter(session=session).order_by("pk")
    assert errors == []
    assert list(statuses.values_list("status", flat=True)) == expected
