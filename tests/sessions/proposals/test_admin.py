"""The organisers' screen of an event's proposals."""

import pytest
from django.contrib.auth.models import Permission

from tests.factories import UserFactory, call_page, proposal
from tests.sessions.proposals.test_screening import balanced_people

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(event):
    return call_page(event)


def test_an_event_without_a_call_offers_to_add_one(client, organiser, event):
    html = client.get(f"/admin/events/{event.pk}/proposals/").content.decode()

    assert "This event has no call for proposals yet." in html
    assert f"/admin/pages/add/programme/callpage/{event.pk}/" in html


def test_proposals_are_listed_with_their_screening_and_drafts_are_not(
    client, organiser, event, call
):
    proposal(call, UserFactory(), people=balanced_people(), title="Archives for all")
    proposal(call, UserFactory(), title="Withdrawn idea", status="withdrawn")
    proposal(call, UserFactory(), title="Secret draft", status="draft")

    html = client.get(f"/admin/events/{event.pk}/proposals/").content.decode()

    assert "Archives for all" in html and "Withdrawn idea" in html
    assert "Secret draft" not in html
    assert "Submitted: 1 · Withdrawn: 1" in html
    assert "Speaker: Ana Souza, Knowledge" not in html  # organisation not given
    assert "Speaker: Ana Souza (Government), Brazil, onsite, has agreed" in html
    assert "Not met:</strong> The form is complete." in html


def test_someone_who_cannot_edit_the_event_finds_no_proposals_there(client, call):
    proposal(call, UserFactory(), title="Archives for all")
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    response = client.get(f"/admin/events/{call.get_parent().pk}/proposals/")

    assert response.status_code == 404
    assert "Archives for all" not in response.content.decode()


@pytest.mark.parametrize("size", [2, 20])
def test_the_screen_reads_the_same_queries_at_any_size(
    client, organiser, event, call, django_assert_max_num_queries, size
):
    for _ in range(size):
        proposal(call, UserFactory(), people=balanced_people())

    with django_assert_max_num_queries(32):
        response = client.get(f"/admin/events/{event.pk}/proposals/")

    assert response.content.decode().count('class="proposal-submitted"') == size
