"""Participation figures: what they count, the small-group rule, and the freeze when
the outcome summary is published."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import OutcomePage
from participants import services
from sessions.models import Person, SessionRole
from tests.factories import (
    EventPageFactory,
    PersonFactory,
    ProfileFactory,
    SessionPageFactory,
    outcome_page,
    republish,
)

pytestmark = pytest.mark.django_db


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


def test_gender_groups_under_five_show_as_fewer_than_five(client):
    event = open_event(quotas={"government": 20})
    register(event, 6, gender=Person.WOMAN)
    register(event, 2, gender=Person.MAN)

    outcome = outcome_page(event)
    page = client.get(outcome.url).content.decode()

    assert table(outcome.statistics, "gender") == {"Woman": 6, "Man": None}
    assert '<th scope="row">Man</th><td>fewer than 5</td>' in page
    assert '<th scope="row">Woman</th><td>6</td>' in page
    assert "style=" not in page


def test_speaker_and_moderator_mix_counts_people_once():
    event = EventPageFactory()
    women = [PersonFactory(gender=Person.WOMAN) for _ in range(5)]
    man = PersonFactory(gender=Person.MAN)
    for n in range(2):
        session = SessionPageFactory(event=event, slug=f"s{n}")
        session.roles = [
            SessionRole(person=man, role=SessionRole.MODERATOR),
            *[SessionRole(person=p, role=SessionRole.SPEAKER) for p in women],
        ]
        session.save_revision().publish()

    stats = outcome_page(event).statistics

    roles = {row["label"]: (row["count"], row["women"]) for row in stats["roles"]}
    assert roles["Speaker"] == (5, 5)
    assert roles["Moderator"] == (1, 0)


def test_figures_stay_as_published_after_accounts_are_deleted(client):
    event = open_event(quotas={"government": 20})
    women = register(event, 5, gender=Person.WOMAN)
    register(event, 5, gender=Person.MAN)
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
