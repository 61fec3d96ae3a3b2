"""Content in several languages: a page translated with wagtail-localize is read in
its translation under that language's prefix; a page without one is read in English
and says so; and whatever the language, a reader acts on the one English page (its
seats, its questions), which the English site lists once."""

from datetime import timedelta
from importlib import import_module
from uuid import uuid4

import pytest
from django.apps import apps as django_apps
from django.utils import timezone, translation
from wagtail.models import Locale, Page

from convening.outcomes.models import KeyMessage, Recommendation
from events.models import EventIndexPage
from participants.models import Registration
from sessions.models import GuidingQuestion, SessionPage
from tests.factories import (
    EventPageFactory,
    ProfileFactory,
    SessionPageFactory,
    outcome_page,
    report_page,
)
from tests.races import needs_postgresql
from toolkit.page_languages import in_reading_language
from toolkit.translation_memory import translate

pytestmark = pytest.mark.django_db

NOTICE = "Cette page n’est pas encore traduite en français."


@pytest.fixture
def event():
    return EventPageFactory(
        title="Forum on knowledge sharing",
        slug="forum",
        summary="Three days on knowledge sharing.",
    )


@pytest.fixture
def session(event):
    return SessionPageFactory(
        event=event,
        title="Community archives",
        summary="How communities keep their own records.",
    )


def french(page, words):
    return translate(page, "fr", words)


def test_a_translated_session_is_read_in_french_under_fr(client, session):
    english_url = session.url
    french(
        session,
        {
            "Community archives": "Archives communautaires",
            "How communities keep their own records.": (
                "Comment les communautés tiennent leurs propres registres."
            ),
        },
    )

    page = client.get(f"/fr{english_url}").content.decode()
    english = client.get(english_url).content.decode()

    assert "<h1>Archives communautaires" in page
    assert "Comment les communautés tiennent leurs propres registres." in page
    assert NOTICE not in page
    assert "<h1>Community archives" in english
    assert "Archives communautaires" not in english


def test_an_untranslated_page_is_read_in_english_and_says_so(client, session):
    url = session.url

    page = client.get(f"/fr{url}").content.decode()
    english = client.get(url).content.decode()

    assert "<h1>Community archives" in page
    assert NOTICE in page
    assert '<html lang="fr" dir="ltr">' in page  # the interface is French
    assert "not translated" not in english and NOTICE not in english


def test_the_programme_and_events_in_french_show_translated_titles_once(
    client, event, session
):
    other = SessionPageFactory(event=event, title="Open data in practice")
    programme, index = f"/fr{event.url}programme/", "/fr/events/"
    english_programme = f"{event.url}programme/"
    french(session, {"Community archives": "Archives communautaires"})
    french(event, {"Forum on knowledge sharing": "Forum sur le partage des savoirs"})

    page = client.get(programme).content.decode()
    events = client.get(index).content.decode()
    english = client.get(english_programme).content.decode()

    assert "Archives communautaires" in page and other.title in page
    assert page.count(">Archives communautaires</a>") == 1
    assert events.count(">Forum sur le partage des savoirs</a>") == 1
    assert english.count(">Community archives</a>") == 1
    assert "Archives communautaires" not in english


def test_registering_in_french_takes_a_seat_of_the_one_event(client):
    event = EventPageFactory(
        title="Forum on knowledge sharing",
        registration_opens_at=timezone.now() - timedelta(hours=1),
        quotas={"government": 1},
    )
    french(event, {"Forum on knowledge sharing": "Forum sur le partage des savoirs"})
    first, second = (ProfileFactory(group_slug="government") for _ in range(2))
    url = f"/fr{event.url}register/"

    for person in (first, second):
        client.force_login(person.user)
        client.post(
            url, {"mode": "in_person", "group": person.group_id, "token": uuid4()}
        )

    statuses = list(
        Registration.objects.order_by("pk").values_list("event_id", "status")
    )
    assert statuses == [(event.pk, "confirmed"), (event.pk, "waiting")]


