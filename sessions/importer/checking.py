"""Checking rows: each row becomes a Plan, or problems; then times and rooms."""

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from functools import lru_cache

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from events.models import Language, Room, Theme
from sessions.importer.base import (
    DATE_PATTERN,
    REQUIRED,
    ROLE_COLUMNS,
    TIME_PATTERN,
    Problem,
)
from sessions.models import GuidingQuestion, Person, SessionPage
from sessions.services import clock, schedule_problems

# A program's yes for a column that is yes or no (interpretation online, captions).
YES = {"yes", "true", "1"}


@dataclass
class Plan:
    """What one valid row asks for. `fields` holds only the columns the file has."""

    row: int
    code: str
    slug: str = ""  # a new session's slug, from a program (PROGRAM_COLUMNS)
    start: datetime | None = None
    end: datetime | None = None
    fields: dict = field(default_factory=dict)
    languages: list | None = None
    themes: list | None = None
    roles: dict = field(default_factory=dict)  # role -> [names], columns present
    questions: list | None = None
    page: SessionPage | None = None  # the session this code already names
    notes: list = field(default_factory=list)

    @property
    def title(self):
        return self.fields["title"]

    @property
    def room(self):
        return self.fields.get("room", self.page.room if self.page else None)

    @property
    def status(self):
        default = self.page.status if self.page else SessionPage.Status.SCHEDULED
        return self.fields.get("status", default)


class Lookups:
    """Rooms, languages, themes, people and the event's sessions, read once."""

    def __init__(self, event, header, rows):
        self.rooms = list(Room.objects.all())
        self.languages = {}
        for language in Language.objects.all():
            self.languages[language.code.casefold()] = language
            self.languages[language.name.casefold()] = language
        self.themes = {}
        for theme in Theme.objects.all():
            self.themes.setdefault(theme.slug.casefold(), []).append(theme)
            if theme.code:
                self.themes.setdefault(squeeze(theme.code), []).append(theme)
        self.people = {}  # name -> Person; filled with new people as they are created
        self.same_name = {}  # name -> how many people share it
        people_columns = [i for i, name in enumerate(header) if name in ROLE_COLUMNS]
        names = {
            name
            for _number, cells in rows
            for i in people_columns
            if i < len(cells)
            for name in split(cells[i])
        }
        for person in Person.objects.filter(name__in=names).order_by("pk"):
            self.people.setdefault(person.name, person)
            self.same_name[person.name] = self.same_name.get(person.name, 0) + 1
        self.sessions = {}
        for session in (
            SessionPage.objects.child_of(event)
            .exclude(code="")
            .select_related("room")
            .prefetch_related("languages", "themes", "roles", "guiding_questions")
        ):
            self.sessions.setdefault(session.code, []).append(session)
        # Every session's slot, so that checking a row's room costs no query.
        self.booked = list(
            SessionPage.objects.child_of(event)
            .exclude(room=None)
            .exclude(status=SessionPage.Status.CANCELLED)
            .order_by("start")
        )
        self.session_count = SessionPage.objects.child_of(event).count()

    def room(self, value):
        """(Room, None) or (None, why not). "Name (Venue)" picks between namesakes."""
        wanted = value.casefold()
        for room in self.rooms:
            if room.venue and f"{room.name} ({room.venue})".casefold() == wanted:
                return room, None
        exact = [room for room in self.rooms if room.name == value]
        found = exact or [room for room in self.rooms if room.name.casefold() == wanted]
        if len(found) == 1:
            return found[0], None
        if found:
            choices = ", ".join(f"“{r.name} ({r.venue})”" for r in found)
            return None, _(
                "several rooms are called “%(room)s”; write one of %(choices)s."
            ) % {"room": value, "choices": choices}
        names = sorted({room.name for room in self.rooms})
        if not names:
            return None, _("unknown room “%(room)s”; there are no rooms yet.") % {
                "room": value
            }
        return None, _("unknown room “%(room)s”; the rooms are %(rooms)s.") % {
            "room": value,
            "rooms": ", ".join(names),
        }

    def theme(self, value):
        found = self.themes.get(value.casefold()) or self.themes.get(squeeze(value))
        return found[0] if found and len(found) == 1 else None


def squeeze(code):
    """One key for "SDG 4", "sdg4" and "SDG  4"."""
    return re.sub(r"\s+", "", code).casefold()


def split(value, separator=";"):
    """The non-empty items of a list cell, in order, without repeats."""
    return list(dict.fromkeys(item.strip() for item in value.split(separator) if item))


