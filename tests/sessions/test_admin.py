"""Organisers build the agenda in the Wagtail admin."""

from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from sessions.models import Person, SessionPage, SessionRole
from tests.factories import (
    PersonFactory,
    RoomFactory,
    SessionPageFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def session_form(**overrides):
    data = {
        "title": "Knowledge sharing among partnerships",
        "slug": "knowledge-sharing-among-partnerships",
        "code": "KS-01",
        "start": "2031-05-12 10:00",
        "end": "2031-05-12 11:30",
        "room": "",
        "track": "Partnerships",
        "format": SessionPage.Format.PANEL,
        "status": SessionPage.Status.SCHEDULED,
        "summary": "How partnerships share what they learn.",
        "interpretation": "",
        "background": rich_text("<p>Partnerships pool knowledge.</p>"),
        "participation": rich_text(""),
        "roles": inline_formset([]),
        "guiding_questions": inline_formset(
            [{"text": "How do partnerships share knowledge today?"}]
        ),
        "documents": inline_formset([]),
        "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def add_url(event):
    return f"/admin/pages/add/programme/sessionpage/{event.pk}/"


def test_organiser_adds_a_session_that_the_programme_then_shows(
    client, organiser, event
):
    response = client.post(add_url(event), session_form())

    assert response.status_code == 302
    session = SessionPage.objects.get(code="KS-01")
    assert session.live
    # Entered as Zurich wall-clock time (UTC+2 in May), stored as UTC.
    assert session.start == datetime(2031, 5, 12, 8, 0, tzinfo=UTC)
    programme = client.get(f"{event.url}programme/").content.decode()
    assert "Knowledge sharing among partnerships" in programme
    assert "10:00–11:30" in programme


def test_new_session_form_starts_on_the_first_day_of_the_event(
    client, organiser, event
):
    response = client.get(add_url(event))

    html = response.content.decode()
    assert 'value="2031-05-12 09:00"' in html
    assert 'value="2031-05-12 10:30"' in html
    assert "Local time in Europe/Zurich." in html


def test_edit_form_shows_times_in_the_event_time_zone(client, organiser, event):
    session = SessionPageFactory(
        event=event, start=datetime(2031, 5, 13, 7, 0, tzinfo=UTC)
    )

    response = client.get(f"/admin/pages/{session.pk}/edit/")

    assert 'value="2031-05-13 09:00"' in response.content.decode()


def test_a_double_booked_room_is_refused_with_a_clear_message(client, organiser, event):
    room = RoomFactory(name="Room XVII")
    SessionPageFactory(
        event=event,
        title="Measuring ICT",
        room=room,
        start=datetime(2031, 5, 12, 8, 0, tzinfo=UTC),
    )

    response = client.post(add_url(event), session_form(room=room.pk))

    assert response.status_code == 200
    assert (
        "Room XVII is already booked for “Measuring ICT” from 10:00 to 11:30."
        in response.content.decode()
    )
    assert not SessionPage.objects.filter(code="KS-01").exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"end": "2031-05-12 09:00"}, "The session must end after it starts."),
        (
            {"start": "2031-05-20 10:00", "end": "2031-05-20 11:00"},
            "The session must take place during the event",
        ),
    ],
    ids=["ends-before-start", "outside-event"],
)
def test_impossible_times_are_refused(client, organiser, event, fields, message):
    response = client.post(add_url(event), session_form(**fields))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SessionPage.objects.filter(code="KS-01").exists()


def test_a_code_already_used_in_the_event_is_refused(client, organiser, event):
    SessionPageFactory(event=event, code="KS-01")

    response = client.post(add_url(event), session_form())

    assert "Another session of this event already has the code KS-01." in (
        response.content.decode()
    )
    assert SessionPage.objects.filter(code="KS-01").count() == 1


def test_a_person_booked_twice_is_saved_with_a_warning(client, organiser, event):
    ana = PersonFactory(name="Ana Okafor")
    other = SessionPageFactory(
        event=event, title="Open data", start=datetime(2031, 5, 12, 8, 30, tzinfo=UTC)
    )
    SessionRole.objects.create(session=other, person=ana, role=SessionRole.Role.SPEAKER)
    roles = inline_formset([{"person": ana.pk, "role": "moderator"}])

    response = client.post(add_url(event), session_form(roles=roles), follow=True)

    assert SessionPage.objects.filter(code="KS-01", live=True).exists()
    messages = [str(m) for m in response.context["messages"]]
    assert (
        "Saved, but Ana Okafor is also in “Open data” at 10:30 (no room)." in messages
    )


def test_sessions_by_day_and_room_lists_drafts_too(client, organiser, event):
    room_a, room_b = RoomFactory(name="Room A"), RoomFactory(name="Room B")
    SessionPageFactory(event=event, title="Published talk", room=room_b)
    draft = SessionPageFactory(event=event, title="Draft talk", room=room_a)
    draft.unpublish()

    response = client.get(f"/admin/events/{event.pk}/sessions/")

    html = response.content.decode()
    assert html.index("Room A") < html.index("Draft talk") < html.index("Room B")
    assert html.index("Room B") < html.index("Published talk")
    assert "Draft" in html[html.index("Draft talk") :]


def test_sessions_listing_is_hidden_from_editors_of_other_events(client, event):
    editor = UserFactory()
    reviewers = Group.objects.create(name="Reviewers")  # admin access, no page rights
    reviewers.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(reviewers)
    client.force_login(editor)

    response = client.get(f"/admin/events/{event.pk}/sessions/")

    assert response.status_code == 404


@pytest.mark.parametrize("url", ["/admin/", "/admin/pages/", "/admin/login/"])
def test_anonymous_visitors_are_sent_to_the_site_login(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_people_snippet_list_finds_a_person_by_name(client, organiser):
    PersonFactory(name="Ama Mensah", organisation="Forum Partners")
    PersonFactory(name="Zoë Lefèvre")

    response = client.get("/admin/snippets/programme/person/", {"q": "mensah"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Ama Mensah" in html and "Zoë Lefèvre" not in html


def test_the_people_chooser_searches_and_creates_with_an_email(client, organiser):
    PersonFactory(name="Amina Diallo", organisation="Open Data Lab")
    PersonFactory(name="Kofi Boateng", organisation="Ministry of ICT")
    chooser = "/admin/snippets/choose/programme/person/"

    found = client.get(f"{chooser}results/?q=ministry").content.decode()
    tabs = client.get(chooser).json()["html"]
    created = client.post(
        f"{chooser}create/",
        {"name": "Lucía Hernández", "organisation": "ECLAC", "email": "l@example.org"},
    )

    assert "Kofi Boateng" in found and "Amina Diallo" not in found
    assert 'name="email"' in tabs  # the "Create" tab of the modal
    assert created.json()["step"] == "chosen"
    person = Person.objects.get(name="Lucía Hernández")
    assert (person.organisation, person.email) == ("ECLAC", "l@example.org")
