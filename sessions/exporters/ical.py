"""iCalendar (RFC 5545) feeds of sessions, made with the `icalendar` library."""

import hashlib
from datetime import UTC, timedelta
from importlib.metadata import version

from django.core.cache import cache
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vText

from sessions import languages
from sessions.exporters.base import guid, modified, session_urls
from sessions.exporters.zones import vtimezone
from sessions.models import ScheduleRecord, SessionPage
from sessions.queries import attach_listing, event_sessions
from toolkit.addresses import site_host_and_port

CONTENT_TYPE = "text/calendar; charset=utf-8"
# Calendar apps poll subscriptions at this pace when they honour the hint
# (REFRESH-INTERVAL, RFC 7986; X-PUBLISHED-TTL for Outlook).
REFRESH = timedelta(hours=1)
END = b"END:VCALENDAR\r\n"
# Part of every kept VEVENT's key: change it when vevent() writes something new.
VEVENT_VERSION = f"1/{version('icalendar')}/"
VEVENT_TIMEOUT = 7 * 24 * 60 * 60


def uid(session):
    """Never changes for a session: moving, renaming or cancelling it keeps it; unique
    to this installation (its namespace and its host come from SITE_URL)."""
    return f"{guid('session', session.pk)}@{site_host_and_port()[0]}"


def sequence(session):
    try:
        return session.schedule_record.sequence
    except ScheduleRecord.DoesNotExist:
        return 0


def location(session, event):
    if session.room_id:
        return ", ".join(
            filter(None, [session.room.name, session.room.venue or event.venue])
        )
    return event.venue


def description(session, url):
    people = ", ".join(person.name for person in session.listed_people)
    kind = session.get_format_display()
    lines = [
        _("%(format)s with %(people)s") % {"format": kind, "people": people}
        if people
        else kind
    ]
    if session.summary:
        lines.append(session.summary)
    if spoken := languages.described(session):
        lines.append(spoken)
    lines.append(url)
    return "\n\n".join(lines)


def vevent_fields(session, event, url):
    """Everything a session's VEVENT says, as plain values in a fixed order."""
    categories = [session.track] if session.track else []
    categories += [str(theme) for theme in session.listed_themes]
    cancelled = session.status == SessionPage.Status.CANCELLED
    return (
        uid(session),
        modified(session),
        sequence(session),
        wall_clock(session.start, event.tzinfo),
        wall_clock(session.end, event.tzinfo),
        session.title,
        location(session, event),
        description(session, url),
        url,
        tuple(categories),
        "CANCELLED" if cancelled else "CONFIRMED",
    )


def wall_clock(moment, tz):
    """`moment` in the event's zone, or in UTC when that local time happens twice (the
    hour clocks go back): readers disagree on which of the two a local time means."""
    local = moment.astimezone(tz)
    if local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset():
        return moment.astimezone(UTC)
    return local


def vevent(fields):
    uid, stamp, sequence, start, end, title, where, text, url, categories, status = (
        fields
    )
    item = Event()
    item.add("uid", uid)
    item.add("dtstamp", stamp)
    item.add("last-modified", stamp)
    item.add("sequence", sequence)
    item.add("dtstart", start)
    item.add("dtend", end)
    item.add("summary", title)
    item.add("location", where)
    item.add("description", text)
    item.add("url", url)
    if categories:
        item.add("categories", list(categories))
    item.add("status", status)
    return item


def vevent_texts(rows):
    """The VEVENT text of each (session, event) row. A text depends only on the values
    it shows, so it is kept under a digest of them (and of this code's version): a
    publish re-renders the sessions that changed, not the event's thousand, and nothing
    stale can be served. icalendar costs about 0.4 ms a VEVENT."""
    urls = session_urls(rows)
    fields = [
        vevent_fields(session, event, url)
        for (session, event), url in zip(rows, urls, strict=True)
    ]
    keys = [
        "convening:vevent:"
        + hashlib.blake2b(
            f"{VEVENT_VERSION}{item!r}".encode(), digest_size=16
        ).hexdigest()
        for item in fields
    ]
    texts = cache.get_many(keys)
    made = {
        key: vevent(item).to_ical()
        for key, item in zip(keys, fields, strict=True)
        if key not in texts
    }
    if made:
        cache.set_many(made, VEVENT_TIMEOUT)
    return [texts.get(key) or made[key] for key in keys]


def timezones(zones, first_year, last_year):
    """The VTIMEZONEs of `zones` (key names) as yearly rules over the sessions' years
    (sessions.exporters.zones)."""
    return b"".join(vtimezone(zone, first_year, last_year) for zone in zones)


def calendar(name, rows):
    """A calendar called `name` of `rows`, pairs of (session, its event). Cancelled
    sessions stay in, so subscribed calendars remove them. icalendar writes the
    calendar's properties, its time zones and each VEVENT; the VEVENTs are put in the
    calendar as the text they were rendered to (see vevent_texts)."""
    feed = Calendar()
    feed.add("prodid", "-//Convening//Programme//EN")
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    # TEXT values: icalendar escapes "," ";" "\\" only when told they are text.
    # VALUE=TEXT spelt out: ical.js reads X- properties raw unless told.
    feed.add("name", vText(name), parameters={"VALUE": "TEXT"})
    feed.add("x-wr-calname", vText(name), parameters={"VALUE": "TEXT"})
    feed.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    feed.add("x-published-ttl", "PT1H")
    zones = b""
    if rows:
        years = [session.start.year for session, _event in rows]
        names = tuple(sorted({event.time_zone for _session, event in rows}))
        zones = timezones(names, min(years), max(years))
    head = feed.to_ical().removesuffix(END)
    return head + zones + b"".join(vevent_texts(rows)) + END


def last_modified(pages):
    return max(modified(page) for page in pages)


class ProgrammeCalendar:
    content_type = CONTENT_TYPE

    @staticmethod
    def filename(event):
        return f"{event.slug}.ics"

    @staticmethod
    def render(event, request):
        sessions = event_sessions(event)
        body = calendar(event.title, [(s, event) for s in sessions])
        return body, last_modified([event, *sessions])


def session_calendar(session, event):
    """One session's feed: (bytes, last modified)."""
    attach_listing([session])
    return calendar(session.title, [(session, event)]), modified(session)
