"""Ids that people type or tamper with: one too large for the database's 64-bit keys
names nothing, so it answers 404 or a form error instead of overflowing the query
(SQLite refuses such a number outright)."""

import re

from channels.generic.websocket import AsyncWebsocketConsumer
from django import forms
from django.http import Http404, HttpResponseBadRequest
from django.urls.converters import IntConverter
from django.utils.translation import gettext

MAX_ID = 2**63 - 1  # the largest bigint, the widest key PostgreSQL and SQLite hold
_DIGITS = re.compile(r"[0-9]+")


def too_large(digits):
    # Measured before int(), which refuses strings of over 4,300 digits.
    digits = digits.lstrip("0")
    return len(digits) > len(str(MAX_ID)) or int(digits or "0") > MAX_ID


def parse(value):
    """The id that `value` spells, or None when it cannot name a row."""
    text = str(value).strip() if value is not None else ""
    if not _DIGITS.fullmatch(text) or too_large(text):
        return None
    return int(text) or None


def parse_or_404(value):
    number = parse(value)
    if number is None:
        raise Http404("No such id.")
    return number


class IdConverter(IntConverter):
    """`<id:pk>` (registered in ConveningConfig.ready): an `<int:pk>` that does not
    match an id too large to exist."""

    def to_python(self, value):
        if too_large(value):
            raise ValueError("id too large")  # the pattern does not match: a 404
        return int(value)


class IdField(forms.IntegerField):
    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)


class IdChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField whose impossible ids are an invalid choice, not a crash."""

    def to_python(self, value):
        if value not in self.empty_values and not self.to_field_name:
            if parse(value) is None:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice"
                )
        return super().to_python(value)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        if not self.to_field_name:
            for pk in value:
                if parse(pk) is None:
                    raise forms.ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": str(pk)[:20]},
                    )
        return super()._check_values(value)


class AdminIdsMiddleware:
    """Wagtail's own admin and API read ids with `<int:>` and plain int() from paths
    and query strings: a number too large for the database answers 404 in a path
    (the page does not exist) and 400 in a query (a filter or offset that cannot
    be), before any view queries it."""

    PREFIXES = ("/admin/", "/api/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(self.PREFIXES):
            if any(map(_too_large_number, request.path_info.split("/"))):
                raise Http404("No such id.")
            # A search may well be for a long number.
            values = (v for k, vs in request.GET.lists() if k != "q" for v in vs)
            if any(map(_too_large_number, values)):
                return HttpResponseBadRequest(
                    gettext("A number in the query is too large.")
                )
        return self.get_response(request)


def _too_large_number(text):
    text = text.strip()
    return text.isascii() and text.isdigit() and too_large(text)


class NoSuchSocket(AsyncWebsocketConsumer):
    async def connect(self):
        await self.close(code=4404)
