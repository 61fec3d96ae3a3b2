"""Our frab schedule read by a frab consumer nobody here wrote: schedule-convert's
importer (PyPI), which conference tools use to turn a frab file into other formats. It
must see each person once with their own id, cancelled sessions gone (as pretalx does,
with a new version), times and rooms right, the floor language and whole paragraphs."""

import io
import json
from datetime import datetime, timedelta

import pytest
from schedule_convert.importers.frab_xml import FrabXmlImporter

from events.models import Language
from sessions.models import SessionPage
from tests.factories import EventPageFactory, PersonFactory, SessionPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum():
    event = EventPageFactory()
    amina, rafael, li = (PersonFactory(name=n) for n in ["Amina", "Rafael", "Li"])
    english, arabic = Language.objects.get(code="en"), Language.objects.get(code="ar")
    at = datetime(2031, 5, 12, 9, tzinfo=event.tzinfo)
    plenary = SessionPageFactory(
        event=event,
        title="Opening plenary",
        start=at,
        languages=[arabic, english],
        background="<p>Partners explain themselves.</p><p>Each group speaks.</p>",
    )
    plenary.floor_language = english
    plenary.save_revision().publish()
    workshop = SessionPageFactory(
        event=event, title="Small grants", start=at + timedelta(hours=2)
    )
    dropped = SessionPageFactory(
        event=event, title="Dropped panel", start=at + timedelta(hours=4)
    )
    for session, people in [(plenary, [amina, rafael]), (workshop, [rafael, li])]:
        session.roles.all().delete()
        for person in people:
            session.roles.create(person=person, role="speaker")
        session.save_revision().publish()
    dropped.roles.create(person=li, role="speaker")
    return event, dropped


def read(client, event):
    body = client.get(f"{event.url}schedule.xml").content
    return FrabXmlImporter().parse(io.BytesIO(body)), body


def test_schedule_convert_sees_each_person_once_with_their_own_id(client, forum):
    event, _ = forum

    conference, _ = read(client, event)

    by_title = {e.title: e for e in conference.events}
    speakers = {s.id: s.name for e in conference.events for s in e.speakers}
    assert sorted(speakers.values()) == ["Amina", "Li", "Rafael"]
    assert len(speakers) == 3  # without ids, all were one person
    plenary, workshop = by_title["Opening plenary"], by_title["Small grants"]
    rafael = next(s for s in plenary.speakers if s.name == "Rafael")
    assert rafael is next(s for s in workshop.speakers if s.name == "Rafael")


def test_schedule_convert_reads_times_rooms_language_and_paragraphs(client, forum):
    event, _ = forum

    conference, _ = read(client, event)

    plenary = next(e for e in conference.events if e.title == "Opening plenary")
    assert plenary.start == datetime(2031, 5, 12, 9, 0)
    assert plenary.duration == 90
    assert plenary.language == "en"  # the floor, not "ar" first by the alphabet
    assert plenary.description == "Partners explain themselves.\n\nEach group speaks."
    assert conference.timezone.utcoffset(None) == timedelta(hours=2)


def test_a_cancelled_session_leaves_the_schedule_and_moves_its_version(client, forum):
    event, dropped = forum
    before_conference, before = read(client, event)

    dropped.status = SessionPage.Status.CANCELLED
    dropped.save_revision().publish()
    after_conference, after = read(client, event)
    schedule_json = json.loads(client.get(f"{event.url}schedule.json").content)

    titles = [e.title for e in after_conference.events]
    assert "Dropped panel" in [e.title for e in before_conference.events]
    assert "Dropped panel" not in titles and len(titles) == 2
    version = b"<version>"
    assert before.split(version)[1][:20] != after.split(version)[1][:20]
    events = [
        e
        for day in schedule_json["schedule"]["conference"]["days"]
        for room in day["rooms"].values()
        for e in room
    ]
    assert "Dropped panel" not in [e["title"] for e in events]
    assert all("end" not in e for e in events)  # the c3voc converter refuses it
    guids = {p["name"]: p["guid"] for e in events for p in e["persons"]}
    assert len(set(guids.values())) == len(guids) == 3  # one each, as in the XML
