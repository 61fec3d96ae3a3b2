"""Files made from an event's programme for other software: calendars (iCalendar) and
conference apps (frab schedule). Each exporter reads its rows in one go, leaves the
format to a library and answers conditional requests from the bytes it made."""

from sessions.exporters.base import file_response
from sessions.exporters.frab import ScheduleJson, ScheduleXml
from sessions.exporters.ical import ProgrammeCalendar

EXPORTERS = {
    "programme.ics": ProgrammeCalendar,
    "schedule.xml": ScheduleXml,
    "schedule.json": ScheduleJson,
}


def export(request, event, name):
    """The response for the event file `name` (a key of EXPORTERS)."""
    exporter = EXPORTERS[name]
    body, last_modified = exporter.render(event, request)
    return file_response(
        request,
        body,
        content_type=exporter.content_type,
        filename=exporter.filename(event),
        last_modified=last_modified,
    )
