"""Text bound for spreadsheet programs. A cell that starts like a formula runs as one
when the file is opened (=HYPERLINK(...) leaks data, =cmd|... runs programs), and
people type their own names and titles: such text is quoted, by our exports and by
Wagtail's own (reports, site history) alike."""

import re
from functools import wraps

from django.utils.encoding import is_protected_type

# Formula starts, in ASCII and full width (spreadsheet programs read both); tab and
# carriage return start one too, and leading spaces do not stop one.
ALWAYS = ("=", "@", "＝", "＠")
SIGNS = ("+", "-", "＋", "－")
CONTROL_STARTS = ("\t", "\r")
# A sign starts a formula only when what follows parses as one: "-5+3", "+A1",
# "-HYPERLINK(...)", "+cmd|...". Prose after a sign ("-5 is not a formula", "- a
# list item", "+3 more seats") does not, and is left as it was written.
PROSE = re.compile(r"[+\-＋－]\s*(?:[\d.,]+\s+)?[^\W\d_]+\s+\S")
CALLS = re.compile(r"[(|!]")


def formula_like(text):
    start = text.lstrip()
    if start.startswith(ALWAYS):
        return True
    if start.startswith(SIGNS):
        return bool(CALLS.search(start)) or not PROSE.match(start)
    return False


def spreadsheet_safe(value):
    """`value` as a cell: numbers, dates and None unchanged, text quoted with a
    leading apostrophe when a spreadsheet program would run it."""
    if is_protected_type(value):
        return value
    text = str(value)
    if text.startswith(CONTROL_STARTS) or formula_like(text):
        return f"'{text}"
    return text


def guard_wagtail_exports():
    """Every value that Wagtail's SpreadsheetExportMixin writes to CSV or XLSX passes
    through spreadsheet_safe. Called once, from ConveningConfig.ready."""
    # Imported here: Wagtail's admin views import models, and this module is imported
    # by modules that models import (open data), before the app registry is ready.
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    original = SpreadsheetExportMixin.preprocess_field_value
    if getattr(original, "spreadsheet_safe", False):
        return

    @wraps(original)
    def preprocess_field_value(self, field, value, export_format):
        return spreadsheet_safe(original(self, field, value, export_format))

    preprocess_field_value.spreadsheet_safe = True
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
