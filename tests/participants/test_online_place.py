"""The online participation link is for confirmed registrants, on their registration
page too; someone waiting for a seat in the room is offered a free online place."""

import pytest
from django.core import mail

from participants import services
from participants.models import Registration
from tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db

JOIN = "https://meet.example.org/forum-join"


@pytest.fixture
def full_room(open_event):
    """One seat in the room, taken; online places as given."""

    def make(online_capacity=None):
        event = open_event(
            quotas={"government": 1},
            registration_online=True,
            online_capacity=online_capacity,
            online_link=JOIN,
        )
        seated = services.register(ProfileFactory().user, event)
        waiting = services.register(ProfileFactory().user, event)
        return event, seated, waiting

    return make


def page_of(client, registration):
    client.force_login(registration.user)
    return client.get(f"/me/registrations/{registration.pk}/").content.decode()


def test_the_registration_page_shows_the_link_only_when_confirmed(client, full_room):
    _, seated, waiting = full_room()

    assert f'href="{JOIN}"' in page_of(client, seated)
    assert f'href="{JOIN}"' not in page_of(client, waiting)


def test_a_waiting_registrant_takes_a_free_online_place(
    client, full_room, django_capture_on_commit_callbacks
):
    event, _, waiting = full_room(online_capacity=1)
    offer = page_of(client, waiting)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        taken = client.post(
            f"/me/registrations/{waiting.pk}/online/", follow=True
        ).content.decode()

    waiting.refresh_from_db()
    assert "Online places are still free" in offer
    assert (waiting.status, waiting.mode) == ("confirmed", "online")
    assert "You have an online place now." in taken and f'href="{JOIN}"' in taken
    (confirmation,) = mail.outbox
    assert "Your place (online, Government)" in confirmation.body
    assert f"Join online: {JOIN}" in confirmation.body


def test_no_offer_once_the_online_places_are_gone(client, full_room, open_event):
    event, _, waiting = full_room(online_capacity=1)
    services.register(ProfileFactory().user, event, mode="online")

    offer = page_of(client, waiting)
    refused = client.post(
        f"/me/registrations/{waiting.pk}/online/", follow=True
    ).content.decode()

    assert "Online places are still free" not in offer
    assert "No online place is free any more." in refused
    waiting.refresh_from_db()
    assert (waiting.status, waiting.mode) == ("waiting", "in_person")


def test_the_waiting_mail_offers_the_online_place(
    full_room, django_capture_on_commit_callbacks
):
    event, _, _ = full_room()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.register(ProfileFactory().user, event)

    (waiting_mail,) = mail.outbox
    assert "you are number 2 on its waiting list" in waiting_mail.body
    assert "Online places are still free" in waiting_mail.body
    assert JOIN not in waiting_mail.body


def test_someone_elses_registration_cannot_be_moved_online(client, full_room):
    _, seated, waiting = full_room()
    client.force_login(seated.user)

    response = client.post(f"/me/registrations/{waiting.pk}/online/")

    assert response.status_code == 404
    assert Registration.objects.get(pk=waiting.pk).mode == "in_person"
