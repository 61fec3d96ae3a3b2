"""The offline copy's one rule on the server (templates/offline/sw.js keeps the
pages): whose pages a response belongs to. Every response names its reader's scope,
"public" or a code for a signed-in reader, so that a browser shared by two people
never shows one of them the other's kept pages."""

from django.utils.crypto import salted_hmac

HEADER = "X-Offline-Scope"


def scope(request):
    """ "public", or a code that names the signed-in user without giving their id."""
    user = getattr(request, "user", None)  # unset on a page-cache hit: anonymous
    if user is None or not user.is_authenticated:
        return "public"
    return salted_hmac("offline-scope", str(user.pk)).hexdigest()[:24]


class OfflineScopeMiddleware:
    """Outside the page cache, so cached pages are marked too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response[HEADER] = scope(request)
        return response
