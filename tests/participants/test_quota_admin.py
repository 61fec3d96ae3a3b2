"""Quotas are edited on the event page's Registration tab."""

import pytest

from events.models import StakeholderGroup
from participants import services
from tests.event_form import post_event_form
from tests.factories import EventPageFactory, ProfileFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "rows, message",
    [
        (
            ["government", "government"],
            "Only one quota per stakeholder group: Government appears twice.",
        ),
        (["", ""], "An event has one open pool"),
    ],
    ids=["same-group-twice", "two-open-pools"],
)
def test_quota_rows_that_cannot_coexist_are_refused_on_the_form(
    client, admin_user, rows, message
):
    client.force_login(admin_user)
    event = EventPageFactory()
    groups = {g.slug: g.pk for g in StakeholderGroup.objects.all()}

    response = post_event_form(
        client, event, [{"group": groups.get(r, ""), "seats": 5} for r in rows]
    )

    assert message in response.content.decode()
    assert event.quotas.count() == 0


def test_quotas_and_an_open_pool_are_published(client, admin_user):
    client.force_login(admin_user)
    event = EventPageFactory()
    government = StakeholderGroup.objects.get(slug="government").pk

    post_event_form(
        client, event, [{"group": government, "seats": 5}, {"group": "", "seats": 2}]
    )
    form = client.get(f"/admin/pages/{event.pk}/edit/").content.decode()

    assert sorted((str(q.group), q.seats) for q in event.quotas.all()) == [
        ("Government", 5),
        ("None", 2),
    ]
    assert "In-person seats by stakeholder group" in form


def save_draft_with_quotas(client, event, quotas):
    """Saves a draft whose quota rows are `quotas`, the event's own rows first."""
    return post_event_form(
        client,
        event,
        quotas,
        initial=event.quotas.count(),
        publish=False,
        follow=True,
    )


def test_a_quota_change_saved_as_a_draft_says_seats_change_on_publish(
    client, admin_user, open_event
):
    client.force_login(admin_user)
    event = open_event(quotas={"government": 1})
    government = StakeholderGroup.objects.get(slug="government").pk
    quota = event.quotas.get()

    response = save_draft_with_quotas(
        client, event, [{"id": quota.pk, "group": government, "seats": 3}]
    )

    assert (
        "The quota changes are saved in the draft: seats change when you publish it."
        in response.content.decode()
    )
    assert event.quotas.get().seats == 1
    unchanged = save_draft_with_quotas(
        client, event, [{"id": quota.pk, "group": government, "seats": 1}]
    )
    assert "seats change when you publish" not in unchanged.content.decode()


def test_publishing_more_seats_names_who_got_them(client, admin_user, open_event):
    client.force_login(admin_user)
    event = open_event(quotas={"government": 1})
    for name in ("Amina Diallo", "Kofi Boateng", "Lucía Hernández"):
        services.register(ProfileFactory(full_name=name).user, event)
    government = StakeholderGroup.objects.get(slug="government").pk
    quota = event.quotas.get()

    response = post_event_form(
        client,
        event,
        [{"id": quota.pk, "group": government, "seats": 3}],
        initial=1,
        follow=True,
    )

    assert (
        "Seats went to 2 from the waiting list: Kofi Boateng, Lucía Hernández."
        in response.content.decode()
    )
