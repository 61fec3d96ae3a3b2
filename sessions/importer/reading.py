"""Reading a file: a CSV file's encoding, delimiter, header and rows, or an Excel
workbook's first sheet."""

import csv
import io
import re
import zipfile
from datetime import date, datetime, time

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from sessions.importer.base import (
    COLUMNS,
    DELIMITERS,
    HEADER_ROW,
    REQUIRED,
    ImportRefused,
    Problem,
)

XLSX_MAX_ROWS = 10_000  # a workbook is read whole; more rows than any programme has
XLSX_MAX_COLUMNS = 100


def read_file(file_obj, name=""):
    """read_csv, or read_xlsx for a file whose name ends in .xlsx."""
    if name.lower().endswith(".xlsx"):
        return read_xlsx(file_obj)
    return read_csv(file_obj)


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
                        _(
                            "this is not UTF-8 text; save the spreadsheet as "
                            "“CSV UTF-8” and try again."
                        ),
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
    lines = []
    line = 0
    try:
        for cells in reader:
            number, line = line + 1, reader.line_num
            lines.append((number, cells))
    except csv.Error as error:
        raise ImportRefused([Problem(line + 1, "file", str(error))]) from None
    return table(lines)


def read_xlsx(file_obj):
    """read_csv for the first sheet of an Excel workbook: dates, times and numbers
    in cells become the text a CSV file would hold (2031-05-12, 09:30, 12)."""
    try:
        workbook = load_workbook(file_obj, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise ImportRefused(
            [
                Problem(
                    HEADER_ROW,
                    "file",
                    _(
                        "this is not an Excel workbook (.xlsx) that can be read; "
                        "save it again as .xlsx, or as “CSV UTF-8”, and try again."
                    ),
                )
            ]
        ) from None
    try:
        sheet = workbook.worksheets[0]
        lines = []
        for number, cells in enumerate(
            sheet.iter_rows(max_col=XLSX_MAX_COLUMNS, values_only=True), start=1
        ):
            if number > XLSX_MAX_ROWS:
                raise ImportRefused(
                    [
                        Problem(
                            number,
                            "file",
                            _(
                                "the sheet has more than %(limit)s rows; split the "
                                "programme into several files."
                            )
                            % {"limit": XLSX_MAX_ROWS},
                        )
                    ]
                )
            lines.append((number, [cell_text(cell) for cell in cells]))
    finally:
        workbook.close()
    return table(lines)


def cell_text(value):
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return f"{value:%H:%M}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def table(lines):
    """(column names, [(row number, cells)]) of a file's [(row number, cells)]: the
    first row that is not blank is the header; blank rows are skipped."""
    rows = []
    header = None
    for number, cells in lines:
        if not any(cell.strip() for cell in cells):
            continue
        if header is None:
            header = check_header(cells, number)
            continue
        rows.append((number, cells))
    if header is None:
        raise ImportRefused(
            [
                Problem(
                    HEADER_ROW,
                    "header",
                    _("the file is empty; it needs a header row."),
                )
            ]
        )
    if not rows:
        raise ImportRefused(
            [Problem(HEADER_ROW, "header", _("there are no rows after the header."))]
        )
    return header, rows


def header_names(line, delimiter):
    cells = next(csv.reader([line], delimiter=delimiter), [])
    return [normalise_column(cell) for cell in cells]


def normalise_column(name):
    return re.sub(r"[\s-]+", "_", name.strip().lower())


def check_header(cells, number, allowed=COLUMNS):
    """The column names by position ("" for an unnamed column); refuses a bad header.
    A file may have the COLUMNS; import_rows `allows` PROGRAM_COLUMNS too."""
    names = [normalise_column(cell) for cell in cells]
    problems = [
        Problem(
            number,
            "header",
            _("the required column “%(column)s” is missing.") % {"column": name},
        )
        for name in REQUIRED
        if name not in names
    ]
    for name in dict.fromkeys(names):
        if name and name not in allowed:
            problems.append(
                Problem(
                    number,
                    "header",
                    _("unknown column “%(column)s”; the columns are %(columns)s.")
                    % {"column": name, "columns": ", ".join(COLUMNS)},
                )
            )
        elif name and names.count(name) > 1:
            problems.append(
                Problem(
                    number,
                    "header",
                    _("the column “%(column)s” appears twice.") % {"column": name},
                )
            )
    if problems:
        raise ImportRefused(problems)
    return names
