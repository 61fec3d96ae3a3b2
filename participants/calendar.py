"""The event itself as a one-entry iCalendar file, attached to a confirmation."""

from datetime import timedelta

from icalendar import Calendar, Event

from toolkit.addresses import page_address


def event_calendar(event):
    """RFC 5545 bytes for the whole event, as all-day dates in its own calendar."""
    calendar = Calendar()
    calendar.add("prodid", "-//convening//registration//EN")
    calendar.add("version", "2.0")
    entry = Event()
    entry.add("uid", f"event-{event.pk}@convening")
    entry.add("summary", event.title)
    entry.add("dtstart", event.start_date)
    entry.add("dtend", event.end_date + timedelta(days=1))  # DTEND is exclusive
    entry.add("dtstamp", event.last_published_at or event.latest_revision_created_at)
    if event.venue:
        entry.add("location", event.venue)
    entry.add("url", page_address(event))
    calendar.add_component(entry)
    return calendar.to_ical()
