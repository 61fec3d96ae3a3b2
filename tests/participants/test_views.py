"""Registering through HTTP, with every refusal a message on the form."""

import uuid

import pytest
from django.core import mail

from events.models import StakeholderGroup
from participants.models import Registration
from tests.factories import ProfileFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(open_event):
    return open_event(quotas={"government": 1, "media": 1})


def form(profile, **overrides):
    return {
        "mode": "in_person",
        "group": profile.group_id,
        "token": str(uuid.uuid4()),
        **overrides,
    }


def signed_in(client, group_slug="government"):
    profile = ProfileFactory(group_slug=group_slug)
    client.force_login(profile.user)
    return profile


def test_register_confirms_then_waitlists_with_a_position(
    client, event, django_capture_on_commit_callbacks
):
    first = signed_in(client)
    client.post(f"{event.url}register/", form(first))
    second = signed_in(client)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{event.url}register/", form(second), follow=True)

    page = response.content.decode()
    assert "Waiting list" in page
    assert "You are number 1 in the Government line." in page
    assert mail.outbox[-1].subject == f"You are on the waiting list for {event.title}"


def test_confirmation_mail_has_text_html_and_the_event_calendar(
    client, event, django_capture_on_commit_callbacks
):
    profile = signed_in(client)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{event.url}register/", form(profile))

    (message,) = mail.outbox
    confirmed = f"Your place (in person, Government) at {event.title} is confirmed."
    assert confirmed in message.body
    html, kind = message.alternatives[0]
    assert kind == "text/html" and f"<p>Hello {profile.full_name},</p>" in html
    assert confirmed in html
    name, calendar, kind = message.attachments[0]
    assert (name, kind) == (f"{event.slug}.ics", "text/calendar")
    assert f"SUMMARY:{event.title}" in calendar
    assert "DTSTART;VALUE=DATE:20310512" in calendar


def test_the_same_form_submitted_twice_registers_once(client, event):
    profile = signed_in(client)
    data = form(profile)

    first = client.post(f"{event.url}register/", data)
    second = client.post(f"{event.url}register/", data)

    assert first["Location"] == second["Location"]
    assert Registration.objects.count() == 1


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"token": "not-a-token"}, "This form was changed or has expired"),
        ({"group": "999999"}, "That stakeholder group does not exist"),
        ({"group": None}, "Your stakeholder group has changed"),
        ({"mode": "online"}, "Select a valid choice"),
    ],
    ids=["token", "unknown-group", "other-group", "mode-not-offered"],
)
def test_tampered_forms_are_refused_on_the_form(client, event, overrides, message):
    profile = signed_in(client)
    if overrides.get("group", "") is None:
        overrides["group"] = StakeholderGroup.objects.get(slug="media").pk

    response = client.post(f"{event.url}register/", form(profile, **overrides))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert Registration.objects.count() == 0


def test_a_second_registration_from_another_tab_is_refused(client, event):
    profile = signed_in(client)
    client.post(f"{event.url}register/", form(profile))

    response = client.post(f"{event.url}register/", form(profile))

    assert "You are already registered for this event." in response.content.decode()


def test_closed_registration_says_so(client, open_event):
    event = open_event(quotas={"government": 1}, registration_opens_at=None)
    profile = signed_in(client)

    page = client.get(f"{event.url}register/").content.decode()
    response = client.post(f"{event.url}register/", form(profile))

    assert "Registration for this event is not open" in page
    assert "Registration for this event is not open." in response.content.decode()


def test_register_without_a_profile_points_to_it(client, event):
    client.force_login(UserFactory())

    page = client.get(f"{event.url}register/").content.decode()

    assert "/me/profile/?next=" in page
    assert "<form" not in page.split("<main", 1)[1].split("</main>")[0]


def test_register_needs_sign_in(client, event):
    response = client.get(f"{event.url}register/")

    assert response["Location"].startswith("/accounts/login/?next=")


def test_cancel_frees_the_seat_for_the_line(client, event):
    first = signed_in(client)
    client.post(f"{event.url}register/", form(first))
    mine = Registration.objects.get(user=first.user)
    waiting = signed_in(client)
    client.post(f"{event.url}register/", form(waiting))
    client.force_login(first.user)

    response = client.post(f"/me/registrations/{mine.pk}/cancel/", follow=True)
    again = client.post(f"/me/registrations/{mine.pk}/cancel/", follow=True)

    assert "Your registration is cancelled." in response.content.decode()
    assert "This registration is already cancelled." in again.content.decode()
    assert Registration.objects.get(user=waiting.user).status == "confirmed"


def test_cancelling_asks_first_and_only_the_post_cancels(client, event):
    first = signed_in(client)
    client.post(f"{event.url}register/", form(first))
    mine = Registration.objects.get(user=first.user)

    registration_page = client.get(f"/me/registrations/{mine.pk}/").content.decode()
    asked = client.get(f"/me/registrations/{mine.pk}/cancel/")
    status_after_asking = Registration.objects.get(pk=mine.pk).status
    client.post(f"/me/registrations/{mine.pk}/cancel/")
    after = client.get(f"/me/registrations/{mine.pk}/cancel/")

    assert f'href="/me/registrations/{mine.pk}/cancel/">Cancel my registration' in (
        registration_page
    )
    page = asked.content.decode()
    assert "Cancel your registration?" in page
    assert "Yes, cancel my registration</button>" in page
    assert "No, keep my registration</a>" in page
    assert status_after_asking == "confirmed"
    assert Registration.objects.get(pk=mine.pk).status == "cancelled"
    assert after["Location"] == f"/me/registrations/{mine.pk}/"  # nothing to ask


def test_someone_elses_registration_is_404(client, event):
    owner = signed_in(client)
    client.post(f"{event.url}register/", form(owner))
    theirs = Registration.objects.get()
    signed_in(client)

    assert client.get(f"/me/registrations/{theirs.pk}/").status_code == 404
    assert client.post(f"/me/registrations/{theirs.pk}/cancel/").status_code == 404
    assert client.get(f"/me/registrations/{theirs.pk}/cancel/").status_code == 404
    assert Registration.objects.get().status == "confirmed"


def test_my_registrations_lists_only_mine(client, event):
    other = signed_in(client)
    client.post(f"{event.url}register/", form(other))
    signed_in(client)

    page = client.get("/me/registrations/").content.decode()

    assert "You have not registered for any event yet." in page


def test_the_event_page_offers_registration_only_while_open(client, open_event):
    running = open_event(quotas={"government": 1})
    closed = open_event(quotas={"government": 1}, registration_opens_at=None)

    open_page = client.get(running.url).content.decode()
    closed_page = client.get(closed.url).content.decode()

    assert f'href="{running.url}register/">Register</a>' in open_page
    assert "register/" not in closed_page


def test_the_places_left_are_shown_before_registering(client, event):
    first = signed_in(client)
    before = client.get(f"{event.url}register/").content.decode()
    client.post(f"{event.url}register/", form(first))
    signed_in(client)

    after = client.get(f"{event.url}register/").content.decode()

    assert "Government (your group): 1 of 1 free" in before
    assert "Media: 1 of 1 free" in before
    assert "Government (your group): full, 0 waiting" in after
