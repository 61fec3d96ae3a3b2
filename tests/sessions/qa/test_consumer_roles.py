"""The Q&A websocket's moderators: who gets the moderators' view, and how a socket whose
role is gone is moved to the public audience."""

import json

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from channels.testing import WebsocketCommunicator
from django.contrib.auth.models import Group, Permission
from django.test import Client
from wagtail.models import GroupPagePermission

from convening.asgi import application
from participants.signin import TWO_FACTOR_SESSION_KEY
from sessions.models import SessionPage
from tests.factories import ProfileFactory
from tests.sessions.qa.conftest import (
    ORIGIN,
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
