"""The programme grid in the admin: blocks where sessions are, clashes marked, a
session added in a free slot and moved, each change a draft under the schedule rules."""

import re
from datetime import datetime, timedelta

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sessions.models import SessionPage, SessionRole
from tests.factories import (
    EventPageFactory,
    PersonFactory,
    RoomFactory,
    SessionPageFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return EventPageFactory(venue="Palais des Nations")  # 12-14 May 2031, Zurich


@pytest.fixture
def rooms():
    return RoomFactory(name="Room A"), RoomFactory(name="Room B")


def at(event, day, hour, minute=0):
    return datetime(2031, 5, day, hour, minute, tzinfo=event.tzinfo)


def grid_url(event, query=""):
    return f"/admin/events/{event.pk}/grid/{query}"


def blocks(html):
    """{title: the block's text} of every session block on the grid."""
    found = re.findall(r'<article class="block[^"]*"[^>]*>(.*?)</article>', html, re.S)
    return {
        re.search(r"<h3><a [^>]*>(.*?)</a></h3>", block).group(1): re.sub(
            r"<[^>]+>", "", block
        )
        for block in found
    }


def block_classes(html, title):
    match = re.search(
        r'<article class="([^"]*)"[^>]*aria-label="' + re.escape(title) + '"', html
    )
    return match.group(1).split()


def test_the_grid_shows_each_session_with_its_code_people_and_status(
    client, organiser, event, rooms
):
    room_a, room_b = rooms
    live = SessionPageFactory(
        event=event, title="Opening", code="PL-1", room=room_a, people=1
    )
    speaker = live.roles.get().person
    draft = SessionPageFactory(
        event=event, title="Draft panel", room=room_b, start=at(event, 13, 9)
    )
    SessionPage.objects.filter(pk=draft.pk).update(live=False)
    SessionPageFactory(
        event=event,
        title="Called off",
        room=room_b,
        status=SessionPage.Status.CANCELLED,
        start=at(event, 14, 9),
    )

    html = client.get(grid_url(event)).content.decode()

    shown = blocks(html)
    assert "PL-1" in shown["Opening"] and speaker.name in shown["Opening"]
    assert "Panel · Live" in shown["Opening"]
    assert "Panel · Draft" in shown["Draft panel"]
    assert "Cancelled" in shown["Called off"]
    assert "status-draft" in block_classes(html, "Draft panel")
    for heading in ("Monday 12 May 2031", "Tuesday 13 May 2031", "Room A"):
        assert heading in html


def test_a_session_scheduled_to_go_live_says_so(client, organiser, event, rooms):
    session = SessionPageFactory(event=event, title="Later", room=rooms[0])
    SessionPage.objects.filter(pk=session.pk).update(live=False)
    session = SessionPage.objects.get(pk=session.pk)
    session.go_live_at = timezone.now() + timedelta(days=1)
    session.save_revision().publish()

    html = client.get(grid_url(event)).content.decode()

    assert "Panel · Scheduled to go live" in blocks(html)["Later"]
    assert "status-scheduled" in block_classes(html, "Later")


def test_clashes_of_rooms_and_people_are_marked_on_both_blocks(
    client, organiser, event, rooms
):
    room_a, room_b = rooms
    person = PersonFactory(name="Amina Diallo")
    first = SessionPageFactory(event=event, title="First", room=room_a)
    first.roles.add(SessionRole(person=person))
    first.save()
    # Saved around the rules, as an old import could have: the grid still shows it.
    second = SessionPageFactory(
        event=event, title="Second", room=room_a, start=at(event, 12, 11)
    )
    third = SessionPageFactory(
        event=event, title="Third", room=room_b, start=at(event, 12, 11)
    )
    third.roles.add(SessionRole(person=person))
    third.save()

    shown = blocks(client.get(grid_url(event)).content.decode())

    assert "Room also booked for “Second”" in shown["First"]
    assert "Room also booked for “First”" in shown["Second"]
    assert "Amina Diallo is also in “Third”" in shown["First"]
    assert "Amina Diallo is also in “First”" in shown["Third"]
    assert "Amina" not in shown["Second"]
    assert second.pk


def test_filters_by_day_and_track(client, organiser, event, rooms):
    SessionPageFactory(event=event, title="Data day one", track="Data")
    SessionPageFactory(
        event=event, title="Data day two", track="Data", start=at(event, 13, 10)
    )
    SessionPageFactory(event=event, title="Policy day one", track="Policy")

    by_track = blocks(client.get(grid_url(event, "?track=Data")).content.decode())
    by_day = blocks(client.get(grid_url(event, "?day=2031-05-13")).content.decode())

    assert set(by_track) == {"Data day one", "Data day two"}
    assert set(by_day) == {"Data day two"}


def test_the_grid_costs_the_same_queries_for_ten_or_forty_sessions(client, organiser):
    def count(sessions):
        event = EventPageFactory(sessions=sessions)
        client.get(grid_url(event))  # warm the session and permission caches
        with CaptureQueriesContext(connection) as queries:
            response = client.get(grid_url(event))
        assert response.status_code == 200
        assert len(blocks(response.content.decode())) == sessions
        return len(queries)

    assert count(10) == count(40)


def test_someone_who_does_not_manage_the_event_gets_404(client, event, rooms):
    session = SessionPageFactory(event=event, room=rooms[0])
    admin_user = UserFactory()
    admin_user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(admin_user)

    assert client.get(grid_url(event)).status_code == 404
    assert add(client, event, title="Mine now").status_code == 404
    moved = move(client, session, event, start="2031-05-13T10:00")
    assert moved.status_code == 404
    assert not SessionPage.objects.filter(title="Mine now").exists()
    assert session.revisions.count() == 1


# Adding a session in a free slot


def add(client, event, **fields):
    data = {
        "title": "Open data with quality",
        "code": "",
        "start": "2031-05-12T10:00",
        "end": "2031-05-12T11:30",
        "room": "",
        "format": SessionPage.Format.PANEL,
        "track": "",
    }
    data.update(fields)
    return client.post(grid_url(event, "add/"), data, follow=True)


def test_a_free_slot_opens_the_form_with_its_time_and_room(
    client, organiser, event, rooms
):
    room_a, _ = rooms
    html = client.get(grid_url(event)).content.decode()
    # Without JavaScript, a room's column adds at the start of the day; the script
    # puts the half hour clicked in `start`.
    column = f"{grid_url(event)}add/?start=2031-05-13T09:00&amp;room={room_a.pk}"
    assert column in html

    form = client.get(
        f"{grid_url(event)}add/?start=2031-05-13T14:30&room={room_a.pk}"
    ).content.decode()

    assert 'value="2031-05-13T14:30"' in form
    assert 'value="2031-05-13T16:00"' in form  # 90 minutes by default
    assert re.search(rf'<option value="{room_a.pk}" selected>Room A</option>', form)


def test_a_session_added_in_a_slot_is_a_draft_in_the_grid_not_in_public(
    client, organiser, event, rooms
):
    room_a, _ = rooms
    speaker = PersonFactory(name="Lucía Hernández")

    response = add(
        client, event, room=room_a.pk, code="WS-1", people=[speaker.pk], track="Data"
    )

    session = SessionPage.objects.get(code="WS-1")
    assert not session.live and session.start == at(event, 12, 10)
    assert [r.person for r in session.roles.all()] == [speaker]
    assert session.get_latest_revision().user == organiser
    assert "“Open data with quality” added as a draft" in response.content.decode()
    assert (
        "Panel · Draft" in blocks(response.content.decode())["Open data with quality"]
    )
    assert (
        "Open data with quality"
        not in client.get(f"{event.url}programme/").content.decode()
    )


def test_a_room_clash_is_refused_with_the_booked_session_named(
    client, organiser, event, rooms
):
    room_a, _ = rooms
    SessionPageFactory(event=event, title="Opening", room=room_a)

    response = add(client, event, room=room_a.pk, start="2031-05-12T11:00")

    html = response.content.decode()
    assert "Room A is already booked for “Opening” from 10:00 to 11:30." in html
    assert 'aria-describedby="id_room_error"' in html
    assert 'id="id_room_error"' in html  # the message it points at
    assert not SessionPage.objects.filter(title="Open data with quality").exists()


def test_a_person_in_two_places_is_a_warning_not_a_refusal(
    client, organiser, event, rooms
):
    room_a, room_b = rooms
    busy = SessionPageFactory(event=event, title="Opening", room=room_a, people=1)
    person = busy.roles.get().person

    response = add(client, event, room=room_b.pk, people=[person.pk])

    assert SessionPage.objects.filter(title="Open data with quality").exists()
    assert (
        f"{person.name} is also in “Opening” at 10:00 (Room A)."
        in response.content.decode()
    )


def test_a_taken_code_and_an_end_before_the_start_are_refused(client, organiser, event):
    SessionPageFactory(event=event, code="WS-1")

    html = add(client, event, code="WS-1", end="2031-05-12T09:00").content.decode()

    assert "The session must end after it starts." in html
    assert "Another session of this event already has the code WS-1." in html


# Moving a session


def move(client, session, event, **fields):
    return client.post(
        f"/admin/events/{event.pk}/grid/{session.pk}/move/", fields, follow=True
    )


def test_moving_a_live_session_is_a_draft_until_published(
    client, organiser, event, rooms
):
    room_a, room_b = rooms
    session = SessionPageFactory(event=event, title="Opening", room=room_a)

    response = move(client, session, event, start="2031-05-13T14:00", room=room_b.pk)

    html = response.content.decode()
    assert "“Opening” moved to 14:00 in Room B, as a draft" in html
    assert "Live, with draft changes" in blocks(html)["Opening"]
    assert "14:00–15:30" in blocks(html)["Opening"]
    session.refresh_from_db()
    assert session.start == at(event, 12, 10) and session.room == room_a  # public
    draft = session.get_latest_revision_as_object()
    assert (draft.start, draft.room) == (at(event, 13, 14), room_b)
    draft.save_revision().publish()
    assert "14:00" in client.get(f"{event.url}programme/").content.decode()


def test_moving_a_draft_moves_its_row_so_other_moves_see_it(
    client, organiser, event, rooms
):
    room_a, room_b = rooms
    draft = SessionPageFactory(event=event, title="Draft", room=room_a)
    SessionPage.objects.filter(pk=draft.pk).update(live=False)
    other = SessionPageFactory(
        event=event, title="Other", room=room_a, start=at(event, 13, 9)
    )

    move(client, draft, event, start="2031-05-12T15:00", room=room_b.pk)
    html = move(client, other, event, start="2031-05-12T15:30", room=room_b.pk)

    assert "Room B is already booked for “Draft” from 15:00 to 16:30." in (
        html.content.decode()
    )
    draft.refresh_from_db()
    assert draft.start == at(event, 12, 15) and draft.room == room_b


def test_a_move_into_a_booked_room_is_refused_on_the_move_form(
    client, organiser, event, rooms
):
    room_a, room_b = rooms
    SessionPageFactory(event=event, title="Opening", room=room_b)
    session = SessionPageFactory(event=event, title="Panel", room=room_a)
    revisions = session.revisions.count()

    response = move(client, session, event, start="2031-05-12T10:30", room=room_b.pk)

    assert "Room B is already booked for “Opening”" in response.content.decode()
    assert session.revisions.count() == revisions


def test_a_move_outside_the_event_is_refused(client, organiser, event, rooms):
    session = SessionPageFactory(event=event, room=rooms[0])

    html = move(client, session, event, start="2031-05-20T10:00").content.decode()

    assert "The session must take place during the event" in html


def test_a_session_of_another_event_is_not_found(client, organiser, event):
    other = SessionPageFactory(event=EventPageFactory())

    response = client.get(f"/admin/events/{event.pk}/grid/{other.pk}/move/")

    assert response.status_code == 404


def test_the_grid_is_one_click_from_the_event_page(client, organiser, event):
    html = client.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    assert f'href="/admin/events/{event.pk}/grid/"' in html


def test_a_day_reaches_the_last_session_of_the_evening(client, organiser, event):
    SessionPageFactory(
        event=event,
        title="Late",
        start=at(event, 12, 20),
        end=at(event, 12, 21, 30),
    )
    html = client.get(grid_url(event)).content.decode()
    assert ">21:00<" in html


# Fast entry


def test_a_new_speaker_is_created_with_the_session_and_needs_an_email(
    client, organiser, event, rooms
):
    refused = add(client, event, title="Data skills", new_name="Kofi Boateng")
    assert "Give the new speaker&#x27;s email" in refused.content.decode()
    assert not SessionPage.objects.filter(title="Data skills").exists()

    add(
        client,
        event,
        title="Data skills",
        new_name="Kofi Boateng",
        new_organisation="Open Data Lab",
        new_email="kofi@example.org",
    )

    session = SessionPage.objects.get(title="Data skills")
    (role,) = session.roles.all()
    assert (role.person.name, role.person.email, role.role) == (
        "Kofi Boateng",
        "kofi@example.org",
        SessionRole.Role.SPEAKER,
    )


def test_a_slot_takes_the_events_usual_length_and_the_rooms_last_track(
    client, organiser, rooms
):
    event = EventPageFactory(venue="Palais des Nations", session_minutes=60)
    SessionPageFactory(event=event, room=rooms[0], track="Data")

    form = client.get(
        f"{grid_url(event)}add/?start=2031-05-13T14:00&room={rooms[0].pk}"
    ).content.decode()

    assert 'value="2031-05-13T15:00"' in form  # an hour, as the event says
    assert 'name="track" value="Data"' in form


def test_the_edit_form_offers_the_events_rooms_first(client, organiser, event, rooms):
    RoomFactory(name="Hall 1", venue="Congress centre")

    html = client.get(
        f"/admin/pages/add/programme/sessionpage/{event.pk}/"
    ).content.decode()

    here = html.index('<optgroup label="Palais des Nations (this event&#x27;s venue)">')
    elsewhere = html.index('<optgroup label="Congress centre">')
    assert here < html.index(">Room A<") < elsewhere < html.index(">Hall 1<")
