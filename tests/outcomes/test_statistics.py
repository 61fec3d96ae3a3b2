"""Participation figures: what they count, the small-group rule, and the freeze when
the outcome summary is published."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from convening.outcomes.display import TABLES
from convening.outcomes.models import OutcomePage
from convening.outcomes.statistics import RULE, disclose, published
from events.models import Gender
from participants import services
from sessions.models import SessionRole
from tests.factories import (
    EventPageFactory,
    PersonFactory,
    ProfileFactory,
    SessionPageFactory,
    outcome_page,
    republish,
)

pytestmark = pytest.mark.django_db
# A figure withheld to protect a small group, as the page shows it: a dash, read out
# as "not shown" (templates/outcomes/includes/figure.html).
NOT_SHOWN = (
    '<span aria-hidden="true">–</span><span class="visually-hidden">not shown</span>'
)


def open_event(**kwargs):
    return EventPageFactory(
        registration_opens_at=timezone.now() - timedelta(hours=1), **kwargs
    )


def register(event, count, **profile):
    return [
        services.register(ProfileFactory(**profile).user, event) for _ in range(count)
    ]


def table(stats, key):
    return {row["label"]: row["count"] for row in stats[key]}


def test_statistics_count_confirmed_participants_by_group_country_and_status():
    event = open_event(quotas={"government": 10, "academia": 10})
    register(event, 3, group_slug="government", country="NP")  # LDC, LLDC
    register(event, 2, group_slug="academia", country="FJ")  # SIDS
    register(event, 1, group_slug="academia", country="DE")

    stats = outcome_page(event).statistics

    assert stats["confirmed"] == 6
    assert stats["countries"] == 3
    assert table(stats, "groups") == {"Government": 3, "Academia and research": 3}
    assert [row["target"] for row in stats["groups"]] == [10, 10]
    assert table(stats, "development") == {
        "Least developed countries": 3,
        "Landlocked developing countries": 3,
        "Small island developing states": 2,
    }
    assert table(stats, "regions") == {
        "Asia-Pacific Group": 5,
        "Western European and Others Group": 1,
    }
    assert table(stats, "modes") == {"In person": 6, "Online": 0}


def test_a_small_gender_group_is_not_shown_nor_what_gives_it_away(client):
    event = open_event(quotas={"government": 20})
    register(event, 6, gender=Gender.WOMAN)
    register(event, 2, gender=Gender.MAN)

    outcome = outcome_page(event)
    page = client.get(outcome.url).content.decode()

    # The freeze keeps the counts; what is shown goes through the rule (8 - 6 = 2).
    assert table(outcome.statistics, "gender") == {"Woman": 6, "Man": 2}
    assert table(published(outcome.statistics), "gender") == {
        "Woman": None,
        "Man": None,
    }
    assert f'<th scope="row">Man</th><td>{NOT_SHOWN}</td>' in page
    assert f'<th scope="row">Woman</th><td>{NOT_SHOWN}</td>' in page
    assert "style=" not in page


def test_speaker_and_moderator_mix_counts_people_once():
    event = EventPageFactory()
    women = [PersonFactory(gender=Gender.WOMAN) for _ in range(5)]
    man = PersonFactory(gender=Gender.MAN)
    for n in range(2):
        session = SessionPageFactory(event=event, slug=f"s{n}")
        session.roles = [
            SessionRole(person=man, role=SessionRole.Role.MODERATOR),
            *[SessionRole(person=p, role=SessionRole.Role.SPEAKER) for p in women],
        ]
        session.save_revision().publish()

    stats = outcome_page(event).statistics

    roles = {row["label"]: (row["count"], row["women"]) for row in stats["roles"]}
    assert roles["Speaker"] == (5, 5)
    assert roles["Moderator"] == (1, 0)


def test_figures_stay_as_published_after_accounts_are_deleted(client):
    event = open_event(quotas={"government": 20})
    women = register(event, 5, gender=Gender.WOMAN)
    register(event, 5, gender=Gender.MAN)
    outcome = outcome_page(event)

    women[0].user.delete()
    republish(outcome, title="Outcome summary (revised)")

    outcome = OutcomePage.objects.get(pk=outcome.pk)
    assert outcome.title == "Outcome summary (revised)"
    assert outcome.statistics["confirmed"] == 10
    assert table(outcome.statistics, "gender") == {"Woman": 5, "Man": 5}
    assert (
        '<th scope="row">Woman</th><td>5</td>'
        in client.get(outcome.url).content.decode()
    )


@pytest.mark.parametrize(
    ("counts", "total", "shown"),
    [
        ([6, 5, 1], 12, [6, None, None]),
        ([10, 8, 3], 21, [10, None, None]),
        ([10, 3, 3], 16, [10, None, None]),
        ([10, 7, 2, 2], 21, [10, None, None, None]),
        ([3, 1, 0], 4, [None, None, None]),
        ([4, 3, 2], 9, [None, None, None]),
        ([20, 8], 30, [20, None]),
        ([33], 36, [None]),
        ([10, 5, 0], 15, [10, 5, 0]),
        ([6, None], 8, [None, None]),
        ([0, 0], 0, [0, 0]),
    ],
    ids=[
        "subtraction-attack",
        "one-small-line",
        "two-small-lines-summing-5-or-more",
        "two-small-lines-summing-under-5",
        "total-under-5",
        "all-lines-small",
        "people-in-no-line-count-as-hidden",
        "the-complement-of-one-line",
        "nothing-small",
        "figures-frozen-before-the-rule",
        "nobody",
    ],
)
def test_disclose_hides_small_lines_and_whatever_gives_them_away(counts, total, shown):
    assert disclose(counts, total) == shown


def nothing_derivable(counts, total):
    """Every shown line is 0 or at least 5, and so is what the total minus the shown
    lines gives (all hidden lines and people in none, together)."""
    shown = [count for count in counts if count is not None]
    if 0 < total < 5:
        return shown == []
    safe = [0, *range(5, total + 1)]
    return all(count in safe for count in shown) and total - sum(shown) in safe


@pytest.mark.parametrize("outside", [0, 1, 4, 5], ids=lambda n: f"{n}-in-no-line")
def test_disclose_leaves_nothing_to_work_out_in_any_breakdown_of_three(outside):
    breakdowns = [[a, b, c] for a in range(10) for b in range(10) for c in range(10)]

    unsafe = [
        counts
        for counts in breakdowns
        if not nothing_derivable(
            disclose(counts, sum(counts) + outside), sum(counts) + outside
        )
    ]

    assert unsafe == []


def one_person_stands_out():
    """12 confirmed: 6 women and 5 men of government from Kenya, in person, and one
    person of another gender from the media in Fiji (a small island state), online."""
    event = open_event(quotas={"government": 20, "media": 3}, registration_online=True)
    register(event, 6, gender=Gender.WOMAN)
    register(event, 5, gender=Gender.MAN)
    alone = ProfileFactory(gender=Gender.OTHER, group_slug="media", country="FJ")
    services.register(alone.user, event, mode="online")
    return outcome_page(event)


def outputs(client, outcome):
    """The figures as the outcome page, outcomes.json, outcomes.csv and the pages API
    publish them: {output: {breakdown: {label: count}}}."""
    page = client.get(outcome.url).content.decode()
    data = client.get(f"{outcome.url}outcomes.json").json()["statistics"]
    api = client.get(f"/api/v2/pages/{outcome.pk}/").json()["statistics"]
    rows = csv.reader(
        io.StringIO(client.get(f"{outcome.url}outcomes.csv").content.decode())
    )
    from_csv = {}
    for section, label, value, _ in rows:
        if section.startswith("statistics: "):
            from_csv.setdefault(section, {})[label] = (
                None if value == "not shown" else int(value)
            )
    from_page = {}
    for caption, body in re.findall(
        r"<caption>(.*?)</caption>(.*?)</table>", page, re.S
    ):
        from_page[caption] = {
            label: None if value == NOT_SHOWN else int(value)
            for label, value in re.findall(
                r'<th scope="row">(.*?)</th><td>(.*?)</td>', body
            )
        }
    return page, data, api, from_csv, from_page


def test_no_output_lets_a_hidden_count_be_worked_out(client):
    outcome = one_person_stands_out()

    page, data, api, from_csv, from_page = outputs(client, outcome)

    confirmed = data["confirmed"]
    assert (confirmed, data["countries"]) == (12, 2)
    assert api == data
    for key in ("modes", "groups", "regions", "gender"):
        assert nothing_derivable([row["count"] for row in data[key]], confirmed), key
    for row in data["development"]:
        assert nothing_derivable([row["count"]], confirmed), row
    for row in data["groups"]:
        assert row["in_person"] is None or row["in_person"] >= 5
    assert table(data, "gender") == {"Woman": 6, "Man": None, "Another gender": None}
    assert table(data, "groups") == {"Government": None, "Media": None}
    assert table(data, "regions") == {
        "African Group": None,
        "Asia-Pacific Group": None,
    }
    assert table(data, "development")["Small island developing states"] is None
    assert table(data, "modes") == {"In person": None, "Online": None}
    for key, caption in TABLES:
        if key != "roles":
            # A table with no rows (nobody took the floor here) has no CSV rows.
            assert from_csv.get("statistics: " + caption, {}) == table(data, key)
            assert from_page.get(caption, {}) == table(data, key)
    assert f'<th scope="row">Media</th><td>{NOT_SHOWN}</td><td>{NOT_SHOWN}</td>' in page
    assert RULE in page
    assert "12 confirmed participants from 2 countries" in page


def test_figures_frozen_before_the_rule_are_published_through_it(client):
    outcome = outcome_page(open_event())
    old = {  # as the freeze stored them before: only small gender lines hidden
        "confirmed": 8,
        "countries": 1,
        "modes": [
            {"label": "In person", "count": 8},
            {"label": "Online", "count": 0},
        ],
        "groups": [
            {"label": "Government", "count": 6, "in_person": 6, "target": 20},
            {"label": "Media", "count": 2, "in_person": 2, "target": None},
        ],
        "open_pool_seats": None,
        "regions": [{"label": "African Group", "count": 8}],
        "development": [],
        "gender": [
            {"label": "Woman", "count": 6},
            {"label": "Man", "count": None},
        ],
        "roles": [{"label": "Moderator", "count": 1, "women": 0}],
    }
    OutcomePage.objects.filter(pk=outcome.pk).update(statistics=old)

    page, data, api, from_csv, from_page = outputs(client, outcome)

    assert api == data
    assert table(data, "gender") == {"Woman": None, "Man": None}
    assert table(data, "groups") == {"Government": None, "Media": None}
    assert [row["in_person"] for row in data["groups"]] == [None, None]
    assert data["roles"] == [{"label": "Moderator", "count": 1, "women": None}]
    assert from_page["By gender"] == {"Woman": None, "Man": None}
    assert from_csv["statistics: By gender"] == {"Woman": None, "Man": None}


@pytest.mark.parametrize("confirmed", [1, 4], ids=["one", "four"])
def test_an_event_of_fewer_than_five_shows_no_figure_of_people(client, confirmed):
    event = open_event(quotas={"government": 20})
    register(event, confirmed, gender=Gender.WOMAN)

    page, data, api, from_csv, from_page = outputs(client, outcome_page(event))

    assert (data["confirmed"], data["countries"]) == (None, None)
    assert all(
        row["count"] is None
        for key in ("groups", "regions", "gender", "development")
        for row in data[key]
    )
    assert table(data, "modes") == {"In person": None, "Online": None}
    assert "Fewer than 5 confirmed participants" in page
