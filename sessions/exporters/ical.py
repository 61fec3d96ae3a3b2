"""iCalendar (RFC 5545) feeds of sessions, made with the `icalendar` library."""

from datetime import date, timedelta

from sessions.exporters.base import guid, modified
from sessions.models import ScheduleRecord, SessionPage
from sessions.queries import attach_listing, event_sessions

CONTENT_TYPE = "text/calendar; charset=utf-8"
# Calendar apps poll subscriptions at this pace when they honour the hint
# (REFRESH-INTERVAL, RFC 7986; X-PUBLISHED-TTL for Outlook).
REFRESH = timedelta(hours=1)


def uid(session):
    """Never changes for a session: moving, renaming or cancelling it keeps it."""
    return f"{guid('session', session.pk)}@convening"


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
    lines = [session.get_format_display() + (f" with {people}" if people else "")]
    if session.summary:
        lines.append(session.summary)
    lines.append(url)
    return "\n\n".join(lines)


def vevent(session, event, request):
    from icalendar import Event

    url = session.get_full_url(request)
    item = Event()
    item.add("uid", uid(session))
    item.add("dtstamp", modified(session))
    item.add("last-modified", modified(session))
    item.add("sequence", sequence(session))
    item.add("dtstart", session.start.astimezone(event.tzinfo))
    item.add("dtend", session.end.astimezone(event.tzinfo))
    item.add("summary", session.title)
    item.add("location", location(session, event))
    item.add("description", description(session, url))
    item.add("url", url)
    categories = [session.track] if session.track else []
    categories += [str(theme) for theme in session.listed_themes]
    if categories:
        item.add("categories", categories)
    cancelled = session.status == SessionPage.CANCELLED
    item.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return item


def calendar(name, rows, request):
    """A calendar called `name` of `rows`, pairs of (session, its event). Cancelled
    sessions stay in, so subscribed calendars remove them."""
    from icalendar import Calendar

    feed = Calendar()
    feed.add("prodid", "-//Convening//Programme//EN")
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("name", name)
    feed.add("x-wr-calname", name)
    feed.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    feed.add("x-published-ttl", "PT1H")
    for session, event in rows:
        feed.add_component(vevent(session, event, request))
    if rows:
        # Whole years around the sessions, so every offset they use is defined.
        years = [session.start.year for session, _ in rows]
        feed.add_missing_timezones(
            first_date=date(min(years), 1, 1), last_date=date(max(years) + 1, 1, 1)
        )
    return feed.to_ical()


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
        body = calendar(event.title, [(s, event) for s in sessions], request)
        return body, last_modified([event, *sessions])


def session_calendar(session, event, request):
    """One session's feed: (bytes, last modified)."""
    attach_listing([session])
    return calendar(session.title, [(session, event)], request), modified(session)
