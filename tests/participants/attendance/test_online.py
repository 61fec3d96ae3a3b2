"""Online attendance: a participant registered online who opens a session's page
while it is on attends it online; no one else is counted that way."""

from datetime import timedelta

import pytest
from django.utils import timezone

from participants.models import CheckIn
from tests.factories import SessionPageFactory
from tests.participants.attendance.conftest import attendee

pytestmark = pytest.mark.django_db


@pytest.fixture
def session_now(event):
    """A session of `event` that began ten minutes ago."""
    start = timezone.now() - timedelta(minutes=10)
    return SessionPageFactory(event=event, start=start, end=start + timedelta(hours=1))


def test_an_online_participant_who_opens_the_session_attends_it_online(
    client, event, session_now
):
    registration = attendee(event, mode="online")
    client.force_login(registration.user)

    client.get(session_now.url)
    client.get(session_now.url)  # opened again: still once

    row = CheckIn.objects.get()
    assert (row.registration, row.session_id, row.mode) == (
        registration,
        session_now.pk,
        "online",
    )


@pytest.mark.parametrize(
    ("start", "counted"),
    [
        (timedelta(minutes=14), True),  # the quarter of an hour before
        (timedelta(minutes=16), False),  # too early
        (-timedelta(hours=2), False),  # over an hour ago: it has ended
    ],
)
def test_only_while_the_session_is_on(client, event, start, counted):
    begins = timezone.now() + start
    session = SessionPageFactory(
        event=event, start=begins, end=begins + timedelta(hours=1)
    )
    registration = attendee(event, mode="online")
    client.force_login(registration.user)

    client.get(session.url)

    assert CheckIn.objects.exists() == counted


def test_in_person_registrants_and_visitors_are_not_counted_online(
    client, event, session_now
):
    in_person = attendee(event)
    client.get(session_now.url)
    client.force_login(in_person.user)
    client.get(session_now.url)

    assert not CheckIn.objects.exists()
