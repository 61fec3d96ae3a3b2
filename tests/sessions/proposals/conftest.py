"""The decisions' fixtures: a call of the event, a proposal sent to it by two
proposers, and running what waits for a commit."""

import pytest

from tests.factories import UserFactory, call_page, proposal, theme
from tests.sessions.proposals.test_screening import balanced_people, complete_fields


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Decisions mail once their transaction commits: `with committed():` runs what
    waited for the commit as it ends."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def call(event):
    return call_page(event)


@pytest.fixture
def sent(call):
    made = proposal(
        call,
        UserFactory(email="amina@example.org"),
        people=balanced_people(),
        title="Archives for all",
        **complete_fields(),
    )
    made.themes.set([theme()])
    made.co_proposers.add(UserFactory(email="ken@example.org"))
    return made
