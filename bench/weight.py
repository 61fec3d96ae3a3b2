"""Transferred bytes of each public page with its CSS, JS and images, compressed as a
browser asks for them, against the 60 KB budget."""

from html.parser import HTMLParser

from bench.environment import daphne
from bench.forum import forum
from bench.load import fetch
from bench.report import Figure

BUDGET = 60 * 1024


class Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "stylesheet" in (attrs.get("rel") or ""):
            self.urls.append(attrs.get("href"))
        elif tag in ("script", "img") and attrs.get("src"):
            self.urls.append(attrs["src"])


def transferred(base, path):
    """Bytes on the wire for the page and everything it loads (each asset once)."""
    headers = {"Accept-Encoding": "gzip"}
    status, _, body = fetch(base, path, headers=headers)
    assert status == 200, (path, status)
    total, html = len(body), fetch(base, path)[2].decode()
    parser = Assets()
    parser.feed(html)
    for url in dict.fromkeys(u for u in parser.urls if u):
        assert url.startswith("/"), f"{path} loads {url} from another host"
        total += len(fetch(base, url, headers=headers)[2])
    return total


def public_pages(size):
    event = forum(size)
    session = event.get_children().live().first()
    return {
        "home": "/",
        "events": "/events/",
        "event": event.url,
        f"programme.{size}": f"{event.url}programme/",
        "session": session.url,
        "search": "/search/?q=session",
        "sign-in": "/accounts/login/",
    }


def run(env, *, quick):
    pages = public_pages(200 if quick else 1000)
    with daphne(env) as base:
        return [
            Figure(
                f"weight.{name}",
                transferred(base, path),
                "bytes",
                BUDGET,
                "budget",
                max_ratio=1,
            )
            for name, path in pages.items()
        ]