def check_row(event, lookups, number, cells, header, problems):
    """The Plan of one row; adds what is wrong with it to `problems`."""

    def refuse(column, message):
        problems.append(Problem(number, column, message))

    # A row cut short (some spreadsheets drop trailing empty cells) has empty cells.
    values = {name: "" for name in header if name}
    for position, cell in enumerate(cells):
        name = header[position] if position < len(header) else ""
        if name:
            values[name] = cell.strip()
        elif cell.strip():
            refuse(
                _("column %(number)s") % {"number": position + 1},
                _("“%(value)s” has no column name.") % {"value": cell.strip()},
            )
    for name in REQUIRED:
        if not values.get(name):
            refuse(name, _("a value is required."))
    plan = Plan(number, values.get("code", ""))
    plan.fields["code"] = plan.code
    plan.fields["title"] = values.get("title", "")
    for column in ("code", "title", "track", "summary", "interpretation"):
        limit = SessionPage._meta.get_field(column).max_length
        if len(values.get(column, "")) > limit:
            refuse(
                column,
                _("at most %(limit)s characters, not %(length)s.")
                % {"limit": limit, "length": len(values[column])},
            )

    day = None
    if values.get("date"):
        day = parse_date(values["date"])
        if day is None:
            refuse(
                "date",
                _("“%(value)s” is not a date like 2031-05-12.")
                % {"value": values["date"]},
            )
    for column in ("start", "end"):
        if not values.get(column):
            continue
        wall = parse_time(values[column])
        if wall is None:
            refuse(
                column,
                _("“%(value)s” is not a time like 09:30.") % {"value": values[column]},
            )
        elif day:
            moment = local_datetime(day, wall, event.tzinfo)
            if moment is None:
                refuse(
                    column,
                    _(
                        "%(time)s does not exist on %(day)s in %(zone)s (the clocks "
                        "go forward)."
                    )
                    % {"time": values[column], "day": day, "zone": event.time_zone},
                )
            setattr(plan, column, moment)

    if "room" in values:
        room = None
        if values["room"]:
            room, why_not = lookups.room(values["room"])
            if why_not:
                refuse("room", why_not)
        plan.fields["room"] = room
    if "track" in values:
        plan.fields["track"] = values["track"]
    if "format" in values:
        plan.fields["format"] = choice(
            values["format"],
            SessionPage.Format,
            SessionPage.Format.PANEL,
            "format",
            refuse,
        )
    if "status" in values:
        plan.fields["status"] = choice(
            values["status"],
            SessionPage.Status,
            SessionPage.Status.SCHEDULED,
            "status",
            refuse,
        )
    if "summary" in values:
        plan.fields["summary"] = values["summary"]
    if "languages" in values:
        plan.languages = []
        for item in split(values["languages"]):
            language = lookups.languages.get(item.casefold())
            if language is None:
                codes = sorted({lang.code for lang in lookups.languages.values()})
                refuse(
                    "languages",
                    _("unknown language “%(language)s”; the codes are %(codes)s.")
                    % {"language": item, "codes": ", ".join(codes)},
                )
            elif language not in plan.languages:
                plan.languages.append(language)
    if "themes" in values:
        plan.themes = []
        for item in split(values["themes"]):
            theme = lookups.theme(item)
            if theme is None:
                refuse(
                    "themes",
                    _(
                        "unknown theme “%(theme)s”; write a theme's slug (sdg-4) or "
                        "code (SDG 4, C7)."
                    )
                    % {"theme": item},
                )
            elif theme not in plan.themes:
                plan.themes.append(theme)
    for column, role in ROLE_COLUMNS.items():
        if column not in values:
            continue
        plan.roles[role] = split(values[column])
        for name in plan.roles[role]:
            limit = Person._meta.get_field("name").max_length
            if len(name) > limit:
                refuse(
                    column,
                    _("“%(start)s…” is longer than %(limit)s characters.")
                    % {"start": name[:40], "limit": limit},
                )
            elif lookups.same_name.get(name, 0) > 1:
                count = lookups.same_name[name]
                plan.notes.append(
                    ngettext(
                        "%(count)s person is called %(name)s; used the first "
                        "(id %(id)s)",
                        "%(count)s people are called %(name)s; used the first "
                        "(id %(id)s)",
                        count,
                    )
                    % {"count": count, "name": name, "id": lookups.people[name].pk}
                )
    if values.get("slug"):
        plan.slug = values["slug"]
    for column in ("interpretation", "sign_language", "background", "participation"):
        if column in values:
            plan.fields[column] = values[column]
    for column in ("interpretation_online", "captions"):
        if column in values:
            plan.fields[column] = str(values[column]).strip().lower() in YES
    if "questions" in values:
        plan.questions = split(values["questions"], "|")
        limit = GuidingQuestion._meta.get_field("text").max_length
        for text in plan.questions:
            if len(text) > limit:
                refuse(
                    "questions",
                    _("“%(start)s…” is longer than %(limit)s characters.")
                    % {"start": text[:40], "limit": limit},
                )

    if plan.code:
        matches = lookups.sessions.get(plan.code, [])
        if len(matches) > 1:
            slugs = ", ".join(s.slug for s in matches)
            refuse(
                "code",
                ngettext(
                    "%(count)s session of this event has the code %(code)s "
                    "(%(slugs)s); give them different codes in the admin first.",
                    "%(count)s sessions of this event have the code %(code)s "
                    "(%(slugs)s); give them different codes in the admin first.",
                    len(matches),
                )
                % {"count": len(matches), "code": plan.code, "slugs": slugs},
            )
        elif matches:
            plan.page = matches[0]
    return plan