def test_exports_in_french_carry_the_translated_titles(client, event, session):
    ics, schedule = f"/fr{event.url}programme.ics", f"/fr{event.url}schedule.json"
    english = f"{event.url}programme.ics"
    french(session, {"Community archives": "Archives communautaires"})

    calendar = client.get(ics).content.decode()
    frab = client.get(schedule).json()
    english_calendar = client.get(english).content.decode()

    assert "SUMMARY:Archives communautaires" in calendar
    (room,) = frab["schedule"]["conference"]["days"][0]["rooms"].values()
    assert [talk["title"] for talk in room] == ["Archives communautaires"]
    assert "SUMMARY:Community archives" in english_calendar
    assert english_calendar.count("BEGIN:VEVENT") == calendar.count("BEGIN:VEVENT")


def test_publishing_a_translation_ends_the_cached_french_page(client, session):
    url = f"/fr{session.url}"
    before = client.get(url).content.decode()  # anonymous: cached

    french(session, {"Community archives": "Archives communautaires"})
    after = client.get(url).content.decode()

    assert NOTICE in before
    assert "<h1>Archives communautaires" in after and NOTICE not in after


def test_a_page_wearing_a_translations_words_is_never_saved(session):
    french(session, {"Community archives": "Archives communautaires"})
    shown = SessionPage.objects.get(pk=session.pk)

    with translation.override("fr"):
        in_reading_language([shown])

    assert shown.title == "Archives communautaires"
    with pytest.raises(RuntimeError):
        shown.save()
    assert SessionPage.objects.get(pk=session.pk).title == "Community archives"


def test_links_in_a_french_page_stay_in_french(client, session):
    url = session.url
    page = client.get(f"/fr{url}").content.decode()

    assert f'href="/fr{url}session.ics"' in page
    assert 'href="/fr/events/forum/programme/"' in page


def test_an_organiser_starts_a_translation_in_the_admin(client, admin_user, session):
    client.force_login(admin_user)
    french_locale = Locale.objects.get(language_code="fr")

    response = client.post(
        f"/admin/localize/submit/page/{session.pk}/",
        {"locales": [french_locale.pk]},
    )
    draft = SessionPage.objects.get(
        translation_key=session.translation_key, locale=french_locale
    )
    editor = client.get(f"/admin/pages/{draft.pk}/edit/")
    reader = client.get(f"/fr{session.url}").content.decode()

    assert response.status_code == 302
    assert editor.status_code == 200 and b"Community archives" in editor.content
    assert NOTICE in reader  # a translation not yet published is not shown


def test_search_in_french_finds_a_session_by_its_french_words(client, event, session):
    other = SessionPageFactory(event=event, title="Open data")
    url, other_url = session.url, other.url
    french(session, {"Community archives": "Archives communautaires"})

    found = client.get("/fr/search/", {"q": "communautaires"}).content.decode()
    untranslated = client.get("/fr/search/", {"q": "open data"}).content.decode()
    english = client.get("/search/", {"q": "communautaires"}).content.decode()
    in_english = client.get("/search/", {"q": "community archives"}).content.decode()

    assert f'<a href="/fr{url}">Archives communautaires</a>' in found
    assert f'<a href="/fr{other_url}">Open data</a>' in untranslated
    assert "Archives communautaires" not in english
    assert in_english.count(">Community archives</a>") == 1


