"""The importer's columns, and what it answers: a report, or the problems it refused."""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sessions.models import SessionRole

REQUIRED = ["code", "title", "date", "start", "end"]
ROLE_COLUMNS = {
    "moderators": SessionRole.Role.MODERATOR,
    "online_moderators": SessionRole.Role.ONLINE_MODERATOR,
    "speakers": SessionRole.Role.SPEAKER,
    "rapporteurs": SessionRole.Role.RAPPORTEUR,
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
# Columns only a program may give (import_rows), never a spreadsheet: the new session's
# slug (its address; a known session keeps its own), its language arrangements, and its
# background and participation as rich text HTML, which the caller vouches for.
PROGRAM_COLUMNS = [
    "slug",
    "interpretation",
    "interpretation_online",
    "captions",
    "sign_language",
    "background",
    "participation",
]
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
            summary = _("The header row was refused; nothing was imported.")
        else:
            summary = ngettext(
                "%(count)s row refused; nothing was imported.",
                "%(count)s rows refused; nothing was imported.",
                len(rows),
            ) % {"count": len(rows)}
        super().__init__(summary)


class PublishRefused(ImportRefused):
    """Publishing was asked for where it may not be; nothing was written."""

    def __init__(self, reason):
        self.problems = []
        Exception.__init__(self, reason)


def publish_refusal(event):
    """Why the sessions of `event` may not be published by an import, or "": a session
    is never made live under an event the public cannot see yet."""
    if event.live:
        return ""
    return _(
        "“%(event)s” is not published, so its sessions can only be imported as "
        "drafts: publish the event first, or publish the sessions later."
    ) % {"event": event.title}


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
class RowPreview:
    """What importing one row would do, and what stops it."""

    row: int
    code: str
    title: str
    outcome: str  # "created", "updated" or "unchanged"
    changed: list = field(default_factory=list)
    problems: list = field(default_factory=list)  # [Problem] of this row
    notes: list = field(default_factory=list)


@dataclass
class ImportReport:
    rows: list = field(default_factory=list)
    people_created: list = field(default_factory=list)
    not_in_file: int = 0  # sessions of the event the file does not mention
    published: bool = False  # published, or saved as drafts

    def count(self, outcome):
        return sum(1 for r in self.rows if r.outcome == outcome)

    def written(self):
        return self.count("created") + self.count("updated")

    def summary(self):
        people = len(self.people_created)
        text = (
            f"{self.count('created')} created, {self.count('updated')} updated, "
            f"{self.count('unchanged')} unchanged; "
            f"{people} {'person' if people == 1 else 'people'} created."
        )
        if self.written() and not self.published:
            text += (
                " The sessions created or updated are drafts, not yet on the public "
                "programme."
            )
        if self.not_in_file:
            text += (
                f" {self.not_in_file} other session"
                f"{'s' if self.not_in_file != 1 else ''} of the event, not in the "
                "file, left as they are."
            )
        return text
