"""The event form says what is wrong with registration settings and quota rows."""

import pytest

from events.models import EventPage, StakeholderGroup
from tests.event_form import post_event_form
from tests.factories import EventPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser(client, admin_user):
    client.force_login(admin_user)
    return admin_user


def errors_of(response):
    return response.content.decode()


def test_registration_closing_before_it_opens_is_refused(client, organiser):
    event = EventPageFactory()

    response = post_event_form(
        client,
        event,
        registration_opens_at="2031-04-01 09:00",
        registration_closes_at="2031-03-01 09:00",
    )

    assert "Registration must close after it opens." in errors_of(response)
    assert EventPage.objects.get(pk=event.pk).registration_opens_at is None


def test_an_event_nobody_can_attend_is_refused(client, organiser):
    event = EventPageFactory()

    response = post_event_form(client, event, registration_in_person=None)

    assert "Choose how people attend: in person, online, or both." in errors_of(
        response
    )
    assert EventPage.objects.get(pk=event.pk).registration_in_person


def test_a_group_given_two_quotas_gets_a_sentence(client, organiser):
    event = EventPageFactory()
    government = StakeholderGroup.objects.get(slug="government").pk

    html = errors_of(
        post_event_form(
            client,
            event,
            quotas=[
                {"group": government, "seats": 5},
                {"group": government, "seats": 8},
            ],
        )
    )

    assert "Only one quota per stakeholder group: Government appears twice." in html
    assert "Government already has a quota above." in html
    assert "Please correct the duplicate" not in html
    assert "one open pool" not in html
    assert event.quotas.count() == 0


def test_the_time_zone_list_holds_places_not_leftovers(client, organiser):
    event = EventPageFactory()

    html = client.get(f"/admin/pages/{event.pk}/edit/").content.decode()

    assert '<option value="Europe/Zurich" selected>' in html
    assert '<option value="Africa/Nairobi">' in html
    assert '<option value="UTC">' in html
    for leftover in ("Factory", "localtime", "EST5EDT", "Etc/GMT+5", "US/Eastern"):
        assert f'<option value="{leftover}"' not in html


def test_an_event_keeps_a_zone_the_list_no_longer_offers(client, organiser):
    event = EventPageFactory()
    EventPage.objects.filter(pk=event.pk).update(time_zone="US/Eastern")

    html = client.get(f"/admin/pages/{event.pk}/edit/").content.decode()

    assert '<option value="US/Eastern" selected>' in html


def test_quota_rows_are_titled_by_their_group(client, organiser):
    EventPageFactory(quotas={"government": 5, None: 2})
    event = EventPage.objects.get()

    html = client.get(f"/admin/pages/{event.pk}/edit/").content.decode()

    assert "<span data-inline-panel-child-count></span>: Government" in html
    assert "<span data-inline-panel-child-count></span>: Open pool" in html


def test_the_event_form_lists_every_organiser_tool(client, organiser):
    event = EventPageFactory()

    html = client.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    tools = html[html.index('class="event-tools"') :]
    tools = tools[: tools.index("</nav>")]

    for path, label in [
        ("proposals/", "Proposals"),
        ("grid/", "Programme grid"),
        ("sessions/", "Sessions by day and room"),
        ("import/", "Import sessions"),
        ("registrations/", "Registrations"),
        ("registrations/quotas/", "Quotas"),
        ("registrations/balance/", "Stakeholder balance"),
        ("reports/", "Session reports"),
        ("qa/", "Q&amp;A"),
    ]:
        assert f'href="/admin/events/{event.pk}/{path}"' in tools, label
        assert label in tools
