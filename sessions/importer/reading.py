"""Reading a CSV file: its encoding, delimiter, header and rows."""

import csv
import io
import re

from sessions.importer.base import (
    COLUMNS,
    DELIMITERS,
    HEADER_ROW,
    REQUIRED,
    ImportRefused,
    Problem,
)


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


def check_header(cells, number, allowed=COLUMNS):
    """The column names by position ("" for an unnamed column); refuses a bad header.
    A file may have the COLUMNS; import_rows `allows` PROGRAM_COLUMNS too."""
    names = [normalise_column(cell) for cell in cells]
    problems = [
        Problem(number, "header", f"the required column “{name}” is missing.")
        for name in REQUIRED
        if name not in names
    ]
    for name in dict.fromkeys(names):
        if name and name not in allowed:
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