def parse_date(value):
    if not DATE_PATTERN.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def parse_time(value):
    match = TIME_PATTERN.fullmatch(value)
    if not match:
        return None
    try:
        return time(int(match[1]), int(match[2]))
    except ValueError:
        return None


def local_datetime(day, wall, tz):
    """The aware moment a wall clock in `tz` shows `wall` on `day`, or None for a time
    the clocks skip. Of a time shown twice (clocks go back), the first is taken."""
    moment = datetime.combine(day, wall, tzinfo=tz)
    round_trip = moment.astimezone(UTC).astimezone(tz)
    return (
        moment
        if round_trip.replace(tzinfo=None) == moment.replace(tzinfo=None)
        else None
    )


@lru_cache(maxsize=64)
def spellings(kind, language):
    """{key or label, casefolded: key} of the choices `kind`: their labels in English
    and in `language`, the organiser's."""
    found = {}
    for spoken in (language, "en"):
        with translation.override(spoken):
            for member in kind:
                found.setdefault(str(member.label).casefold(), member.value)
    found.update({member.value.casefold(): member.value for member in kind})
    return found


def choice(value, kind, default, column, refuse):
    """A key of the choices `kind` from its key or label, any case; the default for
    an empty cell."""
    if not value:
        return default
    key = spellings(kind, translation.get_language()).get(value.casefold())
    if key is not None:
        return key
    keys = ", ".join(member.value for member in kind)
    refuse(
        column,
        _("unknown %(column)s “%(value)s”; one of %(keys)s.")
        % {"column": column, "value": value, "keys": keys},
    )
    return default


def check_rows(event, lookups, header, rows):
    """([Plan] of the rows without problems, [Problem], {row: Plan} of every row)."""
    problems = []
    plans = []
    every = {}
    timed = []  # rows whose times can be checked, even if something else is wrong
    codes = {}
    for number, cells in rows:
        before = len(problems)
        plan = check_row(event, lookups, number, cells, header, problems)
        every[number] = plan
        if plan.code and plan.code in codes:
            problems.append(
                Problem(
                    number,
                    "code",
                    _("%(code)s is already on row %(row)s.")
                    % {"code": plan.code, "row": codes[plan.code]},
                )
            )
        else:
            codes[plan.code] = number
            if plan.start and plan.end:
                timed.append(plan)
        if len(problems) == before:
            plans.append(plan)
    found = clashes(event, timed, lookups)
    refused = {problem.row for problem in found}
    plans = [plan for plan in plans if plan.row not in refused]
    return plans, problems + found, every


def clashes(event, plans, lookups):
    """Problems with the rows' times and rooms: against the event's other sessions
    (sessions.services.schedule_problems, which also checks the dates) and between
    rows."""
    problems = []
    # Sessions in the file take the file's times, so only the others hold their slots.
    in_file = {plan.page.pk for plan in plans if plan.page}
    for plan in plans:
        found = schedule_problems(
            event,
            plan.start,
            plan.end,
            plan.room,
            plan.status,
            exclude=in_file,
            booked=lookups.booked,
        )
        for name, message in found.items():
            # The "start" error is about the day: the date column holds it.
            problems.append(
                Problem(plan.row, "date" if name == "start" else name, message)
            )
    booked = sorted(
        (p for p in plans if p.room and p.status != SessionPage.Status.CANCELLED),
        key=lambda p: (p.room.pk, p.start),
    )
    for plan in booked:
        for earlier in booked:
            if earlier is plan:
                break
            if (
                earlier.room == plan.room
                and earlier.start < plan.end
                and plan.start < earlier.end
            ):
                problems.append(
                    Problem(
                        plan.row,
                        "room",
                        _(
                            "%(room)s is also booked on row %(row)s for “%(title)s” "
                            "from %(start)s to %(end)s."
                        )
                        % {
                            "room": plan.room,
                            "row": earlier.row,
                            "title": earlier.title,
                            "start": clock(earlier.start, event),
                            "end": clock(earlier.end, event),
                        },
                    )
                )
                break
    return problems
