"""Participation figures from attendance: where check-ins or online attendance were
recorded, the outcome counts who attended (and says so), with each line's confirmed
registrations beside it; both columns pass the small-group rule; the frozen figures
keep both; the open data carries both."""

import csv
import io
from datetime import date, datetime

import pytest
from django.utils.html import escape

from convening.outcomes.statistics import ATTENDANCE_RULE, published
from participants.models import CheckIn
from tests.factories import outcome_page
from tests.outcomes.test_statistics import open_event, register

pytestmark = pytest.mark.django_db


def came(registrations, mode="onsite"):
    for registration in registrations:
        CheckIn.objects.create(
            event=registration.event,
            registration=registration,
            day=date(2031, 5, 12),
            mode=mode,
            at=datetime(2031, 5, 12, 9, tzinfo=registration.event.tzinfo),
        )


def lines(stats, key):
    return {row["label"]: (row["count"], row["registered"]) for row in stats[key]}


def test_the_figures_count_who_attended_with_registrations_beside_them():
    event = open_event(quotas={"government": 20, "academia": 20})
    government = register(event, 8, group_slug="government", country="NP")
    academia = register(event, 6, group_slug="academia", country="FJ")
    came(government[:6] + academia[:5])

    stats = outcome_page(event).statistics

    assert stats["basis"] == "attendance"
    assert (stats["attended"], stats["confirmed"]) == (11, 14)
    assert lines(stats, "groups") == {
        "Government": (6, 8),
        "Academia and research": (5, 6),
    }
    assert lines(stats, "regions") == {"Asia-Pacific Group": (11, 14)}
    assert lines(stats, "modes") == {"In person": (11, 14), "Online": (0, 0)}


def test_a_group_that_registered_but_never_came_keeps_its_line():
    event = open_event(quotas={"government": 20, "academia": 20})
    government = register(event, 6, group_slug="government")
    register(event, 5, group_slug="academia")
    came(government)

    stats = outcome_page(event).statistics

    assert lines(stats, "groups") == {
        "Government": (6, 6),
        "Academia and research": (0, 5),
    }


def test_without_attendance_the_figures_count_registrations_and_say_so(client):
    event = open_event(quotas={"government": 20})
    register(event, 6, group_slug="government")

    outcome = outcome_page(event)
    page = client.get(outcome.url).content.decode()

    assert "basis" not in outcome.statistics
    assert "No attendance was recorded, so the figures count confirmed" in page
    assert ">Registered</th>" not in page


def test_the_page_says_the_rule_and_shows_both_columns(client):
    event = open_event(quotas={"government": 20})
    came(register(event, 7, group_slug="government"))

    page = client.get(outcome_page(event).url).content.decode()

    assert "7 people attended, from 1 country; 7 had confirmed registrations" in page
    assert escape(ATTENDANCE_RULE) in page
    assert '>Attended</th><th scope="col">Registered</th>' in page


def test_both_columns_pass_the_small_group_rule():
    event = open_event(quotas={"government": 20, "academia": 20})
    government = register(event, 9, group_slug="government")
    academia = register(event, 2, group_slug="academia")
    came(government[:8] + academia[:1])

    shown = published(outcome_page(event).statistics)

    groups = {row["label"]: row for row in shown["groups"]}
    assert groups["Academia and research"]["count"] is None
    assert groups["Academia and research"]["registered"] is None
    # and what the totals would give away of them
    assert groups["Government"]["count"] is None
    assert groups["Government"]["registered"] is None
    assert shown["attended"] == 9 and shown["confirmed"] == 11


def test_few_attendees_hide_the_total_but_not_the_registrations():
    event = open_event(quotas={"government": 20})
    government = register(event, 9, group_slug="government")
    came(government[:2])

    shown = published(outcome_page(event).statistics)

    assert shown["attended"] is None and shown["countries"] is None
    assert shown["confirmed"] == 9


def test_the_frozen_figures_keep_both_after_later_check_ins():
    event = open_event(quotas={"government": 20})
    people = register(event, 8, group_slug="government")
    came(people[:6])
    outcome = outcome_page(event)
    came(people[6:])

    outcome.refresh_from_db()
    assert (outcome.statistics["attended"], outcome.statistics["confirmed"]) == (6, 8)


def test_the_open_data_carries_the_basis_and_both_columns(client):
    event = open_event(quotas={"government": 20})
    came(register(event, 6, group_slug="government")[:5], mode="onsite")
    outcome = outcome_page(event)

    data = client.get(f"{outcome.url}outcomes.json").json()
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(f"{outcome.url}outcomes.csv").content.decode("utf-8-sig")
            )
        )
    )

    assert data["statistics"]["basis"] == "attendance"
    assert data["attendance_rule"] == ATTENDANCE_RULE
    assert ["statistics", "basis", "attendance", ATTENDANCE_RULE] in rows
    assert ["statistics", "attended", "5", ""] in rows
    assert ["statistics", "confirmed", "6", ""] in rows
    assert [
        "statistics: By stakeholder group",
        "Government",
        "5",
        "registered: 6",
    ] in rows
