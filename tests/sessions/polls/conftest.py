"""A live session (from the Q&A's fixtures), its moderator and participants, and a
poll prepared on it."""

import pytest

from sessions.polls import services
from tests.sessions.qa.conftest import moderator_of, participant_of, qa_session  # noqa: F401


@pytest.fixture
def forum(qa_session):  # noqa: F811 - the Q&A's fixture, used here
    """(session, moderator, make_poll): make_poll(kind, options, **settings) prepares
    a poll as the moderator."""
    session = qa_session()
    moderator = moderator_of(session)

    def make_poll(kind="single", options=("Yes", "No"), **settings):
        return services.prepare(
            moderator,
            session,
            question="Which matters most?",
            kind=kind,
            options=options,
            **settings,
        )

    return session, moderator, make_poll


def launched(forum, kind="single", options=("Yes", "No"), **settings):
    session, moderator, make_poll = forum
    poll = make_poll(kind, options, **settings)
    return services.launch(moderator, session, poll.pk)


def option_ids(poll):
    return list(poll.options.values_list("pk", flat=True))


def participants(session, n):
    return [participant_of(session) for _ in range(n)]
