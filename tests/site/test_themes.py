"""The knowledge archive: theme pages across events and years, and search filters."""

from datetime import date, datetime

import pytest

from convening.outcomes.models import OutcomePage, Recommendation
from sessions.models import SessionPage
from tests.factories import (
    EventPageFactory,
    SessionPageFactory,
    outcome_page,
    report_page,
    theme,
)
from toolkit.translation_memory import translate

pytestmark = pytest.mark.django_db


def session(event, slug, *themes, **kwargs):
    start = datetime(
        event.start_date.year,
        event.start_date.month,
        event.start_date.day,
        10,
        tzinfo=event.tzinfo,
    )
    return SessionPageFactory(
        event=event, slug=slug, title=slug, start=start, themes=themes, **kwargs
    )


@pytest.fixture
def two_years():
    """Two events a year apart, each with a session on SDG 4 and one on SDG 17."""
    old = EventPageFactory(
        slug="old", start_date=date(2029, 5, 1), end_date=date(2029, 5, 2)
    )
    new = EventPageFactory(
        slug="new", start_date=date(2030, 5, 1), end_date=date(2030, 5, 2)
    )
    for event in (old, new):
        report_page(
            session(event, f"{event.slug}-schools", theme("sdg-4"), summary="Schools"),
            takeaways=["Teachers share lesson plans."],
        )
        session(event, f"{event.slug}-partners", theme("sdg-17"), summary="Schools")
    outcome_page(
        old,
        recommendations=[Recommendation(text="Train teachers.", theme=theme("sdg-4"))],
    )
    return old, new


def test_theme_page_lists_content_of_every_event_newest_first(client, two_years):
    old, _ = two_years
    page = client.get("/themes/sdg-4/").content.decode()

    sessions = page.split('id="sessions-heading"')[1]
    assert sessions.index("new-schools") < sessions.index("old-schools")
    assert "partners" not in page
    assert page.count('class="archive-report"') == 2
    assert '<li class="archive-recommendation">Train teachers.' in page
    assert page.count('class="archive-outcome"') == 1
    outcome = page.split('class="archive-outcome"')[1].split("</li>")[0]
    # Dated by its event, not by the day the summary went online.
    assert f"{old.title}, " in outcome and old.start_date.strftime("%Y") in outcome


def test_theme_index_links_every_theme(client, two_years):
    page = client.get("/themes/").content.decode()

    assert 'href="/themes/sdg-4/"' in page
    assert 'href="/themes/wsis-c7/"' in page


def test_session_page_links_its_themes(client, two_years):
    page = client.get("/events/new/new-schools/").content.decode()

    assert 'href="/themes/sdg-4/"' in page
    assert 'href="/events/new/new-schools/report/">Read the session report' in page


@pytest.mark.parametrize("size", [2, 20])
def test_theme_page_queries_stay_flat(client, django_assert_max_num_queries, size):
    for n in range(size):
        event = EventPageFactory(slug=f"e{n}")
        report_page(session(event, f"s{n}", theme("sdg-4")))
        outcome_page(
            event,
            themes=[theme("sdg-4")],
            recommendations=[Recommendation(text=f"Do {n}.", theme=theme("sdg-4"))],
        )

    with django_assert_max_num_queries(15):
        page = client.get("/themes/sdg-4/").content.decode()

    assert page.count('class="archive-session"') == size
    assert page.count('class="archive-report"') == size
    assert page.count('class="archive-outcome"') == size
    assert page.count('class="archive-recommendation"') == size


def test_the_theme_page_in_french_shows_translated_titles_and_recommendations(
    client, two_years
):
    old, _ = two_years
    schools = SessionPage.objects.get(slug="old-schools")
    outcome = OutcomePage.objects.child_of(old).get()
    translate(schools, "fr", {"old-schools": "écoles"})
    translate(outcome, "fr", {"Train teachers.": "Former les enseignants."})

    page = client.get("/fr/themes/sdg-4/").content.decode()
    english = client.get("/themes/sdg-4/").content.decode()

    assert ">écoles</a>" in page and ">new-schools</a>" in page  # one not translated
    assert '<li class="archive-recommendation">Former les enseignants.' in page
    assert '<li class="archive-recommendation">Train teachers.' in english
    assert "écoles" not in english


@pytest.mark.parametrize("size", [2, 12])
def test_the_theme_page_in_french_keeps_its_queries_flat(
    client, django_assert_max_num_queries, size
):
    for n in range(size):
        event = EventPageFactory(slug=f"e{n}")
        session_page = session(event, f"s{n}", theme("sdg-4"))
        report_page(session_page)
        outcome = outcome_page(
            event,
            themes=[theme("sdg-4")],
            recommendations=[Recommendation(text=f"Do {n}.", theme=theme("sdg-4"))],
        )
        translate(session_page, "fr", {f"s{n}": f"séance {n}"})
        translate(outcome, "fr", {f"Do {n}.": f"Faire {n}."})

    with django_assert_max_num_queries(22):
        page = client.get("/fr/themes/sdg-4/").content.decode()

    assert page.count("séance ") == size
    assert page.count('<li class="archive-recommendation">Faire ') == size


def results(client, **params):
    page = client.get("/search/", params).content.decode()
    return sorted(
        line.split('">')[1].split("</a>")[0]
        for line in page.split("<li><h2><a href=")[1:]
    )


def test_search_finds_reports_and_filters_by_event_theme_and_year(client, two_years):
    old, new = two_years

    assert results(client, q="lesson plans") == [
        "Report: new-schools",
        "Report: old-schools",
    ]
    assert results(client, q="lesson plans", year="2030") == ["Report: new-schools"]
    assert results(client, q="lesson plans", event=old.pk) == ["Report: old-schools"]
    assert results(client, q="Schools", theme="sdg-17") == [
        "new-partners",
        "old-partners",
    ]
    assert results(client, theme="sdg-4", year="2029") == [
        "Report: old-schools",
        "old-schools",
    ]
