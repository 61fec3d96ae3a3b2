"""The admin's live preview frames the site's own page; nothing else may frame it."""

import pytest

from tests.factories import EventPageFactory, SessionPageFactory, UserFactory
from tests.sessions.test_admin import session_form

pytestmark = pytest.mark.django_db


def directives(response):
    policy = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in policy.split(";") if part)


def test_a_preview_may_be_framed_by_the_site_and_a_public_page_by_nobody(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    session = SessionPageFactory(event=EventPageFactory(), title="Open data")
    preview = f"/admin/pages/{session.pk}/edit/preview/"
    form = session_form(title="Open data, trusted", slug=session.slug)
    del form["action-publish"]
    assert client.post(preview, form).json()["is_valid"]

    framed = client.get(f"{preview}?in_preview_panel=true")
    public = client.get(session.url)

    assert "Open data, trusted" in framed.content.decode()
    assert directives(framed)["frame-ancestors"] == "'self'"
    assert framed["X-Frame-Options"] == "SAMEORIGIN"
    assert directives(framed)["script-src"] == "'self'"  # the rest of the policy holds
    assert directives(public)["frame-ancestors"] == "'none'"
    assert public["X-Frame-Options"] == "DENY"
