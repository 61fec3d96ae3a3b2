"""What a visitor's connect and resync read where the cache is shared (Redis in the
scaled mode): no row while nothing changed, and never a snapshot older than the last
committed change."""

import json

import pytest
from django.core.cache import cache

from sessions.qa import services, wire
from sessions.qa.consumers import QuestionConsumer
from tests.sessions.qa.conftest import participant_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def seq_in_cache(settings):
    settings.QA_SEQ_IN_CACHE = True
    cache.clear()


@pytest.fixture
def ask(django_capture_on_commit_callbacks):
    """Asks as the services do, its after-commit steps run (the test's transaction
    never commits)."""

    def asked(user, session, text):
        with django_capture_on_commit_callbacks(execute=True):
            return services.ask(user, session, text)

    return asked


def visitor_greeting(session_id):
    """What a visitor's connect reads and sends, as the consumer does it."""
    consumer = QuestionConsumer()
    consumer.session, consumer.audience = None, wire.PUBLIC
    consumer.session_id = session_id
    consumer.user = type("Visitor", (), {"is_authenticated": False})()
    return consumer.greeting(session_id)


def texts(greeting):
    return [q["text"] for q in json.loads(greeting[0])["questions"]]


def test_a_crowd_connecting_reads_no_row(qa_session, ask, django_assert_num_queries):
    session = qa_session()
    ask(participant_of(session), session, "Who keeps the archive?")
    first = visitor_greeting(session.pk)  # reads the rows once

    with django_assert_num_queries(0):
        crowd = [visitor_greeting(session.pk) for _ in range(20)]

    assert crowd == [first] * 20
    assert texts(first) == ["Who keeps the archive?"]


def test_a_change_is_in_the_next_connect(qa_session, ask, django_assert_num_queries):
    session = qa_session()
    asker = participant_of(session)
    ask(asker, session, "First")
    visitor_greeting(session.pk)

    ask(asker, session, "Second")
    after = visitor_greeting(session.pk)

    assert sorted(texts(after)) == ["First", "Second"]
    with django_assert_num_queries(0):
        assert visitor_greeting(session.pk) == after


def test_an_unpublished_session_is_no_longer_watched(qa_session):
    session = qa_session()
    assert visitor_greeting(session.pk) is not None

    session.unpublish()

    assert visitor_greeting(session.pk) is None


def test_the_seq_is_read_again_once_the_cache_lost_it(qa_session, ask):
    session = qa_session()
    asker = participant_of(session)
    ask(asker, session, "Before")
    visitor_greeting(session.pk)
    cache.delete(f"qa:version:{session.pk}")  # evicted, or Redis emptied

    ask(asker, session, "After")  # its count has nothing to add to

    assert sorted(texts(visitor_greeting(session.pk))) == ["After", "Before"]


def replayed(session_id, since):
    replay = services.changes_since(session_id, wire.PUBLIC, since)
    return replay and [f["question"]["text"] for f in json.loads(replay)["frames"]]


def test_a_resync_is_answered_from_the_kept_changes(
    qa_session, ask, django_assert_num_queries
):
    session = qa_session()
    asker = participant_of(session)
    for text in ["First", "Second", "Third"]:
        ask(asker, session, text)

    with django_assert_num_queries(0):
        answers = [replayed(session.pk, since) for since in (0, 1, 2, 3)]

    assert answers == [
        ["First", "Second", "Third"],
        ["Second", "Third"],
        ["Third"],
        None,
    ]


def test_a_replay_ends_before_a_change_not_kept_and_is_refused_without_the_first(
    qa_session, ask
):
    session = qa_session()
    asker = participant_of(session)
    for text in ["First", "Second", "Third"]:
        ask(asker, session, text)
    cache.delete(services._change_key(session.pk, wire.PUBLIC, 2))

    assert replayed(session.pk, 0) == ["First"]  # "Third" came by broadcast
    assert replayed(session.pk, 1) is None  # the snapshot answers


def test_far_behind_a_snapshot_answers(qa_session, ask, settings):
    session = qa_session()
    asker = participant_of(session)
    settings.QA_RATE_LIMITS = {**settings.QA_RATE_LIMITS, "ask": "1000/m"}
    for n in range(services.REPLAY_MAX):
        ask(asker, session, f"Question {n}")

    assert replayed(session.pk, 0) is None
    assert len(replayed(session.pk, 1)) == services.REPLAY_MAX - 1
