"""Our Atom feeds read by feedparser (the parser behind many feed readers), and checked
against the rules the W3C feed validator applies (RFC 4287): an author, a self link to
the feed's own address, ids that do not depend on the host a reader used, and entry
titles that say which event they are about."""

import feedparser
import pytest
from django.utils import timezone
from lxml import etree

from sessions.models import SessionPage
from tests.factories import EventPageFactory, SessionPageFactory, outcome_page

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def feeds(settings):
    """The changes feeds of two events and the outcomes feed, each with entries."""
    settings.SITE_URL = "https://forum.example.org"
    addresses = []
    for title in ["Forum on knowledge sharing", "Workshop on open data"]:
        event = EventPageFactory(title=title, start_date=timezone.localdate())
        session = SessionPageFactory(event=event, title="Small grants, big lessons")
        session.status = SessionPage.Status.CANCELLED
        session.save_revision().publish()
        addresses.append((f"{event.url}programme/changes/feed.atom", title))
    outcome_page(event)
    addresses.append(("/outcomes/feed.atom", "Workshop on open data"))
    return addresses


def test_feedparser_reads_each_feed_with_its_author_and_self_link(client, feeds):
    for address, event_title in feeds:
        body = client.get(address).content

        parsed = feedparser.parse(body)

        assert parsed.bozo == 0, (address, parsed.get("bozo_exception"))
        assert parsed.feed.author_detail.name, address
        self_links = [k.href for k in parsed.feed.links if k.rel == "self"]
        assert self_links == [f"https://forum.example.org{address}"], address
        assert parsed.entries, address
        for entry in parsed.entries:
            assert event_title in entry.title, (address, entry.title)


def test_each_feed_keeps_the_w3c_rules(client, feeds):
    for address, _ in feeds:
        root = etree.fromstring(client.get(address).content)

        for tag in ("id", "title", "updated", "author"):
            assert root.find(f"{ATOM}{tag}") is not None, (address, tag)
        assert root.find(f"{ATOM}author/{ATOM}name").text
        for entry in root.iter(f"{ATOM}entry"):
            for tag in ("id", "title", "updated"):
                assert entry.find(f"{ATOM}{tag}") is not None, (address, tag)
            links = entry.findall(f"{ATOM}link")
            assert any(k.get("rel", "alternate") == "alternate" for k in links)


def test_feed_ids_do_not_depend_on_the_host_asked(client, feeds):
    for address, _ in feeds:
        ids = {
            etree.fromstring(client.get(address, headers={"host": host}).content)
            .find(f"{ATOM}id")
            .text
            for host in ("127.0.0.1", "localhost")
        }

        assert len(ids) == 1, address
