"""schedule.xml and schedule.json against the frab schemas (copies in schemas/frab/,
see its README), plus the rules the schemas cannot express (docs/architecture.md,
"frab schedules")."""

import json
import re
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from jsonschema import Draft6Validator
from lxml import etree

from sessions.exporters.base import namespace
from sessions.models import SessionPage
from tests.factories import (
    EventPageFactory,
    RoomFactory,
    SessionPageFactory,
    language,
    republish,
)

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).parent / "schemas" / "frab"
XSD = etree.XMLSchema(etree.parse(str(SCHEMAS / "schedule.xml.xsd")))
JSON_SCHEMA = Draft6Validator(
    json.loads((SCHEMAS / "schema.json").read_text()),
    format_checker=Draft6Validator.FORMAT_CHECKER,
)


@pytest.fixture
def event():
    """Two days in Zurich; a late session after midnight, two rooms called the same in
    different venues, a session without a room, one cancelled, awkward titles."""
    event = EventPageFactory(
        slug="ksd-2031",
        title="Forum on Knowledge Sharing & Development",
        start_date=date(2031, 3, 29),
        end_date=date(2031, 3, 30),
    )
    zurich = event.tzinfo
    hall = RoomFactory(name="Plenary Hall", venue="Palais")
    annex_hall = RoomFactory(name="Plenary Hall", venue="Annex")
    room_b = RoomFactory(name="Room B", venue="Palais")
    rows = [
        ("Opening: knowledge <sharing> & learning", datetime(2031, 3, 29, 9), hall),
        ("Évaluation des politiques", datetime(2031, 3, 29, 11), annex_hall),
        ("Night owls\x0b meetup", datetime(2031, 3, 30, 1, 30), room_b),  # before 04:00
        ("Hallway track", datetime(2031, 3, 30, 10), None),
        ("Closing plenary", datetime(2031, 3, 30, 16), hall),
    ]
    for title, start, room in rows:
        SessionPageFactory(
            event=event,
            title=title,
            start=start.replace(tzinfo=zurich),
            room=room,
            track="Policy" if room else "",
            people=2,
            languages=[language("fr")] if "Évaluation" in title else [],
            status=SessionPage.Status.CANCELLED
            if "Closing" in title
            else SessionPage.Status.SCHEDULED,
        )
    return event


def get_xml(client, event):
    response = client.get(f"{event.url}schedule.xml")
    return response, etree.fromstring(response.content)


def get_json(client, event):
    response = client.get(f"{event.url}schedule.json")
    return response, json.loads(response.content)


def json_events(document):
    return [
        item
        for day in document["schedule"]["conference"]["days"]
        for events in day["rooms"].values()
        for item in events
    ]


def test_schedule_xml_is_valid_against_the_xsd(client, event):
    response, root = get_xml(client, event)

    XSD.assertValid(root)
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    assert 'filename="ksd-2031-schedule.xml"' in response["Content-Disposition"]
    # Giggity recognises the format from the first kilobyte.
    assert b"<conference>" in response.content[:1024]


def test_schedule_json_is_valid_against_the_json_schema(client, event):
    response, document = get_json(client, event)

    JSON_SCHEMA.validate(document)
    assert response["Content-Type"] == "application/json"


