"""Import an event's programme from a spreadsheet saved as CSV (UTF-8, header row).

One row per session, matched on `code` within the event: a new code creates a session,
a known one updates it, a row equal to its session changes nothing (no new revision).
Every row is checked before anything is written; if any row is refused, nothing is
imported.

Columns (any order; the header names them):
- required: code, title, date (YYYY-MM-DD), start and end (HH:MM, wall-clock time in the
  event's time zone; a session cannot run past midnight);
- optional: room (a Room name), track, format (key or label), status (scheduled or
  cancelled), languages (codes or names, `;` between them), themes (slugs or codes such
  as "SDG 4" or "C7", `;`), summary, moderators, online_moderators, speakers,
  rapporteurs (people's exact names, `;`; a name nobody has yet creates a Person), and
  questions (guiding questions, `|` between them).

A column missing from the header leaves that field of existing sessions as it is; an
empty cell in a column that is there clears the field (format and status go back to
their defaults). People columns replace only the people in that role. Sessions of the
event that are not in the file are left alone; a title change keeps the session's slug,
so its address stays the same.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from events.models import EventPage, Language, Room, Theme
from sessions.models import GuidingQuestion, Person, SessionPage, SessionRole
from sessions.services import clock, person_clashes, schedule_problems

REQUIRED = ["code", "title", "date", "start", "end"]
ROLE_COLUMNS = {
    "moderators": SessionRole.MODERATOR,
    "online_moderators": SessionRole.ONLINE_MODERATOR,
    "speakers": SessionRole.SPEAKER,
    "rapporteurs": SessionRole.RAPPORTEUR,
}
OPTIONAL = [
    "room",
    "track",
    "format",
    "status",
    "languages",
    "themes",
    "summary",
    *ROLE_COLUMNS,
    "questions",
]
COLUMNS = REQUIRED + OPTIONAL
HEADER_ROW = 1
# Spreadsheets in many European locales save "CSV" with semicolons between columns.
DELIMITERS = [",", ";", "\t"]
DATE_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}")
TIME_PATTERN = re.compile(r"(\d{1,2}):(\d{2})")


@dataclass(frozen=True)
class Problem:
    row: int  # the line of the CSV file the row starts on; the header is row 1
    column: str
    message: str

    def __str__(self):
        return f"row {self.row}, {self.column}: {self.message}"


class ImportRefused(Exception):
    """The file was refused; `problems` says where and why. Nothing was written."""

    def __init__(self, problems):
        self.problems = sorted(problems, key=problem_order)
        rows = {p.row for p in self.problems}
        if HEADER_ROW in rows:
            summary = "The header row was refused; nothing was imported."
        else:
            summary = f"{len(rows)} row{'s' if len(rows) != 1 else ''} refused; "
            summary += "nothing was imported."
        super().__init__(summary)


def problem_order(problem):
    """Row by row, then in the order of COLUMNS (header, file and unnamed last)."""
    where = COLUMNS.index(problem.column) if problem.column in COLUMNS else len(COLUMNS)
    return problem.row, where


@dataclass
class RowResult:
    row: int
    code: str
    title: str
    outcome: str  # "created", "updated" or "unchanged"
    changed: list = field(default_factory=list)  # columns that differed
    notes: list = field(default_factory=list)

    def __str__(self):
        text = f"row {self.row}, {self.code}: {self.outcome} “{self.title}”"
        if self.changed:
            text += f" ({', '.join(self.changed)})"
        return "; ".join([text, *self.notes])


@dataclass
class ImportReport:
    rows: list = field(default_factory=list)
    people_created: list = field(default_factory=list)
    not_in_file: int = 0  # sessions of the event the file does not mention

    def count(self, outcome):
        return sum(1 for r in self.rows if r.outcome == outcome)

    def summary(self):
        people = len(self.people_created)
        text = (
            f"{self.count('created')} created, {self.count('updated')} updated, "
            f"{self.count('unchanged')} unchanged; "
            f"{people} {'person' if people == 1 else 'people'} created."
        )
        if self.not_in_file:
            text += (
                f" {self.not_in_file} other session"
                f"{'s' if self.not_in_file != 1 else ''} of the event, not in the "
                "file, left as they are."
            )
        return text


@dataclass
class Plan:
    """What one valid row asks for. `fields` holds only the columns the file has."""

    row: int
    code: str
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
        default = self.page.status if self.page else SessionPage.SCHEDULED
        return self.fields.get("status", default)


def import_programme(event, file_obj, *, progress=None):
    """Check every row of the CSV `file_obj` (bytes or text), then apply them all in one
    transaction. Raises ImportRefused, having written nothing, if any row is refused.
    `progress(done, total)` is called after each row is applied."""
    header, rows = read_csv(file_obj)
    with transaction.atomic():
        # Imports into one event queue, so that each checks what the last one left.
        event = EventPage.objects.select_for_update().get(pk=event.pk)
        lookups = Lookups(event, header, rows)
        problems = []
        plans = []
        timed = []  # rows whose times can be checked, even if something else is wrong
        codes = {}
        for number, cells in rows:
            before = len(problems)
            plan = check_row(event, lookups, number, cells, header, problems)
            if plan.code and plan.code in codes:
                problems.append(
                    Problem(
                        number,
                        "code",
                        f"{plan.code} is already on row {codes[plan.code]}.",
                    )
                )
            else:
                codes[plan.code] = number
                if plan.start and plan.end:
                    timed.append(plan)
            if len(problems) == before:
                plans.append(plan)
        problems += clashes(event, timed)
        if problems:
            raise ImportRefused(problems)
        return apply(event, plans, lookups, progress)


def read_csv(file_obj):
    """(column names, [(row number, cells)]): header checked, blank rows skipped."""
    text = file_obj.read()
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = text[: error.start].count(b"\n") + 1
            raise ImportRefused(
                [
                    Problem(
                        line,
                        "file",
                        "this is not UTF-8 text; save the spreadsheet as "
                        "“CSV UTF-8” and try again.",
                    )
                ]
            ) from None
    text = text.removeprefix("\ufeff")
    first_line = text.split("\n", 1)[0]
    delimiter = next(
        (d for d in DELIMITERS if set(REQUIRED) <= set(header_names(first_line, d))),
        ",",
    )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    header = None
    line = 0
    try:
        for cells in reader:
            number, line = line + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if header is None:
                header = check_header(cells, number)
                continue
            rows.append((number, cells))
    except csv.Error as error:
        raise ImportRefused([Problem(line + 1, "file", str(error))]) from None
    if header is None:
        raise ImportRefused(
            [Problem(HEADER_ROW, "header", "the file is empty; it needs a header row.")]
        )
    if not rows:
        raise ImportRefused(
            [Problem(HEADER_ROW, "header", "there are no rows after the header.")]
        )
    return header, rows


def header_names(line, delimiter):
    cells = next(csv.reader([line], delimiter=delimiter), [])
    return [normalise_column(cell) for cell in cells]


def normalise_column(name):
    return re.sub(r"[\s-]+", "_", name.strip().lower())


def check_header(cells, number):
    """The column names by position ("" for an unnamed column); refuses a bad header."""
    names = [normalise_column(cell) for cell in cells]
    problems = [
        Problem(number, "header", f"the required column “{name}” is missing.")
        for name in REQUIRED
        if name not in names
    ]
    for name in dict.fromkeys(names):
        if name and name not in COLUMNS:
            problems.append(
                Problem(
                    number,
                    "header",
                    f"unknown column “{name}”; the columns are {', '.join(COLUMNS)}.",
                )
            )
        elif name and names.count(name) > 1:
            problems.append(
                Problem(number, "header", f"the column “{name}” appears twice.")
            )
    if problems:
        raise ImportRefused(problems)
    return names


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
            for _, cells in rows
            for i in people_columns
            if i < len(cells)
            for name in split(cells[i])
        }
        for person in Person.objects.filter(name__in=names).order_by("pk"):
            self.people.setdefault(person.name, person)
            self.same_name[person.name] = self.same_name.get(person.name, 0) + 1
        self.sessions = {}
        for session in (
            SessionPage.objects.child_of(event).exclude(code="").select_related("room")
        ):
            self.sessions.setdefault(session.code, []).append(session)
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
            return None, f"several rooms are called “{value}”; write one of {choices}."
        names = sorted({room.name for room in self.rooms})
        if not names:
            return None, f"unknown room “{value}”; there are no rooms yet."
        return None, f"unknown room “{value}”; the rooms are {', '.join(names)}."

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
            refuse(f"column {position + 1}", f"“{cell.strip()}” has no column name.")
    for name in REQUIRED:
        if not values.get(name):
            refuse(name, "a value is required.")
    plan = Plan(number, values.get("code", ""))
    plan.fields["code"] = plan.code
    plan.fields["title"] = values.get("title", "")
    for column in ("code", "title", "track", "summary"):
        limit = SessionPage._meta.get_field(column).max_length
        if len(values.get(column, "")) > limit:
            refuse(column, f"at most {limit} characters, not {len(values[column])}.")

    day = None
    if values.get("date"):
        day = parse_date(values["date"])
        if day is None:
            refuse("date", f"“{values['date']}” is not a date like 2031-05-12.")
    for column in ("start", "end"):
        if not values.get(column):
            continue
        wall = parse_time(values[column])
        if wall is None:
            refuse(column, f"“{values[column]}” is not a time like 09:30.")
        elif day:
            moment = local_datetime(day, wall, event.tzinfo)
            if moment is None:
                refuse(
                    column,
                    f"{values[column]} does not exist on {day} in {event.time_zone} "
                    "(the clocks go forward).",
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
            values["format"], SessionPage.FORMATS, SessionPage.PANEL, "format", refuse
        )
    if "status" in values:
        plan.fields["status"] = choice(
            values["status"],
            SessionPage.STATUSES,
            SessionPage.SCHEDULED,
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
                    f"unknown language “{item}”; the codes are {', '.join(codes)}.",
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
                    f"unknown theme “{item}”; write a theme's slug (sdg-4) or code "
                    "(SDG 4, C7).",
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
                refuse(column, f"“{name[:40]}…” is longer than {limit} characters.")
            elif lookups.same_name.get(name, 0) > 1:
                plan.notes.append(
                    f"{lookups.same_name[name]} people are called {name}; "
                    f"used the first (id {lookups.people[name].pk})"
                )
    if "questions" in values:
        plan.questions = split(values["questions"], "|")
        limit = GuidingQuestion._meta.get_field("text").max_length
        for text in plan.questions:
            if len(text) > limit:
                refuse(
                    "questions", f"“{text[:40]}…” is longer than {limit} characters."
                )

    if plan.code:
        matches = lookups.sessions.get(plan.code, [])
        if len(matches) > 1:
            slugs = ", ".join(s.slug for s in matches)
            refuse(
                "code",
                f"{len(matches)} sessions of this event have the code {plan.code} "
                f"({slugs}); give them different codes in the admin first.",
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


def choice(value, choices, default, column, refuse):
    """A choice's key from its key or label, any case; the default for an empty cell."""
    if not value:
        return default
    for key, label in choices:
        if value.casefold() in (key.casefold(), label.casefold()):
            return key
    keys = ", ".join(key for key, _ in choices)
    refuse(column, f"unknown {column} “{value}”; one of {keys}.")
    return default


