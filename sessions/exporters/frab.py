"""The frab schedule (schedule.xml, schedule.json) that pretalx emits and offline
conference apps read. The rules behind each field are in docs/architecture.md ("frab
schedules"); the tests validate both files against tests/sessions/schemas/frab/."""

import hashlib
import json
import re
from datetime import datetime, time, timedelta
from functools import lru_cache
from html import unescape
from importlib.metadata import version

from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext as _
from lxml import etree

from sessions import languages
from sessions.exporters.base import guid, session_urls
from sessions.exporters.ical import last_modified
from sessions.models import SessionPage
from sessions.queries import event_sessions
from toolkit.addresses import absolute, page_address

GENERATOR = {"name": "convening", "version": version("convening")}
DAY_STARTS = time(
    4
)  # a day runs 04:00 to 03:59, so late sessions stay with their evening
LONGEST = timedelta(hours=23, minutes=59)  # apps misread durations of a day or more
# XML 1.0 refuses most control characters; people paste them from word processors.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
JSON_ZONE = re.compile(r"^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$")


def text(value):
    return CONTROL.sub("", value or "")


# Where one block of rich text ends and the next begins: a blank line between them.
BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|ul|ol)>|<br\s*/?>", re.IGNORECASE)


@lru_cache(maxsize=4096)  # an HTML parse per session and export otherwise
def plain_text(html):
    """Rich text as plain text, its paragraphs, headings and list items on lines of
    their own ("themselves.\n\nEach", not "themselves.Each")."""
    marked = BLOCK_END.sub(lambda m: m.group(0) + "\n\n", html or "")
    lines = [
        " ".join(line.split()) for line in unescape(strip_tags(marked)).split("\n")
    ]
    return text(re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip())


def acronym(event):
    """Lowercase letters and digits only, at least four: the one shape that both the
    XSD and the JSON schema accept and that keeps session slugs valid."""
    letters = re.sub(r"[^a-z0-9]", "", slugify(event.slug))
    return letters if len(letters) >= 4 else f"event{event.pk}"


def programme_day(moment, tz):
    local = moment.astimezone(tz)
    return local.date() - timedelta(days=1 if local.time() < DAY_STARTS else 0)


def clock(moment, tz):
    return moment.astimezone(tz).strftime("%H:%M")


def iso(moment, tz):
    return moment.astimezone(tz).replace(microsecond=0).isoformat()


