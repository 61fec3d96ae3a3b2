"""The public pages a visitor reads, reachable from the navigation."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from convening.models import SiteSettings, SiteWords
from participants.models import Registration
from tests.factories import (
    EventPageFactory,
    PersonFactory,
    ProfileFactory,
    SessionPageFactory,
)

pytestmark = pytest.mark.django_db


def test_home_lists_upcoming_events_and_links_to_all_events(client):
    today = timezone.localdate()
    EventPageFactory(
        title="Forum on open knowledge",
        start_date=today + timedelta(days=10),
        end_date=today + timedelta(days=12),
    )
    EventPageFactory(
        title="Last year's forum",
        start_date=today - timedelta(days=400),
        end_date=today - timedelta(days=398),
    )

    html = client.get("/").content.decode()

    assert "Forum on open knowledge" in html
    assert "Last year&#x27;s forum" not in html
    assert 'href="/events/"' in html


def test_events_index_separates_upcoming_and_past(client):
    today = timezone.localdate()
    EventPageFactory(
        title="Running now", start_date=today - timedelta(days=1), end_date=today
    )
    EventPageFactory(
        title="Long ago",
        start_date=today - timedelta(days=30),
        end_date=today - timedelta(days=29),
    )

    html = client.get("/events/").content.decode()

    past = html.index("Past events")
    assert html.index("Running now") < past < html.index("Long ago")


def test_event_page_shows_its_facts_and_links_to_the_programme(client):
    event = EventPageFactory(
        title="Forum on partnerships",
        venue="Kigali",
        online_link="https://example.org/j",
    )
    event.partners.create(name="Knowledge Partnership", role="host")
    event.save_revision().publish()

    html = client.get(event.url).content.decode()

    assert "Forum on partnerships" in html
    assert "Kigali" in html
    assert "Knowledge Partnership (Host)" in html
    assert f'href="{event.url}programme/"' in html


@pytest.mark.parametrize(
    "status, shown",
    [(None, False), ("waiting", False), ("cancelled", False), ("confirmed", True)],
    ids=["visitor", "waiting", "cancelled", "confirmed"],
)
def test_only_confirmed_registrants_see_the_online_link(client, status, shown):
    event = EventPageFactory(online_link="https://example.org/j")
    session = SessionPageFactory(event=event)
    if status:
        profile = ProfileFactory()
        Registration.objects.create(
            event=event, user=profile.user, group=profile.group, status=status
        )
        client.force_login(profile.user)

    pages = [client.get(page.url).content.decode() for page in (event, session)]

    assert ['href="https://example.org/j"' in html for html in pages] == [shown] * 2


def test_session_page_shows_the_issue_note_and_people(client):
    event = EventPageFactory()
    session = SessionPageFactory(
        event=event,
        title="Frameworks for the post-2015 era",
        background="<p>Partnerships rarely share bad news.</p>",
        questions=["Can a framework leave no partnership behind?", "Who pays?"],
    )
    moderator = PersonFactory(name="Mira Santos", organisation="Open Data Institute")
    session.roles.create(person=moderator, role="moderator")
    session.save_revision().publish()

    html = client.get(session.url).content.decode()

    assert "Partnerships rarely share bad news." in html
    assert html.index("Can a framework leave no partnership behind?") < html.index(
        "Who pays?"
    )
    assert "<dt>Moderator</dt>" in html
    assert "Mira Santos, Open Data Institute" in html
    assert "Tuesday 12 May 2031" not in html  # 12 May 2031 is a Monday
    assert "Monday 12 May 2031, 10:00" in html
    assert f'href="{event.url}programme/"' in html


def test_session_page_escapes_text_from_the_admin(client):
    event = EventPageFactory()
    session = SessionPageFactory(
        event=event, questions=["<script>alert(1)</script> Is this safe?"]
    )

    html = client.get(session.url).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Is this safe?" in html


def test_unpublished_session_is_not_found(client):
    session = SessionPageFactory(event=EventPageFactory())
    session.unpublish()

    response = client.get(session.url or f"/events/{session.slug}/")

    assert response.status_code == 404


def test_not_found_page_is_in_the_site_style_with_navigation(client):
    response = client.get("/no-such-page/")

    html = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in html
    assert 'href="/events/"' in html
    assert 'role="search"' in html


def test_server_error_page_is_in_the_site_style_and_logged(client, settings, caplog):
    settings.ROOT_URLCONF = "tests.site.failing_urls"
    client.raise_request_exception = False

    response = client.get("/fail/")

    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert (record.levelname, record.exc_info[1].args) == ("ERROR", ("a bug",))


def test_site_settings_appear_on_every_page_and_refresh_when_saved(client):
    settings_row = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings_row.footer = "Hosted by the Knowledge Partnership."
    settings_row.save()

    html = client.get("/events/").content.decode()

    assert "Hosted by the Knowledge Partnership." in html


def test_the_tagline_and_footer_are_in_the_readers_language_or_english(client):
    settings_row = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings_row.tagline = "Knowledge Forum"
    settings_row.footer = "Hosted by the Knowledge Partnership."
    settings_row.words_in_languages = [
        SiteWords(language="fr", tagline="Forum du savoir")
    ]
    settings_row.save()

    french = client.get("/fr/events/").content.decode()
    spanish = client.get("/es/events/").content.decode()
    english = client.get("/events/").content.decode()

    assert '<a class="brand" href="/fr/">Forum du savoir</a>' in french
    assert "Hosted by the Knowledge Partnership." in french  # no French footer
    assert '<a class="brand" href="/es/">Knowledge Forum</a>' in spanish
    assert "Forum du savoir" not in english


def test_the_site_settings_take_one_row_of_words_per_language(admin_client):
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["convening", "sitesettings", site.pk])
    row = {"tagline": "", "footer": ""}
    data = nested_form_data(
        {
            "tagline": "Knowledge Forum",
            "contact_email": "",
            "footer": "",
            "words_in_languages": inline_formset(
                [
                    {**row, "language": "fr", "tagline": "Forum du savoir"},
                    {**row, "language": "fr", "tagline": "Le forum"},
                ]
            ),
        }
    )

    refused = admin_client.post(url, data)
    data["words_in_languages-1-language"] = "es"
    saved = admin_client.post(url, data)

    assert refused.status_code == 200
    assert "This language has its words in another row." in refused.content.decode()
    assert saved.status_code == 302
    words = SiteSettings.objects.get(site=site).words_in_languages.all()
    assert sorted((w.language, w.tagline) for w in words) == [
        ("es", "Le forum"),
        ("fr", "Forum du savoir"),
    ]


def test_pages_use_no_other_host(client):
    session = SessionPageFactory(event=EventPageFactory())

    for url in ["/", "/events/", session.get_parent().url, session.url]:
        html = client.get(url).content.decode()
        assert 'src="http' not in html
        assert '<link rel="stylesheet" href="/static/' in html
