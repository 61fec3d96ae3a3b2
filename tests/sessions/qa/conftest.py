"""A live session with its Q&A open, people in each role, and websocket clients that
connect as they would from a browser (real session cookie, same-origin header)."""

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client

from convening.asgi import application
from participants.models import Registration
from sessions.models import SessionPage, SessionRole
from sessions.qa.models import QABoard
from tests.factories import (
    EventPageFactory,
    PersonFactory,
    ProfileFactory,
    SessionPageFactory,
)

ORIGIN = (b"origin", b"http://127.0.0.1")


@pytest.fixture
def qa_session(db):
    """qa_session(status="open", premoderation=False) → a live session with two guiding
    questions and its board set so."""

    def make(status=QABoard.Status.OPEN, premoderation=False, **fields):
        event = EventPageFactory()
        session = SessionPageFactory(
            event=event,
            questions=["What works?", "What is missing?"],
            **fields,
        )
        QABoard.objects.create(
            session=session, status=status, premoderation=premoderation
        )
        return SessionPage.objects.get(pk=session.pk)

    return make


def participant_of(session, *, status=Registration.Status.CONFIRMED, name=None):
    """A participant with a profile and a registration (confirmed by default)."""
    profile = ProfileFactory(**({"full_name": name} if name else {}))
    Registration.objects.create(
        event=session.get_parent().specific,
        user=profile.user,
        group=profile.group,
        status=status,
    )
    return profile.user


def moderator_of(session, role=SessionRole.Role.MODERATOR):
    profile = ProfileFactory(full_name="Mo Derator")
    session = SessionPage.objects.get(pk=session.pk)
    session.roles.add(SessionRole(person=PersonFactory(user=profile.user), role=role))
    session.save_revision().publish()
    return profile.user


def cookie_for(user):
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


async def connect(session, user=None, *, origin=ORIGIN, view=None):
    """A connected communicator for `user` (anonymous when None), on the moderators'
    view when `view` is "moderate"."""
    headers = [origin, (b"host", b"127.0.0.1")]
    if user is not None:
        cookie = await database_sync_to_async(cookie_for)(user)
        headers.append((b"cookie", f"sessionid={cookie}".encode()))
    path = f"/ws/sessions/{session.pk}/qa/" + (f"?view={view}" if view else "")
    communicator = WebsocketCommunicator(application, path, headers=headers)
    connected, _ = await communicator.connect(timeout=5)
    assert connected
    return communicator


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
