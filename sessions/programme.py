"""The public programme of an event: sessions grouped by day and time, filtered."""

from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import groupby

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from sessions import languages as session_languages
from sessions.forms import ProgrammeFilterForm
from sessions.models import SessionPage
from sessions.queries import event_sessions


@dataclass
class Slot:
    start: datetime
    sessions: list


@dataclass
class Day:
    date: date
    slots: list = field(default_factory=list)

    @property
    def anchor(self):
        return f"day-{self.date.isoformat()}"


def local_day(session, tz):
    return timezone.localtime(session.start, tz).date()


def filter_options(sessions, tz):
    """Choices for each filter, from the sessions the event actually has."""
    days = sorted({local_day(s, tz) for s in sessions})
    themes = {t.slug: str(t) for s in sessions for t in s.listed_themes}
    languages = {lang.code: str(lang) for s in sessions for lang in s.listed_languages}
    rooms = {str(s.room_id): s.room.name for s in sessions if s.room_id}
    offered = set().union(*(session_languages.access(s) for s in sessions))
    return {
        "day": [(d.isoformat(), date_format(d, _("l j F"))) for d in days],
        "track": [(t, t) for t in sorted({s.track for s in sessions if s.track})],
        "theme": sorted(themes.items(), key=lambda item: item[1]),
        "format": [
            (f.value, f.label)
            for f in SessionPage.Format
            if any(s.format == f for s in sessions)
        ],
        "room": sorted(rooms.items(), key=lambda item: item[1]),
        "language": sorted(languages.items(), key=lambda item: item[1]),
        "access": [
            (code, label) for code, label in session_languages.ACCESS if code in offered
        ],
    }


def matches(session, selected, tz):
    checks = {
        "day": lambda v: local_day(session, tz).isoformat() == v,
        "track": lambda v: session.track == v,
        "theme": lambda v: any(t.slug == v for t in session.listed_themes),
        "format": lambda v: session.format == v,
        "room": lambda v: str(session.room_id) == v,
        "language": lambda v: any(lang.code == v for lang in session.listed_languages),
        "access": lambda v: v in session_languages.access(session),
    }
    return all(checks[name](value) for name, value in selected.items())


def now_and_next(sessions, now):
    """Sessions under way at `now`, and those starting next (all at the same time)."""
    running = [s for s in sessions if s.start <= now < s.end and not s.is_cancelled]
    upcoming = [s for s in sessions if s.start > now and not s.is_cancelled]
    first = min((s.start for s in upcoming), default=None)
    return running, [s for s in upcoming if s.start == first]


def build_programme(event, query, *, now=None):
    """Everything the programme page shows. The event's sessions are read once (four
    queries at any size); filter choices and the filtered list both come from them."""
    tz = event.tzinfo
    sessions = event_sessions(event)
    form = ProgrammeFilterForm(query, options=filter_options(sessions, tz))
    selected = form.selected()
    shown = [s for s in sessions if matches(s, selected, tz)]
    days = [
        Day(
            day,
            [
                Slot(start, list(group))
                for start, group in groupby(rows, lambda s: s.start)
            ],
        )
        for day, rows in groupby(shown, lambda s: local_day(s, tz))
    ]
    now = now or timezone.now()
    running, upcoming = ([], [])
    if event.is_running(timezone.localtime(now, tz).date()):
        running, upcoming = now_and_next(sessions, now)
    return {
        "form": form,
        "days": days,
        "selected": selected,
        "shown_count": len(shown),
        "total_count": len(sessions),
        "now": running,
        "next": upcoming,
    }
