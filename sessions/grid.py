"""The admin's programme grid: an event's sessions as blocks on days x rooms x time,
drafts included, each where the organiser last put it, with its clashes marked.

Four queries for an event, whatever its size: the sessions (with their rooms and
records), their people, the latest revisions of live sessions changed in draft, and
which sessions are scheduled to go live. Everything else is arithmetic."""

import math
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import groupby

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Revision

from events.models import Room
from events.rooms import event_rooms
from sessions.models import SessionPage
from sessions.queries import attach_listing

SLOT_MINUTES = 15  # the grid's finest step: one CSS grid row
CELL_MINUTES = 30  # where a click or a drop in a room's column lands
DAY_FROM, DAY_TO = time(9, 0), time(18, 0)  # shown even when no session is that early


@dataclass
class Block:
    session: SessionPage
    column: int
    row_start: int
    row_end: int
    status: str  # draft, live, changed, scheduled, cancelled
    clashes: list = field(default_factory=list)
    lane: int = 0
    times: str = ""  # "09:00–10:30", on the event's clock
    people: str = ""

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]


STATUS_LABELS = {
    "draft": gettext_lazy("Draft"),
    "live": gettext_lazy("Live"),
    "changed": gettext_lazy("Live, with draft changes"),
    "scheduled": gettext_lazy("Scheduled to go live"),
    "cancelled": gettext_lazy("Cancelled"),
}


@dataclass
class Lane:
    """A room's column on one day: clicking it adds a session at the slot clicked."""

    column: int
    start: datetime  # of the first row
    room: Room


@dataclass
class Day:
    date: date
    first: datetime
    rows: int
    times: list = field(default_factory=list)  # (row, "HH:MM") every hour
    blocks: list = field(default_factory=list)
    lanes: list = field(default_factory=list)

    @property
    def anchor(self):
        return f"day-{self.date.isoformat()}"


def working_copies(sessions):
    """Puts on each live session changed in draft the times, room and status of its
    latest revision, the state an organiser is working on. A draft never published
    already holds it in its row, as Wagtail's editor saves it there."""
    changed = {
        s.latest_revision_id: s
        for s in sessions
        if s.live and s.has_unpublished_changes and s.latest_revision_id
    }
    if not changed:
        return
    rooms = {}
    for pk, content in Revision.objects.filter(pk__in=changed).values_list(
        "pk", "content"
    ):
        session = changed[pk]
        session.start = parse_datetime(content["start"]) or session.start
        session.end = parse_datetime(content["end"]) or session.end
        session.title = content.get("title", session.title)
        session.code = content.get("code", session.code)
        session.status = content.get("status", session.status)
        session.track = content.get("track", session.track)
        session.format = content.get("format", session.format)
        if content.get("room") != session.room_id:
            rooms[session] = content.get("room")
    if rooms:
        known = {room.pk: room for room in Room.objects.filter(pk__in=rooms.values())}
        for session, room_id in rooms.items():
            session.room = known.get(room_id)


def scheduled_ids(pks):
    """Those of the page pks `pks` with a revision approved to go live later: the
    sessions the grid and the dashboard show as scheduled. One query (none for no
    pks)."""
    return {
        int(pk)
        for pk in Revision.page_revisions.filter(
            object_id__in=[str(pk) for pk in pks],
            approved_go_live_at__isnull=False,
        ).values_list("object_id", flat=True)
    }


def status_of(session, scheduled):
    if session.is_cancelled:
        return "cancelled"
    if session.pk in scheduled:
        return "scheduled"
    if not session.live:
        return "draft"
    return "changed" if session.has_unpublished_changes else "live"


def overlaps(a, b):
    return a.start < b.end and b.start < a.end


def room_clash(other):
    return _("Room also booked for “%(title)s”") % {"title": other.session.title}


def person_clash(person, other):
    return _("%(person)s is also in “%(title)s”") % {
        "person": person.name,
        "title": other.session.title,
    }


def mark_clashes(blocks):
    """Room double bookings and people in two places, on every block concerned.
    Cancelled sessions free their room and their people."""
    active = [b for b in blocks if b.status != "cancelled"]
    by_room = {}
    for block in active:
        if block.session.room_id:
            by_room.setdefault(block.session.room_id, []).append(block)
    for booked in by_room.values():
        booked.sort(key=lambda b: b.session.start)
        for i, block in enumerate(booked):
            for other in booked[i + 1 :]:
                if other.session.start >= block.session.end:
                    break
                other.lane = max(other.lane, block.lane + 1)
                block.clashes.append(room_clash(other))
                other.clashes.append(room_clash(block))
    by_person = {}
    for block in active:
        for person in block.session.listed_people:
            by_person.setdefault(person.pk, (person, []))[1].append(block)
    for person, held in by_person.values():
        held.sort(key=lambda b: b.session.start)
        for i, block in enumerate(held):
            for other in held[i + 1 :]:
                if other.session.start >= block.session.end:
                    break
                block.clashes.append(person_clash(person, other))
                other.clashes.append(person_clash(person, block))


