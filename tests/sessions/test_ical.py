from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest
from django.conf import settings

from sessions.models import SessionPage, SessionRole
from tests.factories import (
    EventPageFactory,
    RoomFactory,
    SessionPageFactory,
    republish,
    theme,
)

pytestmark = pytest.mark.django_db


def parse(response):
    return icalendar.Calendar.from_ical(response.content)


def events_by_summary(calendar):
    return {str(item["SUMMARY"]): item for item in calendar.walk("VEVENT")}


@pytest.fixture
def event():
    return EventPageFactory(
        slug="ksd2031",
        venue="Geneva",
        start_date=date(2031, 5, 12),
        end_date=date(2031, 5, 14),
    )


def test_programme_ics_carries_each_session_s_fields(client, event):
    room = RoomFactory(name="Room XVII", venue="Palais des Nations")
    session = SessionPageFactory(
        event=event,
        title="Mapping partnerships",
        start=datetime(2031, 5, 12, 11, 0, tzinfo=event.tzinfo),
        room=room,
        track="Practice",
        format=SessionPage.Format.WORKSHOP,
        themes=[theme("sdg-4")],
        people=1,
    )
    speaker = SessionRole.objects.get(session=session).person

    response = client.get(f"{event.url}programme.ics")

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="ksd2031.ics"'
    calendar = parse(response)
    assert str(calendar["NAME"]) == event.title
    assert str(calendar["X-WR-CALNAME"]) == event.title
    assert calendar["REFRESH-INTERVAL"].dt == timedelta(hours=1)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Zurich"]
    item = events_by_summary(calendar)["Mapping partnerships"]
    assert item.start == datetime(2031, 5, 12, 11, 0, tzinfo=event.tzinfo)
    assert item.start.astimezone(UTC) == datetime(2031, 5, 12, 9, 0, tzinfo=UTC)
    assert item["DTSTART"].params["TZID"] == "Europe/Zurich"
    assert item.end - item.start == timedelta(minutes=90)
    assert str(item["LOCATION"]) == "Room XVII, Palais des Nations"
    assert str(item["URL"]) == f"{settings.SITE_URL}{session.url}"
    assert str(item["DESCRIPTION"]).startswith(f"Workshop with {speaker.name}")
    assert str(item["DESCRIPTION"]).endswith(f"{settings.SITE_URL}{session.url}")
    assert [str(c) for c in item.categories] == ["Practice", str(theme("sdg-4"))]
    assert item["STATUS"] == "CONFIRMED"
    assert item["SEQUENCE"] == 0
    assert item["DTSTAMP"].dt == item["LAST-MODIFIED"].dt
    assert item["UID"].endswith("@127.0.0.1")  # the host of SITE_URL


def test_times_stay_right_across_the_spring_and_autumn_clock_changes(client):
    # Zurich changes clocks on the last Sundays of March and October 2031.
    event = EventPageFactory(start_date=date(2031, 3, 29), end_date=date(2031, 10, 27))
    zurich = event.tzinfo
    for title, start, end in [
        ("Saturday before", datetime(2031, 3, 29, 10), datetime(2031, 3, 29, 11)),
        ("Sunday after", datetime(2031, 3, 30, 10), datetime(2031, 3, 30, 11)),
        (
            "Across the spring change",
            datetime(2031, 3, 30, 1),
            datetime(2031, 3, 30, 4),
        ),
        (
            "Across the autumn change",
            datetime(2031, 10, 26, 1),
            datetime(2031, 10, 26, 4),
        ),
    ]:
        SessionPageFactory(
            event=event,
            title=title,
            start=start.replace(tzinfo=zurich),
            end=end.replace(tzinfo=zurich),
        )

    items = events_by_summary(parse(client.get(f"{event.url}programme.ics")))

    def utc(title):
        return items[title].start.astimezone(UTC).hour

    assert utc("Saturday before") == 9  # CET, UTC+1
    assert utc("Sunday after") == 8  # CEST, UTC+2
    spring, autumn = (
        items["Across the spring change"],
        items["Across the autumn change"],
    )
    # Three hours on the wall clock, two (spring) or four (autumn) in reality.
    assert spring.end.astimezone(UTC) - spring.start.astimezone(UTC) == timedelta(
        hours=2
    )
    assert autumn.end.astimezone(UTC) - autumn.start.astimezone(UTC) == timedelta(
        hours=4
    )


def test_uid_stays_and_sequence_rises_when_a_session_moves_and_is_renamed(
    client, event
):
    session = SessionPageFactory(event=event, title="Opening")
    # Published a while ago: LAST-MODIFIED counts whole seconds.
    SessionPage.objects.filter(pk=session.pk).update(
        last_published_at=datetime(2026, 1, 5, tzinfo=UTC)
    )
    first = events_by_summary(parse(client.get(f"{event.url}programme.ics")))["Opening"]

    republish(
        session,
        start=session.start + timedelta(hours=2),
        end=session.end + timedelta(hours=2),
    )
    republish(session, title="Opening plenary")

    later = events_by_summary(parse(client.get(f"{event.url}programme.ics")))
    moved = later["Opening plenary"]
    assert moved["UID"] == first["UID"]
    assert (first["SEQUENCE"], moved["SEQUENCE"]) == (0, 2)
    assert moved["LAST-MODIFIED"].dt > first["LAST-MODIFIED"].dt
    assert moved.start - first.start == timedelta(hours=2)


