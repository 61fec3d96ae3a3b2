"""Import an event's programme from a spreadsheet saved as CSV (UTF-8, header row) or
as an Excel workbook (.xlsx, its first sheet).

One row per session, matched on `code` within the event: a new code creates a session,
a known one updates it, a row equal to its session (as the editor shows it, its latest
revision) changes nothing (no new revision).
Every row is checked before anything is written; if any row is refused, nothing is
imported.

Columns (any order; the header names them):
- required: code, title, date (YYYY-MM-DD), start and end (HH:MM, wall-clock time in the
  event's time zone; a session cannot run past midnight);
- optional: room (a Room name), track, format (key or label), status (scheduled or
  cancelled), languages (codes or names, `;` between them; the first is spoken on
  the floor, the others interpreted), themes (slugs or codes such
  as "SDG 4" or "C7", `;`), summary, moderators, online_moderators, speakers,
  rapporteurs (people's exact names, `;`; a name nobody has yet creates a Person), and
  questions (guiding questions, `|` between them).

A column missing from the header leaves that field of existing sessions as it is; an
empty cell in a column that is there clears the field (format and status go back to
their defaults). People columns replace only the people in that role. Sessions of the
event that are not in the file are left alone; a title change keeps the session's slug,
so its address stays the same.

The package: `reading` (a CSV file or a workbook), `checking` (rows to plans, times
and rooms), `comparing` (what a row changes of its session), `applying` (plans to
sessions), `base` (columns, report, refusals).

Sessions are created and updated as drafts (a new revision, not live) unless the
caller asks to `publish` them; never under an event that is not live itself
(PublishRefused). `preview` says what an import would do, row by row, and every
problem of each row, writing nothing; the import checks everything again.

`import_rows(event, rows)` is the same import for a program that has its rows already
(dicts column -> text, as the file's cells): `manage.py seed_demo` builds the demo's
programmes with it. Such a caller may also give the PROGRAM_COLUMNS (slug,
interpretation, background, participation), which a spreadsheet cannot: the demo's
sessions are then created complete, each with one revision and its own address.
"""

from django.db import transaction

from events.models import EventPage
from sessions.importer.applying import apply
from sessions.importer.base import (
    COLUMNS,
    HEADER_ROW,
    OPTIONAL,
    PROGRAM_COLUMNS,
    REQUIRED,
    ROLE_COLUMNS,
    ImportRefused,
    ImportReport,
    Problem,
    PublishRefused,
    RowPreview,
    RowResult,
    problem_order,
    publish_refusal,
)
from sessions.importer.checking import Lookups, check_rows
from sessions.importer.comparing import changes, states
from sessions.importer.reading import check_header, read_csv, read_file

__all__ = [
    "COLUMNS",
    "OPTIONAL",
    "PROGRAM_COLUMNS",
    "REQUIRED",
    "ROLE_COLUMNS",
    "ImportRefused",
    "ImportReport",
    "Problem",
    "PublishRefused",
    "RowPreview",
    "RowResult",
    "import_programme",
    "import_rows",
    "import_table",
    "preview",
    "publish_refusal",
    "read_file",
]


def import_programme(event, file_obj, *, publish=False, progress=None):
    """Check every row of the CSV `file_obj` (bytes or text), then apply them all in one
    transaction. Raises ImportRefused, having written nothing, if any row is refused.
    `progress(done, total)` is called after each row is applied."""
    header, rows = read_csv(file_obj)
    return import_table(event, header, rows, publish=publish, progress=progress)


def import_rows(event, rows, *, publish=False, progress=None):
    """import_programme for rows already read: `rows` are dicts column -> text, their
    columns those of the file plus PROGRAM_COLUMNS; a column missing from a row is
    empty there. Rows are numbered as in a file with a header row."""
    if not rows:
        return ImportReport(published=publish)
    header = list(dict.fromkeys(name for row in rows for name in row))
    names = check_header(header, HEADER_ROW, allowed=COLUMNS + PROGRAM_COLUMNS)
    cells = [
        (number, [row.get(name, "") for name in header])
        for number, row in enumerate(rows, start=HEADER_ROW + 1)
    ]
    return import_table(event, names, cells, publish=publish, progress=progress)


def import_table(event, header, rows, *, publish=False, progress=None):
    """Checks all rows [(row number, cells)] of a file read (read_file), then applies
    them in one transaction."""
    with transaction.atomic():
        # Imports into one event queue, so that each checks what the last one left.
        event = EventPage.objects.select_for_update().get(pk=event.pk)
        if publish and (reason := publish_refusal(event)):
            raise PublishRefused(reason)
        lookups = Lookups(event, header, rows)
        plans, problems, _ = check_rows(event, lookups, header, rows)
        if problems:
            raise ImportRefused(problems)
        return apply(event, plans, lookups, progress, publish=publish)


def preview(event, header, rows, *, publish=False):
    """[RowPreview] of rows [(row number, cells)]: what importing them would do and
    every problem of each row. Writes nothing, and costs the same queries for any
    number of rows."""
    lookups = Lookups(event, header, rows)
    _, problems, plans = check_rows(event, lookups, header, rows)
    found = states([plan.page for plan in plans.values() if plan.page], publish=publish)
    by_row = {}
    for problem in sorted(problems, key=problem_order):
        by_row.setdefault(problem.row, []).append(problem)
    previews = []
    for number, plan in plans.items():
        changed = []
        if plan.page is None:
            outcome = "created"
        else:
            changed = changes(plan, found[plan.page.pk], lookups, publish=publish)
            outcome = "updated" if changed else "unchanged"
        previews.append(
            RowPreview(
                number,
                plan.code,
                plan.fields.get("title", ""),
                outcome,
                changed,
                by_row.get(number, []),
                plan.notes,
            )
        )
    return previews