def row_of(moment, first):
    """The grid row (1 is the header) where `moment` falls, rounded down."""
    return int((moment - first).total_seconds() // (SLOT_MINUTES * 60)) + 2


def build(event, *, day=None, track=None):
    """[Day] of the grid, with the columns (rooms, then "No room" if needed) and the
    filter choices: {"columns", "days", "day_choices", "track_choices", "count"}."""
    tz = event.tzinfo
    sessions = list(
        SessionPage.objects.child_of(event)
        .select_related("room")
        .order_by("start", "pk")
    )
    attach_listing(sessions)
    working_copies(sessions)
    scheduled = scheduled_ids(s.pk for s in sessions)

    def local_day(session):
        return timezone.localtime(session.start, tz).date()

    track_choices = sorted({s.track for s in sessions if s.track})
    day_choices = sorted({local_day(s) for s in sessions})
    if track:
        sessions = [s for s in sessions if s.track == track]
    rooms = list(event_rooms(event))
    known = {room.pk for room in rooms}
    rooms += sorted(
        {s.room for s in sessions if s.room_id and s.room_id not in known},
        key=lambda room: (room.venue, room.name),
    )
    columns = [*rooms, None] if any(not s.room_id for s in sessions) else rooms
    column_of = {room.pk if room else None: i + 2 for i, room in enumerate(columns)}

    blocks = [
        Block(
            session=s,
            column=column_of[s.room_id if s.room_id in column_of else None],
            row_start=0,
            row_end=0,
            status=status_of(s, scheduled),
        )
        for s in sessions
    ]
    mark_clashes(blocks)

    event_days = [
        event.start_date + timedelta(days=n)
        for n in range((event.end_date - event.start_date).days + 1)
    ]
    all_days = sorted(set(event_days) | set(day_choices))
    shown = [d for d in all_days if day is None or d == day]
    by_day = {
        d: list(items)
        for d, items in groupby(
            sorted(blocks, key=lambda b: (local_day(b.session), b.session.start)),
            key=lambda b: local_day(b.session),
        )
    }
    days = [lay_out_day(d, by_day.get(d, []), columns, tz) for d in shown]
    return {
        "columns": columns,
        "days": days,
        "day_choices": all_days,
        "track_choices": track_choices,
        "count": len(sessions),
    }


def lay_out_day(day, blocks, columns, tz):
    opens = datetime.combine(day, DAY_FROM, tzinfo=tz)
    closes = datetime.combine(day, DAY_TO, tzinfo=tz)
    if blocks:
        earliest = min(timezone.localtime(b.session.start, tz) for b in blocks)
        latest = max(timezone.localtime(b.session.end, tz) for b in blocks)
        opens = min(opens, earliest.replace(minute=0, second=0, microsecond=0))
        closes = max(closes, latest)
        # Sessions past midnight end on the last row.
        closes = min(closes, datetime.combine(day, time(23, 59), tzinfo=tz))
    slots = math.ceil((closes - opens).total_seconds() / (SLOT_MINUTES * 60))
    slots += -slots % (CELL_MINUTES // SLOT_MINUTES)
    result = Day(date=day, first=opens, rows=slots)
    per_hour = 60 // SLOT_MINUTES
    result.times = [
        (row + 2, f"{(opens + timedelta(minutes=row * SLOT_MINUTES)):%H:%M}")
        for row in range(0, slots, per_hour)
    ]
    for block in blocks:
        session = block.session
        block.times = (
            f"{timezone.localtime(session.start, tz):%H:%M}–"
            f"{timezone.localtime(session.end, tz):%H:%M}"
        )
        block.people = ", ".join(person.name for person in session.listed_people)
        block.row_start = max(2, row_of(block.session.start, opens))
        end_row = row_of(block.session.end - timedelta(seconds=1), opens) + 1
        block.row_end = min(slots + 2, max(block.row_start + 1, end_row))
    result.blocks = blocks
    result.lanes = [
        Lane(column=i + 2, start=opens, room=room)
        for i, room in enumerate(columns)
        if room is not None
    ]
    return result
