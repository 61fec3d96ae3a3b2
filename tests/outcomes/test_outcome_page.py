"""The outcome summary page, its open data and the Atom feed of outcomes and reports."""

import csv
import io
import json
from datetime import date, timedelta
from xml.etree import ElementTree

import pytest
from django.core.management import call_command
from django.utils import timezone

from convening.outcomes.models import KeyMessage, OutcomePage, Recommendation
from events.models import StakeholderGroup
from sessions.models import ReportTakeaway, SessionReportPage
from tests.factories import (
    EventPageFactory,
    SessionPageFactory,
    add_page,
    outcome_page,
    report_page,
)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def outcome():
    event = EventPageFactory(slug="forum")
    report = report_page(
        SessionPageFactory(event=event, slug="opening"),
        takeaways=["Partners need a shared goal."],
    )
    takeaway = ReportTakeaway.objects.get(report=report)
    return outcome_page(
        event,
        key_messages=[
            KeyMessage(takeaway=takeaway, text="Partners need one shared goal."),
            KeyMessage(text="=cmd|' /C calc'!A0"),
        ],
        recommendations=[
            Recommendation(
                text="Fund ICT statistics.",
                addressee="Donors",
                group=StakeholderGroup.objects.get(slug="government"),
                deadline=date(2032, 1, 1),
            )
        ],
    )


def test_outcome_page_shows_messages_recommendations_and_report_links(client, outcome):
    page = client.get("/events/forum/outcomes/").content.decode()

    assert "<li>Partners need one shared goal.</li>" in page
    assert "For Donors · Government · by" in page
    assert 'href="/events/forum/opening/report/"' in page
    assert 'rel="license"' in page
    assert "style=" not in page
    named = page.split('<p class="event-named">')[1].split("</p>")[0]
    event = outcome.get_parent().specific
    assert f'The outcome of <a href="/events/forum/">{event.title}</a>' in named
    assert "12 May 2031</time> to <time" in named and ", Geneva." in named


def test_event_page_links_its_published_outcome(client, outcome):
    page = client.get("/events/forum/").content.decode()

    assert 'href="/events/forum/outcomes/">Outcome summary</a>' in page


def test_open_data_json_states_the_licence_and_the_figures(client, outcome):
    response = client.get("/events/forum/outcomes/outcomes.json")
    data = json.loads(response.content)

    assert response["Content-Type"].startswith("application/json")
    assert data["licence"].startswith("Creative Commons Attribution 4.0")
    assert data["key_messages"] == [
        "Partners need one shared goal.",
        "=cmd|' /C calc'!A0",
    ]
    assert data["recommendations"] == [
        {
            "text": "Fund ICT statistics.",
            "addressee": "Donors",
            "stakeholder_group": "Government",
            "deadline": "2032-01-01",
        }
    ]
    assert data["statistics"]["confirmed"] == 0


