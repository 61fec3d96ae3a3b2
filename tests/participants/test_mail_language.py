"""Mails are written in the recipient's language, the one their profile keeps: the
default texts from the catalogues, dates with the language's month names, links to
the pages in that language; an organiser's own text is sent as written."""

import uuid
from pathlib import Path

import polib
import pytest
from django.core import mail

from events.models import StakeholderGroup
from participants import services
from participants.models import Profile
from tests.factories import ProfileFactory, UserFactory

pytestmark = pytest.mark.django_db

FRENCH = polib.pofile(
    str(Path(__file__).resolve().parents[2] / "locale/fr/LC_MESSAGES/django.po")
)


def french(msgid):
    return FRENCH.find(msgid).msgstr


@pytest.fixture
def commits(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def registered(event, language, commits):
    user = ProfileFactory(language=language).user
    with commits():
        services.register(user, event)
    (message,) = mail.outbox
    mail.outbox.clear()
    return message


def test_a_participant_reading_french_gets_the_confirmation_in_french(
    open_event, commits
):
    event = open_event(quotas={"government": 5})  # 12 to 14 May 2031

    message = registered(event, "fr", commits)
    html = message.alternatives[0][0]

    subject = french("Your place at {event} is confirmed")
    assert subject and message.subject == subject.format(event=event.title)
    assert "12 mai 2031" in message.body  # the event's dates, in French
    assert "/fr/me/registrations/" in message.body  # the registration in French
    assert '<html lang="fr"' in html


def test_an_english_profile_and_an_account_without_one_read_english(
    open_event, commits
):
    event = open_event(quotas={"government": 5})

    message = registered(event, "en-gb", commits)

    assert message.subject == f"Your place at {event.title} is confirmed"
    assert "12 May 2031" in message.body
    assert "/fr/" not in message.body


def test_an_organisers_message_keeps_its_words_and_fills_values_in_french(
    client, admin_user, open_event, commits
):
    event = open_event(quotas={"government": 5})
    registered(event, "fr", commits)
    client.force_login(admin_user)
    response = client.post(
        f"/admin/events/{event.pk}/messages/new/",
        {
            "token": str(uuid.uuid4()),
            "statuses": ["confirmed"],
            "subject": "Room change for {event}",
            "body": "Hello {name},\n\nSee you on {dates}.",
        },
    )
    with commits():
        client.post(response["Location"])

    (message,) = mail.outbox
    assert message.subject == f"Room change for {event.title}"  # as written
    dates = french("%(start)s – %(end)s") % {
        "start": "12 mai 2031",
        "end": "14 mai 2031",
    }
    assert f"See you on {dates}." in message.body  # the values in French


def test_a_first_profile_offers_the_language_it_is_filled_in(client):
    user = UserFactory()
    client.force_login(user)

    html = client.get("/fr/me/profile/").content.decode()

    assert '<option value="fr" selected>Français</option>' in html


def test_a_profile_saved_without_a_language_keeps_the_one_read(client):
    user = UserFactory()
    client.force_login(user)

    client.post(
        "/ru/me/profile/",
        {
            "full_name": "Ivan Petrov",
            "organisation": "Library",
            "group": StakeholderGroup.objects.get(slug="academia").pk,
            "country": "KZ",
        },
    )

    assert Profile.objects.get(user=user).language == "ru"
