"""Anonymous readers get the programme from the page cache until organisers publish."""

import gzip

import pytest
from django.test import Client

from tests.factories import EventPageFactory, SessionPageFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return EventPageFactory(sessions=3)


def programme(client, event, **headers):
    return client.get(f"{event.url}programme/", headers=headers)


def test_cached_programme_is_served_without_touching_the_database(
    client, event, django_assert_num_queries
):
    first = programme(client, event)

    with django_assert_num_queries(0):
        second = programme(client, event)

    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


def test_publishing_a_session_shows_it_at_once(client, event):
    programme(client, event)

    SessionPageFactory(event=event, title="Late-breaking roundtable")

    assert "Late-breaking roundtable" in programme(client, event).content.decode()


def test_unpublishing_a_session_hides_it_at_once(client, event):
    session = SessionPageFactory(event=event, title="Withdrawn panel")
    assert "Withdrawn panel" in programme(client, event).content.decode()

    session.unpublish()

    assert "Withdrawn panel" not in programme(client, event).content.decode()


def test_renaming_a_room_shows_the_new_name(client, event):
    room = event.get_children().specific().first().room
    programme(client, event)

    room.name = "Salle des Assemblées"
    room.save()

    assert "Salle des Assemblées" in programme(client, event).content.decode()


def test_conditional_request_is_answered_304(client, event):
    etag = programme(client, event)["ETag"]

    response = programme(client, event, if_none_match=etag)

    assert response.status_code == 304
    assert response.content == b""


def test_etag_changes_when_the_programme_changes(client, event):
    etag = programme(client, event)["ETag"]

    SessionPageFactory(event=event, title="Added later")

    assert programme(client, event, if_none_match=etag).status_code == 200


def test_filters_are_cached_apart(client, event):
    everything = programme(client, event).content.decode()
    day = event.start_date.isoformat()

    one_day = client.get(f"{event.url}programme/?day={day}").content.decode()

    assert everything.count('class="session"') == 3
    assert one_day.count('class="session"') == 1


def test_signed_in_reader_never_gets_the_anonymous_copy(client, event):
    programme(client, event)
    client.force_login(UserFactory())

    response = programme(client, event)

    assert "Sign out" in response.content.decode()
    assert "ETag" not in response


def test_signed_in_reader_does_not_fill_the_cache(client, event):
    signed_in = Client()
    signed_in.force_login(UserFactory())
    signed_in.get(f"{event.url}programme/")

    response = programme(client, event)

    assert "Sign out" not in response.content.decode()


def test_deleting_a_session_removes_it_at_once(client, event):
    session = SessionPageFactory(event=event, title="Deleted by mistake")
    assert "Deleted by mistake" in programme(client, event).content.decode()

    session.delete()

    assert "Deleted by mistake" not in programme(client, event).content.decode()


@pytest.mark.parametrize("name", ["programme.ics", "schedule.xml", "schedule.json"])
def test_exports_are_served_from_the_cache_with_their_headers(
    client, event, django_assert_num_queries, name
):
    first = client.get(f"{event.url}{name}")

    with django_assert_num_queries(0):
        second = client.get(f"{event.url}{name}")

    assert second.content == first.content
    for header in ("Content-Type", "Content-Disposition", "Last-Modified", "ETag"):
        assert second[header] == first[header]


def test_cached_export_answers_304_with_its_validators(client, event):
    first = client.get(f"{event.url}programme.ics")

    again = client.get(
        f"{event.url}programme.ics", headers={"if-none-match": first["ETag"]}
    )

    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]


def test_exports_print_the_host_they_were_asked_on(client, event):
    client.get(f"{event.url}programme.ics", headers={"host": "127.0.0.1"})

    other = client.get(f"{event.url}programme.ics", headers={"host": "localhost"})

    assert "http://localhost/" in other.content.decode()
    assert "http://127.0.0.1/" not in other.content.decode()


def test_cached_page_is_compressed_once_for_browsers_that_accept_gzip(client, event):
    plain = programme(client, event)
    gzip_headers = {"accept-encoding": "gzip, deflate"}

    first = programme(client, event, **gzip_headers)
    second = programme(client, event, **gzip_headers)

    assert first["Content-Encoding"] == second["Content-Encoding"] == "gzip"
    assert gzip.decompress(second.content) == plain.content
    assert len(second.content) < len(plain.content) / 3
    assert "Accept-Encoding" in second["Vary"]
    revalidated = programme(client, event, **gzip_headers, if_none_match=second["ETag"])
    assert revalidated.status_code == 304
