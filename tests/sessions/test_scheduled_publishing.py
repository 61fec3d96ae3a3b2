"""A session scheduled to go live is announced when it goes live, not when it is
scheduled; the scheduler publishes it once its time has come."""

from datetime import timedelta

import pytest
from django.utils import timezone

from convening import scheduler
from convening.outcomes.models import OutcomePage
from sessions.models import ProgrammeChange, SessionPage
from tests.factories import SessionPageFactory

pytestmark = pytest.mark.django_db
# The changelog, its feed, the frab file and the calendar: where a session is announced.
ANNOUNCING = (
    "programme/changes/",
    "programme/changes/feed.atom",
    "schedule.xml",
    "programme.ics",
)


def scheduled_session(event, *, go_live_at):
    """A new session an organiser published with a go-live time (as the admin does:
    the revision is published, Wagtail keeps it waiting)."""
    session = SessionPageFactory(event=event, title="Brokers circle", revision=False)
    SessionPage.objects.filter(pk=session.pk).update(live=False)
    session = SessionPage.objects.get(pk=session.pk)
    session.go_live_at = go_live_at
    session.save_revision().publish()
    return SessionPage.objects.get(pk=session.pk)


def test_a_scheduled_session_is_not_announced_before_it_goes_live(client, event):
    session = scheduled_session(event, go_live_at=timezone.now() + timedelta(hours=1))

    assert not session.live
    assert not ProgrammeChange.objects.exists()
    for path in ANNOUNCING:
        assert "Brokers circle" not in client.get(f"{event.url}{path}").content.decode()
    assert client.get(session.url).status_code == 404


def test_the_scheduler_publishes_it_when_its_time_has_come(client, event):
    session = scheduled_session(event, go_live_at=timezone.now() + timedelta(hours=1))
    scheduler.publish_due()
    assert not SessionPage.objects.get(pk=session.pk).live  # not yet

    # An hour later, as far as the schedule is concerned.
    past = timezone.now() - timedelta(seconds=1)
    for revision in session.revisions.filter(approved_go_live_at__isnull=False):
        revision.content["go_live_at"] = past.isoformat()
        revision.approved_go_live_at = past
        revision.save()
    before = timezone.now()
    scheduler.publish_due()

    assert SessionPage.objects.get(pk=session.pk).live
    (change,) = ProgrammeChange.objects.all()
    assert change.kind == ProgrammeChange.Kind.ADDED and change.at >= before
    assert client.get(session.url).status_code == 200
    for path in ANNOUNCING:
        assert "Brokers circle" in client.get(f"{event.url}{path}").content.decode()


def test_a_scheduled_outcome_freezes_its_figures_when_it_goes_live(event):
    outcome = OutcomePage(
        title="Outcome summary", slug="outcomes", executive_summary="<p>Soon.</p>"
    )
    outcome.live = False
    event.add_child(instance=outcome)
    outcome.go_live_at = timezone.now() + timedelta(hours=1)
    outcome.save_revision().publish()

    assert OutcomePage.objects.get(pk=outcome.pk).statistics_frozen_at is None
