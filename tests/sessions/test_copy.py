"""Wagtail's "Copy" of a session: a code of its own, and never a published clash."""

import pytest

from sessions.models import ProgrammeChange, SessionPage
from sessions.services import free_code
from tests.factories import EventPageFactory, RoomFactory, SessionPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser(client, admin_user):
    client.force_login(admin_user)
    return admin_user


def copy(client, session, to, *, publish=True, slug="copy"):
    data = {
        "new_title": f"{session.title} (copy)",
        "new_slug": slug,
        "new_parent_page": to.pk,
    }
    if publish:
        data["publish_copies"] = "on"
    return client.post(f"/admin/pages/{session.pk}/copy/", data, follow=True)


def test_a_copy_in_the_same_room_and_time_stays_a_draft_with_a_new_code(
    client, organiser, event
):
    session = SessionPageFactory(
        event=event, title="Opening", code="PL-1", room=RoomFactory(name="Room A")
    )

    html = copy(client, session, event).content.decode()

    the_copy = SessionPage.objects.get(slug="copy")
    assert not the_copy.live
    assert the_copy.code == "PL-1-2"
    assert the_copy.get_latest_revision_as_object().code == "PL-1-2"
    assert "The copy is kept as a draft: Room A is already booked for “Opening”" in html
    assert "The copy&#x27;s code is PL-1-2." in html
    assert not ProgrammeChange.objects.filter(session=the_copy).exists()
    assert SessionPage.objects.get(pk=session.pk).code == "PL-1"


def test_a_copy_that_fits_is_published_as_asked_with_its_own_code(
    client, organiser, event
):
    session = SessionPageFactory(event=event, title="Side event", code="SE-1")
    other = EventPageFactory(title="Regional forum")  # the same days, no rooms taken

    html = copy(client, session, other).content.decode()

    the_copy = SessionPage.objects.get(slug="copy")
    assert the_copy.live and the_copy.code == "SE-1"  # free in the other event
    assert "kept as a draft" not in html
    programme = client.get(f"{other.url}programme/").content.decode()
    assert "Side event (copy)" in programme


def test_a_copy_to_an_event_on_other_days_stays_a_draft(client, organiser, event):
    session = SessionPageFactory(event=event, title="Opening", code="PL-1")
    later = EventPageFactory(
        start_date=event.start_date.replace(year=2032),
        end_date=event.end_date.replace(year=2032),
    )

    html = copy(client, session, later).content.decode()

    assert not SessionPage.objects.get(slug="copy").live
    assert "The session must take place during the event" in html


def test_free_code_counts_past_the_codes_taken(event):
    for code in ("WS-1", "WS-1-2"):
        SessionPageFactory(event=event, code=code)

    assert free_code(event, "WS-1") == "WS-1-3"
    assert free_code(event, "WS-9") == "WS-9"
    assert free_code(event, "") == ""
