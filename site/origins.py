"""Which pages may open the site's websockets: a browser sends its page's origin, and it
must be the site's own, whole (scheme, host and port), or one the settings trust.

Allowed: SITE_URL's origin, every CSRF_TRUSTED_ORIGINS entry ("https://*.example.org"
covers the subdomains) and, where WEBSOCKET_ORIGIN_FROM_HOST is on (dev and test, where
the site answers on whatever port it was started on), the origin the request itself
names: its Host header with the request's scheme. Production trusts no header for it."""

from urllib.parse import urlsplit

from channels.security.websocket import WebsocketDenier
from django.conf import settings

DEFAULT_PORTS = {"http": 80, "https": 443}
# Daphne gives websockets their own schemes, and a proxy's X-Forwarded-Proto the web's.
WEB_SCHEMES = {"ws": "http", "wss": "https", "http": "http", "https": "https"}


def origin_of(url):
    """(scheme, host, port) of a URL, with the scheme's default port filled in; None
    for anything that is not an http(s) origin."""
    try:
        parts = urlsplit(url.strip().lower())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    return parts.scheme, parts.hostname, port or DEFAULT_PORTS[parts.scheme]


def trusted(origin, pattern):
    """Whether `origin` is `pattern`'s origin, or one of its subdomains' for a pattern
    with "://*."."""
    wildcard = "://*." in pattern
    allowed = origin_of(pattern.replace("://*.", "://", 1))
    if allowed is None:
        return False
    if wildcard:
        scheme, host, port = origin
        return (scheme, port) == (allowed[0], allowed[2]) and host.endswith(
            f".{allowed[1]}"
        )
    return origin == allowed


def allowed(scope):
    headers = dict(scope.get("headers", []))
    origin = origin_of(headers.get(b"origin", b"").decode("latin-1"))
    if origin is None:
        return False
    patterns = [settings.SITE_URL, *settings.CSRF_TRUSTED_ORIGINS]
    if settings.WEBSOCKET_ORIGIN_FROM_HOST and b"host" in headers:
        scheme = WEB_SCHEMES.get(scope.get("scheme", "ws"), "http")
        patterns.append(f"{scheme}://{headers[b'host'].decode('latin-1')}")
    return any(trusted(origin, pattern) for pattern in patterns)


class SameOriginValidator:
    """Refuses a websocket handshake from any origin `allowed` does not accept."""

    def __init__(self, application):
        self.application = application

    async def __call__(self, scope, receive, send):
        if scope["type"] == "websocket" and not allowed(scope):
            return await WebsocketDenier()(scope, receive, send)
        return await self.application(scope, receive, send)