def test_the_outcome_and_its_open_data_in_french(client, event):
    outcome = outcome_page(
        event,
        key_messages=[KeyMessage(text="Share what works.")],
        recommendations=[Recommendation(text="Fund local archives.")],
    )
    url = outcome.url
    french(
        outcome,
        {
            "Outcome summary": "Synthèse des résultats",
            "We agreed on a few things.": "Nous sommes convenus de quelques points.",
            "Share what works.": "Partager ce qui marche.",
            "Fund local archives.": "Financer les archives locales.",
        },
    )

    page = client.get(f"/fr{url}").content.decode()
    data = client.get(f"/fr{url}outcomes.json").json()
    english = client.get(f"{url}outcomes.json").json()

    assert "<h1>Synthèse des résultats" in page
    assert "Nous sommes convenus de quelques points." in page
    assert "Partager ce qui marche." in page and "Financer les archives" in page
    assert data["key_messages"] == ["Partager ce qui marche."]
    assert data["recommendations"][0]["text"] == "Financer les archives locales."
    assert data["url"].endswith(f"/fr{url}")
    assert english["key_messages"] == ["Share what works."]
    assert KeyMessage.objects.filter(outcome=outcome).count() == 1


def test_a_sessions_guiding_questions_and_its_reports_takeaways_in_french(
    client, event
):
    session = SessionPageFactory(
        event=event, title="Community archives", questions=["Who keeps the keys?"]
    )
    report = report_page(session, takeaways=["Archives need funding."])
    session_url, report_url = session.url, report.url
    french(session, {"Who keeps the keys?": "Qui garde les clés ?"})
    french(report, {"Archives need funding.": "Les archives ont besoin de fonds."})

    page = client.get(f"/fr{session_url}").content.decode()
    report_in_french = client.get(f"/fr{report_url}").content.decode()
    english = client.get(session_url).content.decode()

    assert "Qui garde les clés ?" in page
    assert "Les archives ont besoin de fonds." in report_in_french
    assert "Who keeps the keys?" in english and "Qui garde" not in english


def test_a_translated_row_stays_the_sources_row(session):
    """A question asked about a guiding question in French refers to the English
    row, which every language shares."""
    session.guiding_questions = [GuidingQuestion(text="Who keeps the keys?")]
    session.save_revision().publish()
    english_row = GuidingQuestion.objects.get(session=session)
    french(session, {"Who keeps the keys?": "Qui garde les clés ?"})

    with translation.override("fr"):
        (read,) = in_reading_language(
            [SessionPage.objects.get(pk=session.pk)], rows=True
        )
    (shown,) = read.guiding_questions.all()

    assert (shown.pk, shown.text) == (english_row.pk, "Qui garde les clés ?")
    assert GuidingQuestion.objects.get(pk=english_row.pk).text == "Who keeps the keys?"


def test_rows_written_before_they_were_translatable_take_their_pages_language(event):
    """programme 0019 gives each existing row its page's language and its own key."""
    bootstrap = import_module("sessions.migrations.0019_translatable_rows_bootstrap")
    session = SessionPageFactory(event=event, questions=["One?", "Two?"])
    GuidingQuestion.objects.update(locale=Locale.objects.get(language_code="fr"))
    before = set(GuidingQuestion.objects.values_list("translation_key", flat=True))

    bootstrap.bootstrap(django_apps, None)

    rows = GuidingQuestion.objects.values_list("locale", "translation_key")
    assert {locale for locale, _key in rows} == {session.locale_id}  # English
    keys = {key for _locale, key in rows}
    assert len(keys) == 2 and not keys & before


@needs_postgresql
def test_on_postgresql_french_words_are_found_in_other_forms(client, session):
    url = session.url
    french(session, {"Community archives": "Archives communautaires"})

    found = client.get("/fr/search/", {"q": "archive communautaire"}).content.decode()
    english = client.get("/search/", {"q": "archive"}).content.decode()

    assert f'<a href="/fr{url}">Archives communautaires</a>' in found
    assert ">Community archives</a>" in english  # English stems as English


def test_a_page_outside_every_site_has_no_address():
    root = Page.objects.get(depth=1)
    stray = root.add_child(instance=EventIndexPage(title="Elsewhere", slug="elsewhere"))

    assert EventIndexPage.objects.get(pk=stray.pk).url is None