def test_xml_and_json_agree_on_the_rules_the_schemas_miss(client, event):
    _, root = get_xml(client, event)
    _, document = get_json(client, event)

    xml_events = root.findall("day/room/event")
    events = json_events(document)
    assert len(xml_events) == len(events) == 4  # the cancelled one is left out
    assert "Closing" not in " ".join(e["title"] for e in events)
    ids = [int(e.get("id")) for e in xml_events]
    guids = [e.get("guid") for e in xml_events]
    assert sorted(ids) == sorted(e["id"] for e in events) == sorted(set(ids))
    assert sorted(guids) == sorted(e["guid"] for e in events) == sorted(set(guids))
    assert all(uuid.UUID(g).version == 5 for g in guids)
    persons = [p for e in events for p in e["persons"]]
    assert all(uuid.UUID(p["guid"]) and p["name"] for p in persons)
    for item in events:
        hours, minutes = map(int, item["duration"].split(":"))
        assert hours < 24 and minutes < 60
        assert item["url"].startswith("http://")
    # Room names are one and the same wherever they appear, and unique.
    conference_rooms = [r["name"] for r in document["schedule"]["conference"]["rooms"]]
    assert sorted(conference_rooms) == sorted(set(conference_rooms))
    assert set(conference_rooms) == {
        "Plenary Hall (Palais)",
        "Plenary Hall (Annex)",
        "Room B",
        "Geneva",  # sessions without a room take the event's venue
    }
    for room in root.findall("day/room"):
        assert room.get("name") in conference_rooms
        assert {e.findtext("room") for e in room.findall("event")} == {room.get("name")}
    for day in document["schedule"]["conference"]["days"]:
        for name, items in day["rooms"].items():
            assert {item["room"] for item in items} == {name}
    slugs = [e["slug"] for e in events]
    assert len(set(slugs)) == len(slugs)
    opening = SessionPage.objects.get(title__startswith="Opening").pk
    assert f"ksd2031-{opening}-opening-knowledge-sharing-learning" in slugs
    titles = {e.findtext("title") for e in xml_events}
    assert "Opening: knowledge <sharing> & learning" in titles  # escaped, not mangled
    assert "Night owls meetup" in titles  # the control character is gone
    acronym = root.findtext("conference/acronym")
    assert acronym == document["schedule"]["conference"]["acronym"] == "ksd2031"
    assert re.fullmatch(r"[a-z0-9_]{4,}", acronym)


def test_days_run_from_four_to_four_in_local_time(client, event):
    _, root = get_xml(client, event)
    _, document = get_json(client, event)

    days = root.findall("day")
    assert [(d.get("index"), d.get("date")) for d in days] == [
        ("1", "2031-03-29"),
        ("2", "2031-03-30"),
    ]
    # The clocks go forward in the night between: each bound carries its own offset.
    assert (days[0].get("start"), days[0].get("end")) == (
        "2031-03-29T04:00:00+01:00",
        "2031-03-30T03:59:00+02:00",
    )
    night = [e for e in json_events(document) if e["title"] == "Night owls meetup"][0]
    assert night["date"] == "2031-03-30T01:30:00+01:00"
    assert night["start"] == "01:30"
    titles_day_1 = [e.findtext("title") for e in days[0].iter("event")]
    assert "Night owls meetup" in titles_day_1  # after midnight, with its evening


def test_identifiers_stay_when_a_session_moves_and_is_renamed(client, event):
    session = SessionPage.objects.get(title="Hallway track")
    _, before = get_json(client, event)

    republish(
        session,
        title="Corridor conversations",
        start=session.start + timedelta(hours=3),
        end=session.end + timedelta(hours=3),
    )
    _, after = get_json(client, event)

    [old] = [e for e in json_events(before) if e["id"] == session.pk]
    [new] = [e for e in json_events(after) if e["id"] == session.pk]
    assert (
        new["guid"]
        == old["guid"]
        == str(uuid.uuid5(namespace(), f"session:{session.pk}"))
    )
    assert (old["start"], new["start"]) == ("10:00", "13:00")
    assert new["title"] == "Corridor conversations"


def test_version_changes_only_with_the_content(client, event):
    session = SessionPage.objects.get(title="Hallway track")
    _, first = get_xml(client, event)
    _, again = get_xml(client, event)

    republish(
        session,
        start=session.start + timedelta(hours=1),
        end=session.end + timedelta(hours=1),
    )
    _, moved = get_xml(client, event)
    _, moved_json = get_json(client, event)

    assert first.findtext("version") == again.findtext("version")
    assert moved.findtext("version") != first.findtext("version")
    assert moved_json["schedule"]["version"] == moved.findtext("version")


@pytest.mark.parametrize("size", [20, 200])
def test_schedule_queries_stay_flat(client, django_assert_max_num_queries, size):
    event = EventPageFactory(sessions=size)
    client.get(f"{event.url}schedule.xml")  # warm per-process caches (site roots)

    # Wagtail routing takes 8; the schedule reads 4 and counts the changes.
    with django_assert_max_num_queries(13):
        xml = client.get(f"{event.url}schedule.xml")
    with django_assert_max_num_queries(13):
        document = client.get(f"{event.url}schedule.json")

    assert len(etree.fromstring(xml.content).findall("day/room/event")) == size
    assert len(json_events(json.loads(document.content))) == size
