"""Anonymous readers get the programme from the page cache until organisers publish."""

import gzip
import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from tests.factories import EventPageFactory, SessionPageFactory, UserFactory
from tests.servers import servers_database_url
from toolkit import page_cache

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


def test_exports_name_the_site_address_whatever_host_was_asked(client, event, settings):
    settings.SITE_URL = "https://forum.example.org"
    first = client.get(f"{event.url}programme.ics", headers={"host": "127.0.0.1"})

    other = client.get(f"{event.url}programme.ics", headers={"host": "localhost"})

    for response in (first, other):
        body = response.content.decode()
        assert f"https://forum.example.org{event.url}" in body
        assert "http://localhost" not in body and "http://127.0.0.1" not in body


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


# A programme or a file that stops being public leaves the cache at once --------------

PROGRAMME_AND_FILES = ["programme/", "programme.ics", "schedule.xml", "schedule.json"]


def read(client, event, name):
    return client.get(f"{event.url}{name}").content.decode()


@pytest.mark.parametrize("name", PROGRAMME_AND_FILES)
@pytest.mark.parametrize(
    "restriction",
    [
        {"restriction_type": PageViewRestriction.PASSWORD, "password": "delegates"},
        {"restriction_type": PageViewRestriction.LOGIN},
    ],
    ids=["password", "login"],
)
@pytest.mark.parametrize("restricted", ["session", "event"])
def test_a_page_made_private_leaves_the_cached_programme_and_files(
    client, event, name, restriction, restricted
):
    session = SessionPageFactory(event=event, title="Closed-door briefing")
    assert "Closed-door briefing" in read(client, event, name)

    PageViewRestriction.objects.create(
        page=session if restricted == "session" else event, **restriction
    )

    assert "Closed-door briefing" not in read(client, event, name)


def test_lifting_a_restriction_shows_the_session_at_once(client, event):
    session = SessionPageFactory(event=event, title="Briefing, now open")
    restriction = PageViewRestriction.objects.create(
        page=session, restriction_type=PageViewRestriction.LOGIN
    )
    assert "Briefing, now open" not in read(client, event, "programme/")

    restriction.delete()

    assert "Briefing, now open" in read(client, event, "programme/")


def expire(page):
    """Schedules `page` to be unpublished a minute ago, as the admin's expiry date."""
    Page.objects.filter(pk=page.pk).update(
        expire_at=timezone.now() - timedelta(minutes=1)
    )


@pytest.mark.parametrize("name", PROGRAMME_AND_FILES)
def test_scheduled_unpublishing_takes_the_session_out_of_the_cache(client, event, name):
    session = SessionPageFactory(event=event, title="Expiring roundtable")
    assert "Expiring roundtable" in read(client, event, name)
    expire(session)

    call_command("publish_scheduled")

    assert "Expiring roundtable" not in read(client, event, name)


def run_manage(*arguments):
    """A manage.py command in a process of its own, on this test's database and caches
    (as cron or an organiser's shell runs it beside the server)."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "convening.settings.test",
        "DATABASE_URL": servers_database_url(),
    }
    subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=settings.BASE_DIR,
        env=environment,
        check=True,
        capture_output=True,
        timeout=120,
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("change", ["publish_scheduled", "restriction"])
def test_a_change_made_by_another_process_ends_this_ones_copies(client, change):
    event = EventPageFactory(sessions=2)
    session = SessionPageFactory(event=event, title="Briefing seen twice")
    assert "Briefing seen twice" in read(client, event, "programme/")
    assert "Briefing seen twice" in read(client, event, "programme.ics")

    if change == "publish_scheduled":
        expire(session)
        run_manage("publish_scheduled")
    else:
        run_manage(
            "shell",
            "-c",
            "from wagtail.models import PageViewRestriction as R; "
            f"R.objects.create(page_id={session.pk}, restriction_type=R.LOGIN)",
        )

    assert "Briefing seen twice" not in read(client, event, "programme/")
    assert "Briefing seen twice" not in read(client, event, "programme.ics")


def test_a_restriction_ends_the_copies_again_when_it_commits(
    client, event, django_capture_on_commit_callbacks
):
    session = SessionPageFactory(event=event, title="Closed-door briefing")
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=session, restriction_type=PageViewRestriction.LOGIN
        )
        # A reader on another connection still sees the session until the commit;
        # what they store now belongs to this generation.
        before_commit = page_cache.generation()

    assert page_cache.generation() != before_commit
