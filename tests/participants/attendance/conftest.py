"""Attendance fixtures: an event with registrations whose people have profiles, a
helper signed in at its desk, an organiser signed in."""

import pytest

from participants.models import CheckInHelper, Registration
from tests.factories import EventPageFactory, ProfileFactory, UserFactory


def attendee(
    event,
    name="Amina Diallo",
    *,
    status="confirmed",
    mode="in_person",
    group="civil-society",
    **profile,
):
    """A registration of someone with a profile (Kenya, so Africa, by default)."""
    person = ProfileFactory(full_name=name, group_slug=group, **profile)
    return Registration.objects.create(
        event=event,
        user=person.user,
        group=person.group,
        status=status,
        mode=mode,
    )


@pytest.fixture
def event(db):
    """12-14 May 2031 in Zurich (UTC+2)."""
    return EventPageFactory()


@pytest.fixture
def helper(client, event):
    """A check-in helper of `event`, signed in on `client`."""
    user = UserFactory(email="desk@example.org")
    CheckInHelper.objects.create(event=event, user=user)
    client.force_login(user)
    return user


@pytest.fixture
def organiser(client):
    """A superuser signed in on `client` (org@example.org)."""
    user = UserFactory(is_superuser=True, is_staff=True, email="org@example.org")
    client.force_login(user)
    return user
