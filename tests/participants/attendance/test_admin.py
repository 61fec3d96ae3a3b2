"""The organisers' Check-in screen: figures, helpers added and removed by email,
and the way to it from the event's page in the admin."""

import pytest

from participants.attendance import badges, checkin, tokens
from participants.models import CheckInHelper
from tests.factories import UserFactory
from tests.participants.attendance.conftest import attendee

pytestmark = pytest.mark.django_db


def screen(event):
    return f"/admin/events/{event.pk}/check-in/"


def test_the_event_page_in_the_admin_leads_to_check_in(client, organiser, event):
    page = client.get(f"/admin/pages/{event.pk}/").content.decode()

    assert f'href="{screen(event)}"' in page


def test_an_organiser_adds_a_helper_by_email(client, organiser, event):
    UserFactory(email="desk@example.org")

    added = client.post(screen(event), {"email": "DESK@example.org"}, follow=True)
    shown = added.content.decode()

    assert CheckInHelper.objects.get().user.email == "desk@example.org"
    assert "desk@example.org can check people in now, at" in shown
    assert f"/check-in/{event.pk}/" in shown
    assert "by org@example.org" in shown


@pytest.mark.parametrize(
    ("email", "said"),
    [
        ("nobody@example.org", "No account has this email. Ask them to sign up"),
        ("desk@example.org", "desk@example.org is a helper already."),
    ],
)
def test_an_unknown_or_repeated_helper_is_refused(
    client, organiser, event, email, said
):
    desk = UserFactory(email="desk@example.org")
    CheckInHelper.objects.create(event=event, user=desk)

    page = client.post(screen(event), {"email": email}).content.decode()

    assert said in page
    assert CheckInHelper.objects.count() == 1


def test_an_organiser_removes_a_helper(client, organiser, event):
    row = CheckInHelper.objects.create(event=event, user=UserFactory())

    client.post(screen(event), {"remove": row.pk})

    assert not CheckInHelper.objects.exists()


def test_someone_who_may_not_edit_the_event_gets_404(client, event):
    client.force_login(UserFactory(is_staff=True))

    assert client.get(screen(event)).status_code in (302, 404)


def test_the_balance_view_shows_who_attended_beside_who_registered(
    client, organiser, event
):
    came = [attendee(event, f"Came {n}", group="government") for n in range(3)]
    attendee(event, "Stayed home", group="government")
    attendee(event, "Academic", group="academia")
    for registration in came:
        checkin.check_in(organiser, event, badges.badge_for(registration).code)

    page = client.get(f"/admin/events/{event.pk}/registrations/balance/")
    text = page.content.decode()

    assert "3 of them attended (checked in at the desk, or online at a session)" in text
    assert '<th scope="row">Government</th><td>4</td><td>3</td>' in text
    assert '<th scope="row">Academia and research</th><td>1</td><td>0</td>' in text
    assert '<th scope="row">African Group</th><td>5</td><td>3</td>' in text


def test_an_organiser_reprints_a_lost_badge_from_the_registration(
    client, organiser, event
):
    registration = attendee(event, "Amina Diallo")
    old = badges.badge_for(registration).code
    checkin.check_in(organiser, event, old)
    screen = f"/admin/events/{event.pk}/registrations/{registration.pk}/"

    before = client.get(screen).content.decode()
    after = client.post(screen, follow=True).content.decode()
    new = badges.badge_for(registration).code

    assert tokens.grouped(old) in before and "at the event (on site, by" in before
    assert new != old and f"A new badge, {tokens.grouped(new)}" in after
    assert checkin.check_in(organiser, event, old).message.startswith(
        "This badge was replaced on"
    )
