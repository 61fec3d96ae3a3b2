from datetime import datetime

import pytest

from sessions.models import SessionPage
from sessions.programme import build_programme
from tests.factories import (
    EventPageFactory,
    RoomFactory,
    SessionPageFactory,
    language,
    theme,
)
from toolkit import page_cache

pytestmark = pytest.mark.django_db


def titles(response):
    html = response.content.decode()
    return [s.title for s in SessionPage.objects.order_by("title") if s.title in html]


@pytest.mark.parametrize("size", [10, 200])
def test_programme_queries_stay_flat(client, django_assert_max_num_queries, size):
    event = EventPageFactory(sessions=size)
    client.get(f"{event.url}programme/")  # warm per-process caches (content types)
    page_cache.invalidate()  # measure a render, not the page cache

    with django_assert_max_num_queries(12):
        response = client.get(f"{event.url}programme/")

    assert response.content.decode().count('class="session"') == size


@pytest.fixture
def programme_event():
    """Two days in Nairobi, four sessions that differ in every filter."""
    event = EventPageFactory(
        time_zone="Africa/Nairobi",
        start_date=datetime(2031, 3, 3).date(),
        end_date=datetime(2031, 3, 4).date(),
    )
    plenary_hall, room_b = RoomFactory(name="Plenary Hall"), RoomFactory(name="Room B")

    def at(day, hour):
        return datetime(2031, 3, day, hour, tzinfo=event.tzinfo)

    SessionPageFactory(
        event=event,
        title="Opening plenary",
        start=at(3, 9),
        room=plenary_hall,
        format=SessionPage.Format.PLENARY,
        track="Main",
        themes=[theme("sdg-17")],
        languages=[language("en"), language("fr")],
    )
    SessionPageFactory(
        event=event,
        title="Mapping partnerships",
        start=at(3, 11),
        room=room_b,
        format=SessionPage.Format.WORKSHOP,
        track="Practice",
        themes=[theme("sdg-4")],
        languages=[language("en")],
    )
    SessionPageFactory(
        event=event,
        title="Frameworks after 2015",
        start=at(4, 9),
        room=room_b,
        format=SessionPage.Format.ROUNDTABLE,
        track="Policy",
        themes=[theme("wsis-c11")],
        languages=[language("fr")],
    )
    SessionPageFactory(
        event=event,
        title="Closing plenary",
        start=at(4, 16),
        room=plenary_hall,
        format=SessionPage.Format.PLENARY,
        track="Main",
        status=SessionPage.Status.CANCELLED,
    )
    return event


def test_programme_groups_by_day_in_the_event_time_zone(client, programme_event):
    response = client.get(f"{programme_event.url}programme/")

    html = response.content.decode()
    assert html.index("Monday 3 March 2031") < html.index("Opening plenary")
    assert html.index("Mapping partnerships") < html.index("Tuesday 4 March 2031")
    assert html.index("Tuesday 4 March 2031") < html.index("Frameworks after 2015")
    # 09:00 in Nairobi is 06:00 UTC: the page shows local time.
    assert "09:00–10:30 · Plenary Hall · Plenary · Main</p>" in html
    assert "Languages: English, French." in html  # no floor language named


def test_programme_marks_a_cancelled_session(client, programme_event):
    response = client.get(f"{programme_event.url}programme/")

    html = response.content.decode()
    row = html[html.index("Closing plenary") - 200 :]
    assert '<li class="session cancelled">' in row
    assert "Cancelled" in row[:400]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("day=2031-03-04", ["Closing plenary", "Frameworks after 2015"]),
        ("track=Practice", ["Mapping partnerships"]),
        ("theme=sdg-17", ["Opening plenary"]),
        ("format=plenary", ["Closing plenary", "Opening plenary"]),
        ("language=fr", ["Frameworks after 2015", "Opening plenary"]),
        ("format=plenary&day=2031-03-03", ["Opening plenary"]),
    ],
    ids=["day", "track", "theme", "format", "language", "two-filters"],
)
def test_programme_filters_without_javascript(client, programme_event, query, expected):
    response = client.get(f"{programme_event.url}programme/?{query}")

    assert titles(response) == expected
    assert f"{len(expected)} of 4 sessions match." in response.content.decode()


def test_programme_filters_by_room(client, programme_event):
    room = programme_event.get_children().specific().first().room

    response = client.get(f"{programme_event.url}programme/?room={room.pk}")

    assert titles(response) == ["Closing plenary", "Opening plenary"]


def test_programme_reports_an_unknown_filter_value_and_shows_all(
    client, programme_event
):
    response = client.get(f"{programme_event.url}programme/?track=Nonexistent")

    html = response.content.decode()
    assert "That track is not in this programme; showing all." in html
    assert len(titles(response)) == 4


def test_programme_filter_choices_come_from_the_sessions(client, programme_event):
    response = client.get(f"{programme_event.url}programme/")

    form = response.context["form"]
    assert [label for _, label in form.fields["room"].choices] == [
        "All",
        "Plenary Hall",
        "Room B",
    ]
    assert [value for value, _ in form.fields["track"].choices] == [
        "",
        "Main",
        "Policy",
        "Practice",
    ]


def test_now_and_next_shows_running_and_following_sessions(programme_event):
    now = datetime(2031, 3, 3, 9, 30, tzinfo=programme_event.tzinfo)

    programme = build_programme(programme_event, {}, now=now)

    assert [s.title for s in programme["now"]] == ["Opening plenary"]
    assert [s.title for s in programme["next"]] == ["Mapping partnerships"]


def test_now_and_next_is_hidden_outside_the_event(programme_event):
    before = datetime(2031, 3, 1, 9, 30, tzinfo=programme_event.tzinfo)

    programme = build_programme(programme_event, {}, now=before)

    assert (programme["now"], programme["next"]) == ([], [])


def test_programme_hides_unpublished_sessions(client, programme_event):
    draft = programme_event.get_children().get(title="Mapping partnerships")
    draft.unpublish()

    response = client.get(f"{programme_event.url}programme/")

    assert "Mapping partnerships" not in titles(response)
    assert len(titles(response)) == 3