def test_a_cancelled_session_stays_in_the_feed_as_cancelled(client, event):
    session = SessionPageFactory(event=event, title="Closing plenary")

    republish(session, status=SessionPage.Status.CANCELLED)

    items = events_by_summary(parse(client.get(f"{event.url}programme.ics")))
    assert items["Closing plenary"]["STATUS"] == "CANCELLED"
    assert items["Closing plenary"]["SEQUENCE"] == 1


def test_session_ics_holds_the_one_session(client, event):
    session = SessionPageFactory(event=event, title="Side event", slug="side-event")
    SessionPageFactory(event=event, title="Another")

    response = client.get(f"{session.url}session.ics")

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="side-event.ics"'
    assert list(events_by_summary(parse(response))) == ["Side event"]


def test_session_page_and_programme_rows_link_to_the_session_calendar(client, event):
    session = SessionPageFactory(event=event, title="Side event")

    page = client.get(session.url).content.decode()
    programme = client.get(f"{event.url}programme/").content.decode()

    link = f'<a href="{session.url}session.ics">Add to calendar'
    assert f"{link}</a>" in page
    # Among many, each link names its session to a screen reader.
    assert f'{link}<span class="visually-hidden">: Side event</span></a>' in programme
    assert f'<a href="{event.url}programme.ics">' in programme


@pytest.mark.parametrize(
    "path",
    ["programme.ics", "schedule.xml", "schedule.json", "programme/changes/feed.atom"],
)
def test_unchanged_feeds_answer_304(client, event, path):
    session = SessionPageFactory(event=event)
    first = client.get(f"{event.url}{path}")

    by_etag = client.get(f"{event.url}{path}", HTTP_IF_NONE_MATCH=first["ETag"])
    by_date = client.get(
        f"{event.url}{path}", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]
    )
    republish(
        session,
        start=session.start + timedelta(hours=1),
        end=session.end + timedelta(hours=1),
    )
    after_change = client.get(f"{event.url}{path}", HTTP_IF_NONE_MATCH=first["ETag"])

    assert (first.status_code, by_etag.status_code, by_date.status_code) == (
        200,
        304,
        304,
    )
    assert by_etag.content == b""
    assert by_etag["ETag"] == first["ETag"]
    assert after_change.status_code == 200
    assert after_change["ETag"] != first["ETag"]


def test_session_ics_answers_304(client, event):
    session = SessionPageFactory(event=event)
    first = client.get(f"{session.url}session.ics")

    again = client.get(f"{session.url}session.ics", HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304


@pytest.mark.parametrize("size", [20, 200])
def test_programme_ics_queries_stay_flat(client, django_assert_max_num_queries, size):
    event = EventPageFactory(sessions=size)
    client.get(f"{event.url}programme.ics")  # warm per-process caches (site roots)

    # Wagtail routing (site, pages, restrictions) takes 8; the feed reads 4.
    with django_assert_max_num_queries(12):
        response = client.get(f"{event.url}programme.ics")

    assert len(parse(response).walk("VEVENT")) == size


def test_a_publish_renders_again_only_the_sessions_that_changed(
    client, event, monkeypatch
):
    from sessions.exporters import ical

    sessions = [
        SessionPageFactory(event=event, title=f"Session {n}", people=1)
        for n in range(3)
    ]
    rendered = []
    render = ical.vevent
    monkeypatch.setattr(
        ical, "vevent", lambda fields: rendered.append(fields[5]) or render(fields)
    )
    client.get(f"{event.url}programme.ics")
    assert sorted(rendered) == ["Session 0", "Session 1", "Session 2"]

    rendered.clear()
    republish(sessions[1], title="Opening plenary")
    calendar = parse(client.get(f"{event.url}programme.ics"))

    assert rendered == ["Opening plenary"]
    assert sorted(events_by_summary(calendar)) == [
        "Opening plenary",
        "Session 0",
        "Session 2",
    ]


def test_a_renamed_speaker_shows_in_the_feed_without_a_new_session_revision(
    client, event
):
    session = SessionPageFactory(event=event, title="Open data", people=1)
    client.get(f"{event.url}programme.ics")
    person = SessionRole.objects.get(session=session).person
    person.name = "Dr Amina Diallo"
    person.save()

    item = events_by_summary(parse(client.get(f"{event.url}programme.ics")))
    assert "with Dr Amina Diallo" in str(item["Open data"]["DESCRIPTION"])
