"""Organisers add an event's call in the admin: its times on the event's clock, the
formats it accepts, its screening rules (on by default) and review criteria."""

from datetime import UTC, datetime

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from sessions.models import CallPage

pytestmark = pytest.mark.django_db


def call_form(**overrides):
    data = {
        "title": "Call for workshop proposals",
        "slug": "call",
        "intro": rich_text("<p>Propose a workshop on community networks.</p>"),
        "opens_at": "2031-01-10 09:00",
        "closes_at": "2031-03-01 23:59",
        "decisions_on": "2031-04-01",
        "min_speakers": "3",
        "max_per_person": "3",
        "reviews_per_proposal": "3",
        "rule_complete": "on",
        "rule_speakers": "on",
        "criteria": inline_formset(
            [
                {"name": "Relevance to the forum's themes", "weight": "2"},
                {"name": "Diversity of voices", "weight": "1"},
            ]
        ),
        "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data(data) | {"formats": ["workshop", "roundtable"]}


def add_url(event):
    return f"/admin/pages/add/programme/callpage/{event.pk}/"


def test_an_organiser_adds_a_call_on_the_events_clock(client, organiser, event):
    response = client.post(add_url(event), call_form())

    assert response.status_code == 302
    call = CallPage.objects.get()
    # Zurich wall-clock time (UTC+1 in January), stored as UTC.
    assert call.opens_at == datetime(2031, 1, 10, 8, 0, tzinfo=UTC)
    assert call.formats == ["workshop", "roundtable"]
    assert [(c.name, c.weight) for c in call.criteria.all()] == [
        ("Relevance to the forum's themes", 2),
        ("Diversity of voices", 1),
    ]
    # Boxes left unticked turn their rules off.
    assert (call.rule_complete, call.rule_gender) == (True, False)
    page = client.get(call.url).content.decode()
    assert "10 January 2031, 09:00 to 1 March 2031, 23:59 CET" in page
    assert "Workshop, Roundtable" in page


def test_a_new_call_has_every_screening_rule_on(client, organiser, event):
    html = client.get(add_url(event)).content.decode()

    for name in ("rule_groups", "rule_regions", "rule_gender", "rule_reports"):
        assert f'name="{name}" id="id_{name}" checked' in html


def test_a_call_that_closes_before_it_opens_is_refused(client, organiser, event):
    response = client.post(add_url(event), call_form(closes_at="2031-01-09 09:00"))

    assert response.status_code == 200
    assert "The call must close after it opens." in response.content.decode()
    assert not CallPage.objects.exists()


def test_an_event_has_one_call_at_most(client, organiser, event):
    client.post(add_url(event), call_form())

    response = client.get(add_url(event))

    assert response.status_code in (302, 403)
    assert CallPage.objects.count() == 1
