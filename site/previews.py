"""The admin's live preview may frame the site's own pages.

Wagtail renders a preview by running the page through the whole middleware chain as if
at its public address, and the admin then shows it in a frame of its own. The public
policy's `frame-ancestors 'none'` would blank that frame: a preview may be framed by the
site itself, and by nothing else. Every other response keeps 'none'."""

SELF = "'self'"


class PreviewFramingMiddleware:
    """Listed just after CSPMiddleware, so the policy it writes reads this."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "is_preview", False):
            replace = getattr(response, "_csp_replace", None) or {}
            response._csp_replace = {**replace, "frame-ancestors": [SELF]}
            response["X-Frame-Options"] = "SAMEORIGIN"
        return response
