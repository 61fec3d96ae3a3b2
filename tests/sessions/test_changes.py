from datetime import date, datetime, timedelta
from xml.etree import ElementTree

import pytest

from sessions.models import ProgrammeChange, SessionPage
from tests.factories import EventPageFactory, RoomFactory, SessionPageFactory, republish

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def event():
    return EventPageFactory(start_date=date(2031, 5, 12), end_date=date(2031, 5, 14))


def kinds(event):
    return [c.kind for c in ProgrammeChange.objects.filter(event=event)]


def test_publishing_records_new_moved_re_roomed_and_cancelled_sessions(event):
    room_a, room_b = RoomFactory(name="Room A"), RoomFactory(name="Room B")
    session = SessionPageFactory(event=event, title="Opening", room=room_a)

    republish(session, summary="Only the text changed.")
    republish(
        session,
        start=session.start + timedelta(days=1),
        end=session.end + timedelta(days=1),
    )
    republish(session, room=room_b)
    republish(session, status=SessionPage.Status.CANCELLED)

    assert kinds(event) == ["cancelled", "room", "moved", "added"]  # newest first
    moved = ProgrammeChange.objects.get(kind="moved")
    assert moved.new_start - moved.old_start == timedelta(days=1)
    assert (moved.old_room, moved.new_room) == ("Room A", "Room A")
    re_roomed = ProgrammeChange.objects.get(kind="room")
    assert (re_roomed.old_room, re_roomed.new_room) == ("Room A", "Room B")
    assert session.schedule_record.sequence == 3


def test_drafts_change_nothing(event):
    session = SessionPageFactory(event=event)
    session = SessionPage.objects.get(pk=session.pk)

    session.start += timedelta(hours=2)
    session.end += timedelta(hours=2)
    session.save_revision()  # saved, not published

    assert kinds(event) == ["added"]


def test_changelog_page_shows_a_move_and_a_cancellation_newest_first(client, event):
    hall = RoomFactory(name="Plenary Hall")
    moved = SessionPageFactory(
        event=event,
        title="Mapping partnerships",
        start=datetime(2031, 5, 12, 11, 0, tzinfo=event.tzinfo),
        room=hall,
    )
    cancelled = SessionPageFactory(event=event, title="Closing <plenary>")
    republish(
        moved,
        start=datetime(2031, 5, 13, 14, 0, tzinfo=event.tzinfo),
        end=datetime(2031, 5, 13, 15, 30, tzinfo=event.tzinfo),
    )
    republish(cancelled, status=SessionPage.Status.CANCELLED)

    html = client.get(f"{event.url}programme/changes/").content.decode()

    assert html.index("Cancelled</span>: ") < html.index("Moved</span>: ")
    assert "Closing &lt;plenary&gt;" in html
    # Times on the event's wall clock (Zurich), old and new, with the room.
    assert "Was <time" in html
    assert "Mon 12 May, 11:00</time>–12:30, Plenary Hall</span>; " in html
    assert "now <time" in html
    assert "Tue 13 May, 14:00</time>–15:30, Plenary Hall</span>" in html
    assert (
        html.count('<li id="change-') == 4
    )  # two new sessions, a move, a cancellation


def test_atom_feed_lists_the_same_changes(client, event):
    session = SessionPageFactory(event=event, title="Side event")
    republish(session, status=SessionPage.Status.CANCELLED)
    republish(
        session,
        start=session.start + timedelta(hours=1),
        end=session.end + timedelta(hours=1),
    )

    response = client.get(f"{event.url}programme/changes/feed.atom")

    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = ElementTree.fromstring(response.content)
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]
    assert titles == [
        f"Moved: Side event · {event.title}",
        f"Cancelled: Side event · {event.title}",
        f"New session: Side event · {event.title}",
    ]
    summaries = [e.findtext(f"{ATOM}summary") for e in feed.iter(f"{ATOM}entry")]
    assert summaries == [
        "Was Mon 12 May 10:00–11:30; now Mon 12 May 11:00–12:30.",
        "Mon 12 May 10:00–11:30",
        "Mon 12 May 10:00–11:30",
    ]
    ids = [entry.findtext(f"{ATOM}id") for entry in feed.iter(f"{ATOM}entry")]
    assert all(i.startswith("urn:uuid:") for i in ids) and len(set(ids)) == 3


def test_programme_links_to_the_changelog_and_its_feed(client, event):
    html = client.get(f"{event.url}programme/").content.decode()

    assert f'<a href="{event.url}programme/changes/">Programme changes</a>' in html
    assert f'href="{event.url}programme/changes/feed.atom"' in html


@pytest.mark.parametrize("size", [3, 30])
def test_changelog_queries_stay_flat(client, django_assert_max_num_queries, size):
    event = EventPageFactory()
    for n in range(size):
        SessionPageFactory(event=event, title=f"Session {n}")
    client.get(f"{event.url}programme/changes/")

    with django_assert_max_num_queries(12):
        response = client.get(f"{event.url}programme/changes/")

    assert response.content.decode().count('<li id="change-') == size
