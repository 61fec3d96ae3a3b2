"""The admin's programme grid at two sizes: its query count, and the median time to
render it for an organiser at 1,000 sessions (in this process, through Django's test
client: the admin is not cached, so this is what each organiser's request costs)."""

import statistics
import time
from datetime import datetime, timedelta
from functools import cache

from bench.report import Figure

DAYS, ROOMS, HOURS = 5, 20, 10  # 1,000 one-hour slots


@cache
def planned_event(size):
    """An event whose `size` sessions fill its rooms hour by hour, two people each,
    some of them drafts, the way an organiser's grid looks mid-planning."""
    from wagtail.signal_handlers import disable_reference_index_auto_update

    from bench.forum import search_index_at_the_end
    from sessions.models import Person, SessionPage
    from tests.factories import EventPageFactory, RoomFactory, SessionPageFactory

    with (
        disable_reference_index_auto_update(),
        search_index_at_the_end(SessionPage, Person),
    ):
        event = EventPageFactory(
            slug=f"bench-grid-{size}",
            venue=f"Bench venue {size}",
            start_date=datetime(2031, 5, 12).date(),
            end_date=datetime(2031, 5, 12).date() + timedelta(days=DAYS - 1),
        )
        rooms = [RoomFactory(venue=f"Bench venue {size}") for _ in range(ROOMS)]
        for n in range(size):
            day, rest = divmod(n, ROOMS * HOURS)
            hour, room = divmod(rest, ROOMS)
            start = datetime(2031, 5, 12 + day, 8 + hour, tzinfo=event.tzinfo)
            SessionPageFactory(
                event=event,
                code=f"S-{n}",
                room=rooms[room],
                start=start,
                end=start + timedelta(minutes=50),
                track=f"Track {n % 6}",
                people=2,
                revision=False,
            )
        drafts = SessionPage.objects.child_of(event).filter(code__endswith="7")
        drafts.update(live=False)
    return event


def client():
    from django.contrib.auth import get_user_model
    from django.test import Client

    user, _ = get_user_model().objects.get_or_create(
        username="bench-organiser", defaults={"is_superuser": True, "is_staff": True}
    )
    browser = Client(HTTP_HOST="127.0.0.1")
    browser.force_login(user)
    return browser


def grid_queries(browser, event):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    path = f"/admin/events/{event.pk}/grid/"
    browser.get(path)  # per-process caches (content types, permissions) warm
    with CaptureQueriesContext(connection) as queries:
        response = browser.get(path)
    assert response.status_code == 200, response.status_code
    return len(queries), path


def median_ms(browser, path, rounds):
    times = []
    for _ in range(rounds):
        began = time.perf_counter()
        response = browser.get(path)
        times.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200
    return statistics.median(times)


def run(env, *, quick):
    from django.test import override_settings

    small, large = (50, 200) if quick else (50, 1000)
    rounds = 5 if quick else 15
    # The bench's organiser passes no second factor: that step is measured elsewhere.
    with override_settings(CONVENING_ADMIN_REQUIRES_MFA=False):
        browser = client()
        small_queries, small_path = grid_queries(browser, planned_event(small))
        queries, path = grid_queries(browser, planned_event(large))
        floor = median_ms(browser, small_path, rounds)
        large_ms = median_ms(browser, path, rounds)
    return [
        Figure(
            f"grid.queries.{large}",
            queries,
            "queries",
            small_queries,
            f"at {small} sessions",
            max_ratio=1,
        ),
        Figure(
            f"grid.{large}.render",
            large_ms,
            "ms",
            floor,
            f"the grid at {small} sessions",
            max_value=300,
        ),
    ]
