"""Reminders the scheduler sends: before the event (with the venue, the participant's
agenda and, for those with an online place, the link) and before each session in an
agenda, each once per person however many rounds run."""

from datetime import datetime, timedelta

import pytest
from django.core import mail

from convening import scheduler
from participants import messaging, services
from participants.models import Delivery, Message
from sessions import agenda, reminders
from tests.factories import ProfileFactory, SessionPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum(open_event):
    """An event on 12 May 2031 (Zurich) with a reminder 48 hours before, one session
    at 10:00 on its first day, and reminders 30 minutes before sessions."""
    event = open_event(
        quotas={"government": 5},
        registration_online=True,
        online_link="https://meet.example/forum",
        reminder_hours=48,
        session_reminder_minutes=30,
    )
    session = SessionPageFactory(event=event, title="Small grants, big lessons")
    return event, session


def at(event, day, hour, minute=0):
    return datetime(2031, 5, day, hour, minute, tzinfo=event.tzinfo)


def register(event, **kwargs):
    return services.register(ProfileFactory().user, event, **kwargs)


def test_the_event_reminder_goes_once_to_each_confirmed_registrant(
    forum, django_capture_on_commit_callbacks
):
    event, session = forum
    in_person = register(event)
    online = register(event, mode="online")
    agenda.add(online.user, session)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        early = messaging.event_reminders_due(now=at(event, 9, 23))
        first = messaging.event_reminders_due(now=at(event, 10, 1))
        again = messaging.event_reminders_due(now=at(event, 11, 9))
    late = register(event)  # registers after the first round, before the event
    with django_capture_on_commit_callbacks(execute=True):
        latecomer = messaging.event_reminders_due(now=at(event, 11, 10))
        begun = messaging.event_reminders_due(now=at(event, 12, 0, 1))

    assert (early, first, again, latecomer, begun) == (0, 2, 0, 1, 0)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        r.user.email for r in (in_person, online, late)
    )
    by_person = {m.to[0]: m for m in mail.outbox}
    remote = by_person[online.user.email].body
    room = by_person[in_person.user.email].body
    assert by_person[online.user.email].subject == f"Soon: {event.title}"
    assert "Join online: https://meet.example/forum" in remote
    assert "Mon 12 May 10:00–11:30  Small grants, big lessons" in remote
    assert "Venue: Geneva" in room and "Venue:" not in remote
    assert Message.objects.filter(purpose=messaging.REMINDER).count() == 1


def test_a_waiting_registrant_gets_no_reminder_and_no_link(
    forum, django_capture_on_commit_callbacks
):
    event, _ = forum
    event.quotas.update(seats=0)
    waiting = register(event)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        messaging.event_reminders_due(now=at(event, 11, 0))

    assert waiting.status == "waiting"
    assert mail.outbox == []


def test_a_session_reminder_reaches_only_those_with_it_in_their_agenda_once(
    forum, django_capture_on_commit_callbacks
):
    event, session = forum
    keen, other = register(event), register(event)
    agenda.add(keen.user, session)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        too_early = reminders.session_reminders_due(now=at(event, 12, 9, 29))
        due = reminders.session_reminders_due(now=at(event, 12, 9, 31))
        again = reminders.session_reminders_due(now=at(event, 12, 9, 45))

    assert (too_early, due, again) == (0, 1, 0)
    (reminder,) = mail.outbox
    assert reminder.to == [keen.user.email]
    assert reminder.subject == "Soon: Mon 12 May 10:00–11:30 Small grants, big lessons"
    assert other.user.email not in [m.to[0] for m in mail.outbox]


def test_no_reminders_when_the_organiser_wants_none(
    forum, django_capture_on_commit_callbacks
):
    event, session = forum
    event.reminder_hours = event.session_reminder_minutes = None
    event.save_revision().publish()
    agenda.add(register(event).user, session)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        messaging.event_reminders_due(now=at(event, 11, 0))
        reminders.session_reminders_due(now=at(event, 12, 9, 45))

    assert mail.outbox == [] and not Delivery.objects.exists()


def test_the_scheduler_round_sends_reminders(forum, django_capture_on_commit_callbacks):
    """The round the launcher and run_scheduler run (convening.scheduler)."""
    event, _ = forum
    person = register(event)
    event.start_date = (datetime.now(event.tzinfo) + timedelta(hours=24)).date()
    event.end_date = event.start_date + timedelta(days=1)
    event.save_revision().publish()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        said = scheduler.mail_due()

    assert said == "1 reminder(s) queued"
    assert [m.to for m in mail.outbox] == [[person.user.email]]
