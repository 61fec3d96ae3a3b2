"""Our iCalendar feeds read by clients nobody here wrote: ical.js (Thunderbird, many
web calendars), vobject and recurring-ical-events. Sessions in several zones, over
several years and on both sides of their daylight-saving changes, must come out at the
instant Python's zone database gives; names with commas and semicolons must survive."""

import json
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events
import vobject
from django.conf import settings

from sessions import agenda
from tests.factories import EventPageFactory, SessionPageFactory, UserFactory

pytestmark = pytest.mark.django_db

READER = Path(__file__).with_name("icaljs_read.mjs")
ICALJS = Path(settings.BASE_DIR) / "node_modules" / "ical.js" / "package.json"
NODE = shutil.which("node")
TITLE = "Small grants, big lessons; what works\\why"

# (zone, dates): each side of the zone's changes, over four years.
ZONES = {
    "Europe/Zurich": [
        "2030-03-30",
        "2030-03-31",
        "2031-10-26",
        "2032-07-01",
        "2033-12-01",
    ],
    "America/New_York": ["2030-03-09", "2030-03-10", "2031-11-02", "2033-06-15"],
    "Australia/Sydney": ["2030-04-07", "2031-10-05", "2032-01-15", "2033-07-20"],
    "Asia/Kolkata": ["2030-01-10", "2033-08-01"],
    "America/Sao_Paulo": ["2030-02-01", "2032-11-10"],
}


def icaljs(body):
    if NODE is None or not ICALJS.exists():
        pytest.fail("ical.js is missing: run `make axe` (npm installs it)")
    done = subprocess.run(
        [NODE, str(READER)],
        input=body.decode(),
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
    )
    return json.loads(done.stdout)


@pytest.fixture
def programme():
    """One event per zone, a session at 10:00 and one at 02:30 (the hour a change of
    offset usually falls in) on each of its dates; returns (events, sessions)."""
    events, sessions = [], []
    for n, (zone, dates) in enumerate(ZONES.items()):
        first = datetime.fromisoformat(dates[0]).date()
        last = datetime.fromisoformat(dates[-1]).date()
        event = EventPageFactory(
            title=TITLE if n == 0 else f"Forum {zone}",
            time_zone=zone,
            start_date=first,
            end_date=last,
        )
        events.append(event)
        for day in dates:
            for hour, minute in [(10, 0), (2, 30)]:
                start = datetime.fromisoformat(f"{day}T{hour:02}:{minute:02}").replace(
                    tzinfo=event.tzinfo
                )
                sessions.append(
                    SessionPageFactory(
                        event=event,
                        title=f"{zone} {day} {hour}:{minute}",
                        start=start,
                        end=start + timedelta(minutes=90),
                    )
                )
    return events, sessions


def expected(sessions):
    return {
        s.title: (
            s.start.astimezone(UTC).isoformat(timespec="seconds"),
            s.end.astimezone(UTC).isoformat(timespec="seconds"),
        )
        for s in sessions
    }


def feeds(client, events, sessions):
    """Every kind of feed: each programme, one session's, and an agenda across all."""
    user = UserFactory()
    for session in sessions:
        agenda.add(user, session)
    bodies = {
        f"programme {e.time_zone}": client.get(f"{e.url}programme.ics") for e in events
    }
    bodies["session"] = client.get(f"{sessions[0].url}session.ics")
    bodies["agenda"] = client.get(f"/agenda/{agenda.feed_token(user)}.ics")
    assert {name: r.status_code for name, r in bodies.items()} == dict.fromkeys(
        bodies, 200
    )
    return {
        name: b"".join(r.streaming_content) if r.streaming else r.content
        for name, r in bodies.items()
    }


def in_utc(moment):
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def test_icaljs_reads_every_feed_at_the_right_instants(client, programme):
    events, sessions = programme
    want = expected(sessions)

    for name, body in feeds(client, events, sessions).items():
        read = icaljs(body)
        got = {
            e["summary"]: (e["start"][:19] + "+00:00", e["end"][:19] + "+00:00")
            for e in read["events"]
        }
        assert got == {t: want[t] for t in got}, name
        assert len(got) == (1 if name == "session" else len(got)), name
    everything = icaljs(feeds(client, events, sessions)["agenda"])
    assert len(everything["events"]) == len(sessions)


def test_icaljs_and_vobject_read_names_with_commas_whole(client, programme):
    events, _ = programme

    body = client.get(f"{events[0].url}programme.ics").content
    read = icaljs(body)
    calendar = vobject.readOne(body.decode())

    assert read["name"] == read["calname"] == TITLE
    assert calendar.contents["x-wr-calname"][0].value == TITLE
    assert calendar.contents["name"][0].value == TITLE


def test_vobject_reads_every_feed_at_the_right_instants(client, programme):
    events, sessions = programme
    want = expected(sessions)

    for name, body in feeds(client, events, sessions).items():
        calendar = vobject.readOne(body.decode())
        got = {
            v.summary.value: (in_utc(v.dtstart.value), in_utc(v.dtend.value))
            for v in calendar.vevent_list
        }
        assert got == {t: want[t] for t in got}, name


def test_recurring_ical_events_reads_every_feed_at_the_right_instants(
    client, programme
):
    events, sessions = programme
    want = expected(sessions)

    for name, body in feeds(client, events, sessions).items():
        calendar = icalendar.Calendar.from_ical(body)
        found = recurring_ical_events.of(calendar).between(
            datetime(2029, 1, 1, tzinfo=UTC), datetime(2035, 1, 1, tzinfo=UTC)
        )
        got = {
            str(e["SUMMARY"]): (in_utc(e["DTSTART"].dt), in_utc(e["DTEND"].dt))
            for e in found
        }
        assert got == {t: want[t] for t in got}, name
        if name == "agenda":
            assert len(got) == len(sessions)


def test_time_zones_are_yearly_rules_without_comments(client, programme):
    events, _ = programme

    body = client.get(f"{events[0].url}programme.ics").content.decode()
    zone = body.split("BEGIN:VTIMEZONE", 1)[1].split("END:VTIMEZONE", 1)[0]

    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3" in zone
    assert "RDATE" not in zone and "COMMENT" not in zone


def test_two_installations_never_share_an_identifier(client, programme, settings):
    events, sessions = programme
    here = icaljs(client.get(f"{sessions[0].url}session.ics").content)

    settings.SITE_URL = "https://other-forum.example.net"
    there = icaljs(client.get(f"{sessions[0].url}session.ics").content)

    assert here["events"][0]["uid"] != there["events"][0]["uid"]
    assert there["events"][0]["uid"].endswith("@other-forum.example.net")