def test_open_data_csv_reads_back_one_fact_a_row(client, outcome):
    response = client.get("/events/forum/outcomes/outcomes.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))

    assert response.content.startswith("\ufeff".encode())
    assert rows[0] == ["section", "label", "value", "detail"]
    assert [row[0] for row in rows[1:4]] == ["event", "event", "licence"]
    assert ["key message", "Partners need one shared goal.", "", ""] in rows
    assert ["key message", "'=cmd|' /C calc'!A0", "", ""] in rows
    assert [
        "recommendation",
        "Fund ICT statistics.",
        "",
        "Donors; Government; 2032-01-01",
    ] in rows
    assert ["statistics", "confirmed", "0", ""] in rows


def test_feed_lists_published_outcomes_and_reports_newest_first(client, outcome):
    draft_session = SessionPageFactory(event=outcome.get_parent().specific, slug="d")
    report_page(draft_session, live=False)

    response = client.get("/outcomes/feed.atom")
    feed = ElementTree.fromstring(response.content)

    assert response["Content-Type"].startswith("application/atom+xml")
    event = outcome.get_parent().title
    assert [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")] == [
        f"Outcome summary · {event}",
        f"{SessionReportPage.objects.live().get().title} · {event}",
    ]


def test_scheduled_outcome_goes_live_and_freezes_its_figures_then():
    event = EventPageFactory()
    outcome = OutcomePage(
        title="Outcome summary", slug="outcomes", executive_summary="<p>Soon.</p>"
    )
    outcome.live = False
    event.add_child(instance=outcome)
    revision = outcome.save_revision(approved_go_live_at=timezone.now())
    assert OutcomePage.objects.get(pk=outcome.pk).statistics == {}
    revision.approved_go_live_at = timezone.now() - timedelta(minutes=1)
    revision.save()

    call_command("publish_scheduled")

    published = OutcomePage.objects.get(pk=outcome.pk)
    assert published.live
    assert published.statistics["confirmed"] == 0


@pytest.mark.parametrize("size", [3, 30])
def test_outcome_page_queries_stay_flat(client, django_assert_max_num_queries, size):
    event = EventPageFactory(slug="forum")
    for n in range(size):
        report_page(SessionPageFactory(event=event, slug=f"s{n}", people=2))
    outcome = outcome_page(
        event,
        recommendations=[Recommendation(text=f"Do {n}.") for n in range(size)],
    )

    # Routing to the page is most of them.
    with django_assert_max_num_queries(22):
        page = client.get(outcome.url).content.decode()

    assert page.count('class="recommendation"') == size
    assert page.count("/report/") == size


def test_draft_outcome_is_not_public(client):
    event = EventPageFactory(slug="forum")
    add_page(event, OutcomePage(title="O", slug="outcomes", executive_summary="<p/>"))
    OutcomePage.objects.get().unpublish()

    assert client.get("/events/forum/outcomes/").status_code == 404
    assert client.get("/events/forum/outcomes/outcomes.json").status_code == 404


def test_key_messages_are_picked_from_this_events_published_takeaways(
    client, admin_user
):
    event = EventPageFactory()
    report_page(SessionPageFactory(event=event), takeaways=["Ours, published."])
    report_page(
        SessionPageFactory(event=event), takeaways=["Unpublished takeaway."], live=False
    )
    report_page(
        SessionPageFactory(event=EventPageFactory()), takeaways=["Another event's."]
    )
    client.force_login(admin_user)

    form = client.get(f"/admin/pages/add/outcomes/outcomepage/{event.pk}/")

    html = form.content.decode()
    assert "Ours, published." in html
    assert "Unpublished takeaway." not in html
    assert "Another event&#x27;s." not in html


def test_a_picked_takeaway_fills_an_empty_key_message():
    event = EventPageFactory()
    report = report_page(SessionPageFactory(event=event), takeaways=["As written."])
    message = KeyMessage(takeaway=ReportTakeaway.objects.get(report=report))

    message.clean()

    assert message.text == "As written."


def test_outcome_summary_lives_at_outcomes_whatever_its_title(client):
    event = EventPageFactory(slug="forum")

    add_page(
        event,
        OutcomePage(title="What we agreed", slug="what", executive_summary="<p/>"),
    )

    assert client.get("/events/forum/outcomes/").status_code == 200


def test_the_edit_form_shows_the_frozen_figures(client, admin_user, outcome):
    client.force_login(admin_user)
    OutcomePage.objects.filter(pk=outcome.pk).update(
        statistics={**outcome.statistics, "confirmed": 36, "countries": 34}
    )

    html = client.get(f"/admin/pages/{outcome.pk}/edit/").content.decode()

    assert "Frozen when this summary was first published" in html
    assert "36 confirmed participants from 34 countries" in html


def test_the_edit_form_of_an_unpublished_outcome_says_when_figures_freeze(
    client, admin_user
):
    client.force_login(admin_user)
    event = EventPageFactory()
    draft = OutcomePage(title="Outcome summary", slug="outcomes", live=False)
    event.add_child(instance=draft)

    html = client.get(f"/admin/pages/{draft.pk}/edit/").content.decode()

    assert "taken from the event's registrations when this summary is first" in html
    assert "Frozen when" not in html
