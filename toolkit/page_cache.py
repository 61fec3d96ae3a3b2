"""Whole-page cache for anonymous readers of pages that change only when organisers
publish.

Every cached page is keyed on one site-wide generation. Publishing, unpublishing
(scheduled unpublishing too), moving or deleting a page, adding, changing or removing a
view restriction (a password, sign-in or groups), or saving reference data a page shows
(rooms, themes, people …), starts a new generation, so readers never see a programme
older than the last publish, nor one that has since become private. Publishing is rare
next to reading, so one generation for the whole site costs little and cannot miss a
dependency.

The cache is the "pages" one, which every process of an installation shares (Redis, or
files under var/ in the embedded mode): a change made by a management command or by
another server process ends the copies of all of them.

A view opts in with `serve()`, which renders and stores; `PageCacheMiddleware` answers
later requests for the same address before Wagtail's routing runs (routing alone is
eight queries deep).
"""

import hashlib
import re
from uuid import uuid4

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import parse_http_date_safe
from django.utils.text import compress_string

from toolkit import addresses

GENERATION_KEY = "convening:page-cache:generation"
TIMEOUT = 24 * 60 * 60
ACCEPTS_GZIP = re.compile(r"\bgzip\b").search
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Last-Modified", "Cache-Control")


def store():
    return caches["pages"]


def generation():
    cache = store()
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, uuid4().hex, None)
        value = cache.get(GENERATION_KEY)
    return value


def new_generation():
    store().set(GENERATION_KEY, uuid4().hex, None)
    # And again once the change commits: a reader who rendered in between saw the
    # old rows and stored them under the first new generation.
    transaction.on_commit(lambda: store().set(GENERATION_KEY, uuid4().hex, None))


def invalidate(created=False, **kwargs):
    """Signal receiver: every cached page is stale from now on. A row just created is on
    no page until a page using it is published, which invalidates then."""
    if not created:
        new_generation()


def visibility_changed(action=None, **kwargs):
    """Signal receiver for view restrictions (saved, deleted, their groups changed): a
    new restriction, unlike a new room, hides pages already cached."""
    if action is None or action.startswith("post_"):
        new_generation()


def cacheable(request):
    """Anonymous reads only: a session (signed in, or holding a password-protected page
    open) or pending messages make the page personal."""
    personal = {settings.SESSION_COOKIE_NAME, "messages"} & request.COOKIES.keys()
    return request.method in ("GET", "HEAD") and not personal


def key(request):
    # The site's address too: exports print absolute addresses, all from SITE_URL
    # (toolkit.addresses), whatever host a request names.
    query = request.META.get("QUERY_STRING", "")
    address = f"{addresses.base()}{request.path}?{query}"
    digest = hashlib.blake2b(address.encode(), digest_size=16)
    return f"convening:page:{digest.hexdigest()}"


def lookup(request):
    """The stored page if it belongs to the current generation: one cache round trip."""
    page_key = key(request)
    found = store().get_many([GENERATION_KEY, page_key])
    entry = found.get(page_key)
    if entry is not None and entry[0] == found.get(GENERATION_KEY):
        return entry[1:]
    return None


def respond(request, headers, content, compressed, etag):
    response = HttpResponse(content, headers=headers)
    response["ETag"] = etag
    # A signed-in reader (with a cookie) must not get the anonymous copy from a proxy.
    patch_vary_headers(response, ["Cookie", "Accept-Encoding"])
    last_modified = parse_http_date_safe(headers.get("Last-Modified", ""))
    # A 304 carries the validators and caching headers of the full response.
    response = get_conditional_response(
        request, etag=etag, last_modified=last_modified, response=response
    )
    if response.status_code == 200 and ACCEPTS_GZIP(
        request.META.get("HTTP_ACCEPT_ENCODING", "")
    ):
        # Compressed once when stored, not on every read (GZipMiddleware leaves
        # responses that already carry a Content-Encoding alone).
        response.content = compressed
        response["Content-Encoding"] = "gzip"
        response["ETag"] = f"W/{etag}"  # as GZipMiddleware marks its own
    return response


def serve(request, render, *, timeout=TIMEOUT):
    """`render()`, stored for anonymous readers for up to `timeout` seconds (shorter for
    pages that move with the clock)."""
    if not cacheable(request):
        return render()
    # Read before rendering: a publish during the render must make this copy stale.
    current = generation()
    response = render()
    if hasattr(response, "render"):
        response.render()
    if response.status_code != 200:
        return response
    content = response.content
    etag = response.get("ETag") or (
        f'"{hashlib.blake2b(content, digest_size=16).hexdigest()}"'
    )
    headers = {name: response[name] for name in KEPT_HEADERS if name in response}
    entry = (headers, content, compress_string(content), etag)
    store().set(key(request), (current, *entry), timeout)
    return respond(request, *entry)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if cacheable(request):
            cached = lookup(request)
            if cached is not None:
                return respond(request, *cached)
        return self.get_response(request)
