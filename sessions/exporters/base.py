"""What every exporter shares: stable identifiers and conditional file responses."""

import hashlib
import uuid
from datetime import UTC, datetime
from functools import lru_cache

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag

from toolkit.addresses import page_address


def namespace():
    """This installation's namespace for ids: derived from SITE_URL, so two sites never
    give different sessions the same UID or guid, and stable while the address is (a
    new address makes calendar and conference apps see a new programme)."""
    return _namespace(settings.SITE_URL.rstrip("/"))


@lru_cache(maxsize=8)
def _namespace(site_url):
    return uuid.uuid5(uuid.NAMESPACE_URL, site_url)


# Rows that were never published through a revision have no publication time.
NEVER = datetime(2000, 1, 1, tzinfo=UTC)


def guid(kind, pk):
    return _guid(namespace(), kind, pk)


@lru_cache(maxsize=65536)  # uuid5 is a SHA-1: an export asks for thousands
def _guid(space, kind, pk):
    return uuid.uuid5(space, f"{kind}:{pk}")


def session_urls(rows):
    """The full address of each (session, its event) row. A session's address is its
    event's and its slug: one URL reversal per event rather than per session."""
    events = {}
    for _, event in rows:
        if event.pk not in events:
            events[event.pk] = page_address(event)
    return [f"{events[event.pk]}{session.slug}/" for session, event in rows]


def modified(page):
    """When `page` last changed for the public; stable between requests."""
    return page.last_published_at or page.first_published_at or NEVER


def file_response(
    request, body, *, content_type, filename, last_modified, private=False
):
    """`body` with a filename, validators from its bytes and its newest row, or a 304
    when the client already holds it."""
    response = HttpResponse(body, content_type=content_type)
    disposition = "attachment" if filename.endswith(".ics") else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["ETag"] = quote_etag(hashlib.sha256(body).hexdigest()[:32])
    response["Last-Modified"] = http_date(last_modified.timestamp())
    # Private feeds carry a secret in their address: no shared cache may keep them.
    response["Cache-Control"] = "private, no-cache" if private else "public, no-cache"
    return get_conditional_response(
        request,
        etag=response["ETag"],
        last_modified=int(last_modified.timestamp()),
        response=response,
    )