def clashes(event, plans):
    """Problems with the rows' times and rooms: against the event's other sessions
    (sessions.services.schedule_problems, which also checks the dates) and between
    rows."""
    problems = []
    # Sessions in the file take the file's times, so only the others hold their slots.
    in_file = [plan.page.pk for plan in plans if plan.page]
    for plan in plans:
        found = schedule_problems(
            event,
            plan.start,
            plan.end,
            plan.room,
            plan.status,
            exclude=in_file,
        )
        for name, message in found.items():
            # The "start" error is about the day: the date column holds it.
            problems.append(
                Problem(plan.row, "date" if name == "start" else name, message)
            )
    booked = sorted(
        (p for p in plans if p.room and p.status != SessionPage.CANCELLED),
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
                        f"{plan.room} is also booked on row {earlier.row} for "
                        f"“{earlier.title}” from {clock(earlier.start, event)} to "
                        f"{clock(earlier.end, event)}.",
                    )
                )
                break
    return problems


def apply(event, plans, lookups, progress):
    report = ImportReport()
    in_file = {plan.page.pk for plan in plans if plan.page}
    report.not_in_file = lookups.session_count - len(in_file)
    slugs = set(event.get_children().values_list("slug", flat=True))
    written = []
    for done, plan in enumerate(plans, start=1):
        notes = list(plan.notes)
        for names in plan.roles.values():
            for name in names:
                if name not in lookups.people:
                    lookups.people[name] = Person.objects.create(name=name)
                    report.people_created.append(name)
                    notes.append(f"person created: {name}")
        try:
            if plan.page is None:
                page, changed = create(event, plan, lookups, slugs), []
                outcome = "created"
            else:
                draft = plan.page.live and plan.page.has_unpublished_changes
                page, changed = plan.page, update(plan, lookups)
                outcome = "updated" if changed else "unchanged"
                if changed and draft:
                    notes.append("its unpublished draft was replaced")
        except ValidationError as error:
            # A page rule the checks above do not know; the transaction rolls back.
            found = error.message_dict if hasattr(error, "error_dict") else {}
            raise ImportRefused(
                [
                    Problem(plan.row, name, message)
                    for name, messages in (found or {"file": error.messages}).items()
                    for message in messages
                ]
            ) from None
        result = RowResult(plan.row, plan.code, plan.title, outcome, changed, notes)
        report.rows.append(result)
        if outcome != "unchanged":
            written.append((result, page))
        if progress:
            progress(done, len(plans))
    # Once every row is in place, so that a session moved later in the file counts.
    for result, page in written:
        # Warned about, not refused, as in the admin: a speaker may look in on two.
        result.notes += [
            f"{person.name} is also in “{other.title}” at {clock(other.start, event)}"
            for person, other in person_clashes(page)
        ]
    return report


