from datetime import UTC, datetime

import pytest

from tests.factories import EventPageFactory, RoomFactory, SessionPageFactory, theme

pytestmark = pytest.mark.django_db


def test_api_lists_sessions_with_programme_fields(client):
    event = EventPageFactory(title="Forum on partnerships")
    SessionPageFactory(
        event=event,
        title="Open data for the goals",
        start=datetime(2031, 5, 12, 8, 0, tzinfo=UTC),
        room=RoomFactory(name="Room XX"),
        themes=[theme("sdg-17")],
        questions=["Who uses open data?"],
        people=1,
    )

    response = client.get(
        "/api/v2/pages/",
        {
            "type": "programme.SessionPage",
            "fields": "start,end,room_name,theme_names,people,guiding_questions",
        },
    )

    [item] = response.json()["items"]
    assert item["title"] == "Open data for the goals"
    assert item["start"] == "2031-05-12T08:00:00Z"
    assert item["room_name"] == "Room XX"
    assert item["theme_names"] == ["SDG 17: Partnerships for the goals"]
    assert item["guiding_questions"][0]["text"] == "Who uses open data?"
    assert item["people"][0]["role"] == "speaker"


def test_api_shows_events_but_not_drafts(client):
    EventPageFactory(title="Published forum")
    draft = EventPageFactory(title="Draft forum")
    draft.unpublish()

    response = client.get("/api/v2/pages/", {"type": "events.EventPage"})

    assert [i["title"] for i in response.json()["items"]] == ["Published forum"]


def test_api_is_read_only(client):
    response = client.post("/api/v2/pages/", {"title": "Injected"})

    assert response.status_code == 405


JOIN = "https://meet.example.org/forum-2031-join"


@pytest.mark.parametrize(
    "address",
    [
        "/api/v2/pages/?type=events.EventPage&fields=*",
        "/api/v2/pages/{event_pk}/",
        "{event_url}programme.ics",
        "{event_url}schedule.xml",
        "{event_url}schedule.json",
        "{session_url}session.ics",
        "{event_url}programme/changes/feed.atom",
        "{event_url}programme/changes/",
    ],
    ids=[
        "api-list",
        "api-detail",
        "ics",
        "frab-xml",
        "frab-json",
        "session-ics",
        "changes-feed",
        "changes-page",
    ],
)
def test_the_online_link_is_in_no_public_output(client, address):
    event = EventPageFactory(online_link=JOIN)
    session = SessionPageFactory(event=event)

    response = client.get(
        address.format(event_pk=event.pk, event_url=event.url, session_url=session.url)
    )

    text = response.content.decode()
    assert response.status_code == 200
    assert event.title in text or session.title in text
    assert "meet.example.org" not in text
