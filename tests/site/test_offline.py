"""What the offline copy's worker is told by the server: whose pages a response
belongs to, and which pages may be kept."""

import pytest
from django.urls import reverse

from sessions import agenda
from tests.factories import EventPageFactory, SessionPageFactory, UserFactory

pytestmark = pytest.mark.django_db
KEEP = '<meta name="offline-copy" content="keep">'


def test_anonymous_pages_are_public_cached_or_not(client):
    event = EventPageFactory()
    programme = f"{event.url}programme/"

    fresh = client.get(programme)
    cached = client.get(programme)  # from the page cache, before any middleware

    assert fresh["X-Offline-Scope"] == cached["X-Offline-Scope"] == "public"
    assert KEEP in cached.content.decode()


def test_each_signed_in_reader_has_a_scope_of_their_own_that_hides_their_id(client):
    first, second = UserFactory(), UserFactory()
    scopes = []
    for user in (first, second, first):
        client.force_login(user)
        scopes.append(client.get("/")["X-Offline-Scope"])

    assert scopes[0] == scopes[2] != scopes[1]
    assert "public" not in scopes
    assert str(first.pk) != scopes[0] and len(scopes[0]) == 24


def test_the_programme_sessions_and_agenda_may_be_kept_private_pages_not(client):
    event = EventPageFactory()
    session = SessionPageFactory(event=event)
    user = UserFactory()
    agenda.add(user, session)
    client.force_login(user)

    kept = {
        path: KEEP in client.get(path).content.decode()
        for path in [
            event.url,
            f"{event.url}programme/",
            session.url,
            reverse("agenda"),
            reverse("participants:registrations"),
            reverse("participants:profile"),
            reverse("participants:my_data"),
            "/",
        ]
    }

    assert [path for path, keep in kept.items() if keep] == [
        event.url,
        f"{event.url}programme/",
        session.url,
        reverse("agenda"),
    ]
    agenda_page = client.get(reverse("agenda")).content.decode()
    assert f'<a href="{session.url}" data-offline>' in agenda_page  # kept with it


def test_the_worker_is_served_from_the_root_and_never_cached_stale(client):
    response = client.get("/sw.js")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Cache-Control"] == "no-cache"
    assert KEEP in response.content.decode()  # the mark it looks for
