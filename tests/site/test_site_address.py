"""Every absolute link the site writes comes from SITE_URL: in mails (ours and
allauth's), feeds, calendars, schedules, open data and the API, whatever host a request
came in on; Wagtail's Site record follows it (sync_site)."""

import re
import uuid
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Site

from participants import messaging, services
from tests.factories import (
    EventPageFactory,
    ProfileFactory,
    SessionPageFactory,
    UserFactory,
    outcome_page,
)
from tests.participants.conftest import verified_user

pytestmark = pytest.mark.django_db

SITE = "https://forum.example.org"
URL = re.compile(r"https?://[^\s\"'<>\\]+")
# Addresses of other parties a format names on purpose (schemas, namespaces).
ELSEWHERE = {"www.w3.org", "c3voc.de", "creativecommons.org", "json-schema.org"}


@pytest.fixture
def site_url(settings):
    """SITE_URL set as a deployment sets it, and the deploy step run (sync_site)."""
    # The settings derived from SITE_URL when they load (convening/settings/base.py).
    settings.SITE_URL = settings.WAGTAILAPI_BASE_URL = SITE
    settings.WAGTAILADMIN_BASE_URL = SITE
    call_command("sync_site", stdout=open("/dev/null", "w"))
    return SITE


def foreign_links(text):
    """Links in `text` that are neither the site's nor a named other party's."""
    urls = [url.rstrip(".,;:)") for url in URL.findall(text)]
    return [
        url
        for url in urls
        if not url.startswith(SITE + "/") and url != SITE
        if urlsplit(url).hostname not in ELSEWHERE
    ]


def test_sync_site_points_the_default_site_at_site_url(site_url):
    site = Site.objects.get(is_default_site=True)

    again = call_command("sync_site", stdout=open("/dev/null", "w"))

    assert (site.hostname, site.port, site.root_url) == (
        "forum.example.org",
        443,
        SITE,
    )
    assert again is None


def test_every_public_output_links_to_site_url_whatever_the_host(client, site_url):
    event = EventPageFactory()
    session = SessionPageFactory(event=event)
    outcome = outcome_page(event)
    addresses = [
        f"{event.url}programme.ics",
        f"{event.url}schedule.xml",
        f"{event.url}schedule.json",
        f"{session.url}session.ics",
        f"{event.url}programme/changes/feed.atom",
        "/outcomes/feed.atom",
        f"{outcome.url}outcomes.json",
        f"/api/v2/pages/{event.pk}/",
        "/api/v2/pages/?type=events.EventPage&fields=*",
    ]

    for address in addresses:
        response = client.get(address, headers={"host": "127.0.0.1:8330"})
        text = response.content.decode()
        assert response.status_code == 200, address
        assert SITE + "/" in text, address
        assert foreign_links(text) == [], address


def test_participants_mails_link_to_site_url(
    site_url, admin_user, django_capture_on_commit_callbacks
):
    event = EventPageFactory(
        quotas={"government": 5},
        registration_opens_at=timezone.now() - timedelta(hours=1),
    )
    registration = services.register(ProfileFactory().user, event)
    message = messaging.compose(
        admin_user,
        event,
        token=uuid.uuid4(),
        subject="About {event}",
        body="{event_link}\n{registration_link}",
        audience={"statuses": ["confirmed"]},
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(registration.user, registration)
        again = services.register(ProfileFactory().user, event)
        messaging.send(admin_user, message)

    assert len(mail.outbox) >= 3
    for sent in mail.outbox:
        html = sent.alternatives[0][0]
        calendars = [body for name, body, _ in sent.attachments]
        for text in (sent.body, html, *calendars):
            assert foreign_links(text) == [], sent.subject
    assert f"{SITE}/me/registrations/{again.pk}/" in mail.outbox[-1].body


def test_allauth_mails_name_the_site_and_link_to_site_url(client, site_url):
    Site.objects.filter(is_default_site=True).update(site_name="Knowledge Forum")
    client.post(
        "/accounts/signup/",
        {
            "email": "new@example.org",
            "password1": "a long enough passphrase 42",
            "password2": "a long enough passphrase 42",
        },
        headers={"host": "127.0.0.1:8330"},
    )
    verified_user(email="known@example.org")
    client.post(
        "/accounts/password/reset/",
        {"email": "known@example.org"},
        headers={"host": "127.0.0.1:8330"},
    )

    confirm, reset = mail.outbox
    for sent in (confirm, reset):
        assert sent.subject.startswith("[Knowledge Forum] ")
        assert "127.0.0.1" not in sent.body
        assert foreign_links(sent.body) == []
        assert "Hello from Knowledge Forum!" in sent.body
    assert f"{SITE}/accounts/confirm-email/" in confirm.body
    assert f"{SITE}/accounts/password/reset/key/" in reset.body
    assert "username" not in reset.body


def test_a_user_made_with_a_username_is_not_called_by_it(client, site_url):
    user = UserFactory(username="user_4f2a", email="named@example.org")
    verified_user(email="other@example.org")  # allauth needs a verified address
    user.emailaddress_set.create(email=user.email, verified=True, primary=True)

    client.post("/accounts/password/reset/", {"email": "named@example.org"})

    (reset,) = mail.outbox
    assert "user_4f2a" not in reset.body
