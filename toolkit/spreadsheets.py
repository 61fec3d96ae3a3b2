"""Text bound for spreadsheet programs. A cell that starts like a formula runs as one
when the file is opened (=HYPERLINK(...) leaks data, =cmd|... runs programs), and
people type their own names and titles: such text is quoted, by our exports and by
Wagtail's own (reports, site history) alike."""

from functools import wraps

from django.utils.encoding import is_protected_type

# Formula starts, in ASCII and full width (spreadsheet programs read both); tab and
# carriage return start one too, and leading spaces do not stop one.
FORMULA_STARTS = ("=", "+", "-", "@", "＝", "＋", "－", "＠")
CONTROL_STARTS = ("\t", "\r")


def spreadsheet_safe(value):
    """`value` as a cell: numbers, dates and None unchanged, text quoted with a
    leading apostrophe when a spreadsheet program would run it."""
    if is_protected_type(value):
        return value
    text = str(value)
    if text.startswith(CONTROL_STARTS) or text.lstrip().startswith(FORMULA_STARTS):
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
