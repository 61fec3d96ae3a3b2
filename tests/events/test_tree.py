"""A page's event, read from its tree path: one query for one page, one for a list."""

import pytest

from events.tree import attach_events, event_of
from sessions.models import SessionPage
from tests.factories import EventPageFactory, SessionPageFactory

pytestmark = pytest.mark.django_db


def test_a_session_fresh_from_the_database_finds_its_event_in_one_query(
    django_assert_num_queries,
):
    event = EventPageFactory(title="Knowledge Forum")
    session = SessionPage.objects.get(pk=SessionPageFactory(event=event).pk)

    with django_assert_num_queries(1):
        found = event_of(session)
    with django_assert_num_queries(0):
        again = session.get_parent()

    assert (found.title, found.pk, again.pk) == ("Knowledge Forum", event.pk, event.pk)


@pytest.mark.parametrize("size", [2, 20])
def test_sessions_of_several_events_get_theirs_in_one_query(
    django_assert_num_queries, size
):
    events = [EventPageFactory(slug=f"event-{n}") for n in range(2)]
    for n in range(size):
        SessionPageFactory(event=events[n % 2], slug=f"session-{n}")
    sessions = list(SessionPage.objects.order_by("slug"))

    with django_assert_num_queries(1):
        attach_events(sessions)

    assert {s.slug: s.event.slug for s in sessions} == {
        f"session-{n}": f"event-{n % 2}" for n in range(size)
    }