def duration(session):
    minutes = int(min(session.end - session.start, LONGEST).total_seconds() // 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def room_names(sessions, event):
    """One name per room, unique in the file: two rooms of the same name in different
    venues carry their venue. Sessions without a room take the event's venue."""
    rooms = {s.room_id: s.room for s in sessions if s.room_id}
    counts = {}
    for room in rooms.values():
        counts[room.name] = counts.get(room.name, 0) + 1
    names = {
        pk: text(f"{room.name} ({room.venue})" if counts[room.name] > 1 else room.name)
        for pk, room in rooms.items()
    }
    names[None] = text(event.venue) or _("Venue")
    return names


def track_slug(name):
    slug = slugify(name).strip("-_") or "track"
    return slug if slug[0].isalpha() else f"track-{slug}"


def session_data(session, event, url, rooms, prefix):
    tz = event.tzinfo
    floor = languages.floor(session)  # frab has room for one language
    title_slug = slugify(text(session.title)).strip("-_") or "session"
    return {
        "guid": str(guid("session", session.pk)),
        "id": session.pk,
        "date": iso(session.start, tz),
        "start": clock(session.start, tz),
        "duration": duration(session),
        "room": rooms[session.room_id],
        "slug": f"{prefix}-{session.pk}-{title_slug}",
        "url": url,
        "title": text(session.title),
        "subtitle": "",
        "track": text(session.track) or None,
        "type": session.get_format_display(),
        "language": floor.code if floor else None,
        "abstract": text(session.summary),
        "description": plain_text(session.background) or None,
        "recording_license": "",
        "do_not_record": False,
        "persons": [
            {
                # XML only (frab's <person id>): in JSON, the schema's FrabPerson and
                # PretalxPerson would both match one with an id, and it takes one.
                "id": person.pk,
                "guid": str(guid("person", person.pk)),
                "name": text(person.name),
                "public_name": text(person.name),
                "biography": text(person.bio) or None,
            }
            for person in session.listed_people
        ],
        "links": [],
    }


def schedule_data(event):
    """The schedule as JSON-ready data, and its newest change. `version` is the number
    of recorded programme changes and a digest of the content, so it changes exactly
    when the content does."""
    # Cancelled sessions leave the schedule, as pretalx does; the cancellation is a
    # recorded change, so `version` moves and apps show it among the changes.
    sessions = [
        s for s in event_sessions(event) if s.status != SessionPage.Status.CANCELLED
    ]
    tz = event.tzinfo
    prefix = acronym(event)
    rooms = room_names(sessions, event)
    urls = session_urls([(session, event) for session in sessions])
    by_day = {}
    for session, url in zip(sessions, urls, strict=True):
        day = by_day.setdefault(programme_day(session.start, tz), {})
        day.setdefault(rooms[session.room_id], []).append(
            session_data(session, event, url, rooms, prefix)
        )
    first = min([event.start_date, *by_day])
    last = max([event.end_date, *by_day])
    dates = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    days = [
        {
            "index": index,
            "date": day.isoformat(),
            "day_start": iso(datetime.combine(day, DAY_STARTS, tz), tz),
            "day_end": iso(
                datetime.combine(day + timedelta(days=1), time(3, 59), tz), tz
            ),
            "rooms": dict(sorted(by_day.get(day, {}).items())),
        }
        for index, day in enumerate(dates, start=1)
    ]
    room_rows = {s.room_id: s.room for s in sessions}
    tracks = sorted({s.track for s in sessions if s.track})
    base_url = page_address(event)
    conference = {
        "acronym": prefix,
        "title": text(event.title),
        "start": first.isoformat(),
        "end": last.isoformat(),
        "daysCount": len(days),
        "timeslot_duration": "00:05",
        "time_zone_name": event.time_zone,
        "url": base_url,
        "rooms": [
            {
                "name": rooms[pk],
                "guid": str(guid("room", pk) if pk else guid("venue", event.pk)),
                "capacity": room.capacity if room else None,
            }
            for pk, room in sorted(room_rows.items(), key=lambda r: rooms[r[0]])
        ],
        "tracks": [{"name": text(t), "slug": track_slug(t)} for t in tracks],
        "days": days,
    }
    content = json.dumps(conference, sort_keys=True).encode()
    changes = event.programme_changes.count()
    revision = f"{changes}.{hashlib.sha256(content).hexdigest()[:8]}"
    schedule = {"version": revision, "base_url": base_url, "conference": conference}
    return schedule, last_modified([event, *sessions])


class ScheduleJson:
    content_type = "application/json"

    @staticmethod
    def filename(event):
        return f"{event.slug}-schedule.json"

    @staticmethod
    def render(event, request):
        schedule, newest = schedule_data(event)
        schedule["url"] = f"{schedule['base_url']}schedule.json"
        conference = schedule["conference"]
        for day in conference["days"]:
            for talks in day["rooms"].values():
                for talk in talks:
                    for person in talk["persons"]:
                        del person["id"]
        if not JSON_ZONE.search(conference["time_zone_name"]):
            del conference[
                "time_zone_name"
            ]  # optional, and the schema's pattern is narrow
        document = {
            "$schema": "https://c3voc.de/schedule/schema.json",
            "generator": {**GENERATOR, "url": absolute("/")},
            "schedule": schedule,
        }
        # Compact: with an indent, json falls back from its C encoder to pure Python,
        # which took 0.3 s of 0.45 at 1,000 sessions.
        return json.dumps(document, ensure_ascii=False).encode(), newest


def element(parent, tag, value=None, **attributes):
    node = etree.SubElement(parent, tag, attributes)
    if value is not None:
        node.text = str(value)
    return node


def event_element(parent, data):
    node = element(parent, "event", guid=data["guid"], id=str(data["id"]))
    for tag in ("room", "title", "subtitle", "type", "date", "start", "duration"):
        element(node, tag, data[tag])
    element(node, "abstract", data["abstract"] or "")
    element(node, "slug", data["slug"])
    element(node, "track", data["track"] or "")
    persons = element(node, "persons")
    for person in data["persons"]:
        element(
            persons, "person", person["name"], id=str(person["id"]), guid=person["guid"]
        )
    if data["language"]:
        element(node, "language", data["language"])
    if data["description"]:
        element(node, "description", data["description"])
    recording = element(node, "recording")
    element(recording, "license", "")
    element(recording, "optout", "false")
    element(node, "links")
    # Last: Giggity reads leaf elements into one map, and <url> must win.
    element(node, "url", data["url"])


class ScheduleXml:
    content_type = "application/xml; charset=utf-8"

    @staticmethod
    def filename(event):
        return f"{event.slug}-schedule.xml"

    @staticmethod
    def render(event, request):
        schedule, newest = schedule_data(event)
        conference = schedule["conference"]
        root = etree.Element("schedule")
        element(root, "generator", **GENERATOR)
        element(root, "url", f"{schedule['base_url']}schedule.xml")
        element(root, "version", schedule["version"])
        head = element(root, "conference")
        for tag in ("title", "acronym", "start", "end"):
            element(head, tag, conference[tag])
        element(head, "days", conference["daysCount"])
        element(head, "timeslot_duration", conference["timeslot_duration"])
        element(head, "base_url", schedule["base_url"])
        element(head, "url", conference["url"])
        element(head, "time_zone_name", conference["time_zone_name"])
        for track in conference["tracks"]:
            element(head, "track", name=track["name"], slug=track["slug"])
        room_guids = {room["name"]: room["guid"] for room in conference["rooms"]}
        for day in conference["days"]:
            day_node = element(
                root,
                "day",
                index=str(day["index"]),
                date=day["date"],
                start=day["day_start"],
                end=day["day_end"],
            )
            for name, events in day["rooms"].items():
                room_node = element(day_node, "room", name=name, guid=room_guids[name])
                for data in events:
                    event_element(room_node, data)
        etree.indent(root)
        # lxml, not the standard library's ElementTree, whose pure-Python writer took
        # half of this file's time at 1,000 sessions.
        body = etree.tostring(root, encoding="utf-8", xml_declaration=True)
        return body, newest
