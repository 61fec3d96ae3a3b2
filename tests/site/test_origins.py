"""Which origins may open the site's websockets: the whole origin counts (scheme, host
and port), against SITE_URL, CSRF_TRUSTED_ORIGINS and, outside production, the request's
own Host."""

import pytest

from convening.origins import allowed


def scope(origin, host="forum.example.org", scheme="wss"):
    return {
        "type": "websocket",
        "scheme": scheme,
        "headers": [(b"origin", origin.encode()), (b"host", host.encode())],
    }


@pytest.fixture
def production(settings):
    settings.SITE_URL = "https://forum.example.org"
    settings.CSRF_TRUSTED_ORIGINS = ["https://*.partners.example.net"]
    settings.WEBSOCKET_ORIGIN_FROM_HOST = False


ORIGINS = [
    ("the site", "https://forum.example.org", True),
    ("the site with its default port", "https://forum.example.org:443", True),
    ("the site over http", "http://forum.example.org", False),
    ("the site on another port", "https://forum.example.org:8443", False),
    ("a trusted subdomain", "https://live.partners.example.net", True),
    ("the trusted domain itself", "https://partners.example.net", False),
    ("another host", "https://evil.example", False),
    ("a host ending like the site", "https://evilforum.example.org", False),
    ("null", "null", False),
    ("no origin", "", False),
]


@pytest.mark.parametrize(
    ("origin", "expected"),
    [(origin, expected) for _, origin, expected in ORIGINS],
    ids=[name for name, _, _ in ORIGINS],
)
def test_production_takes_the_site_and_trusted_origins_only(
    production, origin, expected
):
    assert allowed(scope(origin)) is expected


def test_production_trusts_no_host_header(production):
    assert allowed(scope("https://evil.example", host="evil.example")) is False


HOSTED = [
    ("the page's own origin", "http://127.0.0.1:8123", "ws", True),
    ("another port", "http://127.0.0.1:8001", "ws", False),
    ("https to a plain server", "https://127.0.0.1:8123", "ws", False),
    ("https behind a TLS proxy", "https://127.0.0.1:8123", "wss", True),
]


@pytest.mark.parametrize(
    ("origin", "scheme", "expected"),
    [(origin, scheme, expected) for _, origin, scheme, expected in HOSTED],
    ids=[name for name, _, _, _ in HOSTED],
)
def test_outside_production_the_host_header_names_the_origin(
    settings, origin, scheme, expected
):
    settings.WEBSOCKET_ORIGIN_FROM_HOST = True

    assert allowed(scope(origin, host="127.0.0.1:8123", scheme=scheme)) is expected
