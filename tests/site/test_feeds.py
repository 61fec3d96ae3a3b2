"""The Atom feeds carry their summaries as text, so a reader shows what an editor
typed instead of running it."""

from datetime import timedelta

import pytest
from lxml import etree

from sessions.models import SessionPage
from tests.factories import (
    EventPageFactory,
    RoomFactory,
    SessionPageFactory,
    outcome_page,
    republish,
)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
MARKUP = "<img src=x onerror=alert(1)>"


def summaries(response):
    feed = etree.fromstring(response.content)
    return [
        (summary.get("type"), summary.text, len(summary))
        for summary in feed.iter(f"{ATOM}summary")
    ]


def test_the_outcomes_feed_gives_a_summary_with_markup_as_text(client):
    outcome_page(EventPageFactory(), search_description=f"Key messages {MARKUP}")

    response = client.get("/outcomes/feed.atom")

    assert summaries(response) == [("text", f"Key messages {MARKUP}", 0)]
    assert b"&lt;img src=x onerror=alert(1)&gt;" in response.content


def test_the_changes_feed_gives_a_summary_with_markup_as_text(client):
    event = EventPageFactory()
    session = SessionPageFactory(event=event, room=RoomFactory(name=MARKUP))
    republish(
        session,
        start=session.start + timedelta(hours=1),
        end=session.end + timedelta(hours=1),
        status=SessionPage.Status.SCHEDULED,
    )

    response = client.get(f"{event.url}programme/changes/feed.atom")

    assert [
        (kind, MARKUP in text, children) for kind, text, children in summaries(response)
    ] == [
        ("text", True, 0),
        ("text", True, 0),
    ]