def create(event, plan, lookups, slugs):
    allow_unicode = getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True)
    base = (
        slugify(plan.title, allow_unicode=allow_unicode)
        or slugify(plan.code, allow_unicode=allow_unicode)
        or "session"
    )[:240]
    slug, number = base, 1
    while slug in slugs:
        number += 1
        slug = f"{base}-{number}"
    slugs.add(slug)
    page = SessionPage(slug=slug, start=plan.start, end=plan.end, **plan.fields)
    page.languages = plan.languages or []
    page.themes = plan.themes or []
    # sort_order set, so that PostgreSQL reads the rows back in this order (NULLs tie).
    page.roles = [
        SessionRole(person=person, role=role, sort_order=n)
        for n, (role, person) in enumerate(
            (role, lookups.people[name])
            for role, names in sorted(plan.roles.items(), key=role_order)
            for name in names
        )
    ]
    page.guiding_questions = [
        GuidingQuestion(text=q, sort_order=n)
        for n, q in enumerate(plan.questions or [])
    ]
    event.add_child(instance=page)
    page.save_revision().publish()
    return page


def role_order(item):
    return [key for key, _ in SessionRole.ROLES].index(item[0])


def update(plan, lookups):
    """Sets what differs on the session and publishes it; returns the changed columns
    (none: the session is left alone, without a new revision)."""
    page = plan.page
    changed = []
    wanted = {"code": "", "title": "", "start": plan.start, "end": plan.end}
    wanted.update(plan.fields)
    for name, value in wanted.items():
        if getattr(page, name) != value:
            setattr(page, name, value)
            changed.append(name)
    for name in ("languages", "themes"):
        value = getattr(plan, name)
        if value is not None and {o.pk for o in getattr(page, name).all()} != {
            o.pk for o in value
        }:
            setattr(page, name, value)
            changed.append(name)
    roles = [(role.role, role.person_id) for role in page.roles.all()]
    kept = {
        role: [person for kind, person in roles if kind == role]
        for role, _ in SessionRole.ROLES
    }
    wanted_roles = dict(kept)
    for role, names in plan.roles.items():
        wanted_roles[role] = [lookups.people[name].pk for name in names]
    if wanted_roles != kept:
        page.roles = [
            SessionRole(person_id=person, role=role, sort_order=n)
            for n, (role, person) in enumerate(
                (role, person)
                for role, _ in SessionRole.ROLES
                for person in wanted_roles[role]
            )
        ]
        changed += [c for c, r in ROLE_COLUMNS.items() if wanted_roles[r] != kept[r]]
    if plan.questions is not None and plan.questions != [
        q.text for q in page.guiding_questions.all()
    ]:
        page.guiding_questions = [
            GuidingQuestion(text=q, sort_order=n) for n, q in enumerate(plan.questions)
        ]
        changed.append("questions")
    if not page.live:
        changed.append("published")
    if changed:
        page.save_revision().publish()
    return changed
