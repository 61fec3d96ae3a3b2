"""The admin dashboard: a panel per upcoming event the organiser manages."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from convening.dashboard import summaries
from participants import services
from sessions.models import SessionPage
from tests.factories import (
    EventPageFactory,
    ProfileFactory,
    SessionPageFactory,
    UserFactory,
    report_page,
)

pytestmark = pytest.mark.django_db


def running_event(**kwargs):
    today = timezone.localdate()
    return EventPageFactory(
        start_date=today - timedelta(days=1),
        end_date=today + timedelta(days=1),
        registration_opens_at=timezone.now() - timedelta(days=1),
        **kwargs,
    )


def test_the_dashboard_sums_up_each_upcoming_event(client, admin_user):
    client.force_login(admin_user)
    event = running_event(title="Workshop on open data", quotas={"government": 1})
    tz = event.tzinfo
    yesterday = event.start_date
    past = SessionPageFactory(
        event=event,
        start=timezone.make_aware(
            timezone.datetime.combine(yesterday, timezone.datetime.min.time()), tz
        ).replace(hour=10),
    )
    reported = SessionPageFactory(event=event, start=past.start)
    report_page(reported)
    draft = SessionPageFactory(event=event)
    SessionPage.objects.filter(pk=draft.pk).update(live=False)
    SessionPageFactory(event=event, status=SessionPage.Status.CANCELLED)
    for _ in range(2):
        services.register(ProfileFactory().user, event)
    EventPageFactory(start_date=date(2020, 1, 1), end_date=date(2020, 1, 2))  # over

    html = client.get("/admin/").content.decode()

    panel = html[html.index('class="w-panel upcoming-event"') :]
    assert "Workshop on open data" in panel
    assert "Live: 2" in panel and "Draft: 1" in panel and "Cancelled: 1" in panel
    assert "1 session over without a published report" in panel
    assert "Confirmed: 1" in panel and "Waiting list: 1" in panel
    assert f'href="/admin/events/{event.pk}/grid/"' in panel
    assert html.count('class="w-panel upcoming-event"') == 1


def test_an_organiser_sees_only_the_events_they_manage(client):
    running_event(title="Not yours")
    client.force_login(UserFactory(is_staff=True))

    assert summaries(UserFactory()) == []


def test_the_panel_costs_the_same_queries_for_one_or_four_events(admin_user):
    def count(events):
        for _ in range(events):
            event = running_event(quotas={"government": 5})
            for _ in range(3):
                SessionPageFactory(event=event, revision=False)
            services.register(ProfileFactory().user, event)
        with CaptureQueriesContext(connection) as queries:
            found = summaries(admin_user)
        return len(found), len(queries)

    one, queries_one = count(1)
    five, queries_five = count(4)
    assert (one, five) == (1, 5)
    assert queries_one == queries_five
