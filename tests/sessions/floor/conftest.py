"""A live session (from the Q&A's fixtures) with its speaking queue open, its
moderator, and participants from given groups."""

import pytest

from participants.models import Registration
from sessions.floor import services
from sessions.floor.models import Floor
from tests.factories import ProfileFactory
from tests.sessions.qa.conftest import moderator_of, participant_of, qa_session  # noqa: F401


@pytest.fixture
def floor(qa_session):  # noqa: F811 - the Q&A's fixture, used here
    """(session, moderator): the floor open, three minutes per speaker."""
    session = qa_session()
    moderator = moderator_of(session)
    services.configure(moderator, session, status=Floor.Status.OPEN)
    return session, moderator


def speaker_of(session, group="government", *, name=None, gender="", online=False):
    """A registered participant of the group with slug `group`, onsite unless
    `online`."""
    fields = {"group_slug": group, "gender": gender}
    if name:
        fields["full_name"] = name
    profile = ProfileFactory(**fields)
    Registration.objects.create(
        event=session.get_parent().specific,
        user=profile.user,
        group=profile.group,
        mode=Registration.Mode.ONLINE if online else Registration.Mode.IN_PERSON,
        status=Registration.Status.CONFIRMED,
    )
    return profile.user


def queued(session, n):
    """`n` participants, each with a request waiting, in order."""
    people = [participant_of(session) for _ in range(n)]
    return [services.request(person, session) for person in people]


__all__ = ["participant_of", "moderator_of"]
