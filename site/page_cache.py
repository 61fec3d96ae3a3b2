"""Whole-page cache for anonymous readers of pages that change only when organisers
publish.

Every cached page is keyed on one site-wide generation. Publishing, unpublishing, moving
or deleting a page, or saving reference data a page shows (rooms, themes, people …),
starts a new generation, so readers never see a programme older than the last publish.
Publishing is rare next to reading, so one generation for the whole site costs little
and cannot miss a dependency.
"""

import hashlib
from uuid import uuid4

from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers

GENERATION_KEY = "convening:page-cache:generation"
TIMEOUT = 24 * 60 * 60


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, uuid4().hex, None)
        value = cache.get(GENERATION_KEY)
    return value


def invalidate(created=False, **kwargs):
    """Signal receiver: every cached page is stale from now on. A row just created is on
    no page until a page using it is published, which invalidates then."""
    if created:
        return
    cache.set(GENERATION_KEY, uuid4().hex, None)


def serve(request, render, *, vary=()):
    """`render()` for signed-in users and unsafe methods; for anonymous GET and HEAD the
    cached body, or a 304 when the reader already holds it. `vary` adds what else the
    page depends on (a minute while "now and next" is shown, say)."""
    if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
        return render()
    parts = [generation(), request.path, request.META.get("QUERY_STRING", ""), *vary]
    digest = hashlib.blake2b("\n".join(map(str, parts)).encode(), digest_size=16)
    key, etag = f"convening:page:{digest.hexdigest()}", f'"{digest.hexdigest()}"'
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return not_modified
    cached = cache.get(key)
    if cached is None:
        response = render()
        if hasattr(response, "render"):
            response.render()
        if response.status_code != 200:
            return response
        cache.set(key, (response["Content-Type"], response.content), TIMEOUT)
    else:
        content_type, content = cached
        response = HttpResponse(content, content_type=content_type)
    response["ETag"] = etag
    # A signed-in reader (with a cookie) must not get the anonymous copy from a proxy.
    patch_vary_headers(response, ["Cookie"])
    return response
