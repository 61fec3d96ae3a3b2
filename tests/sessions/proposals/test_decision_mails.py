"""Decision mails go through the event's outbox, to proposers who need not be
registered: organisers see them there with each proposer's delivery; a call's
publication day holds both the decision and its mail; a decision changed before its
mail went stops that mail."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from participants import messaging
from participants.models import Delivery, Message, Registration
from sessions.models import Proposal
from sessions.proposals import decisions
from tests.factories import UserFactory, call_page, proposal
from tests.sessions.proposals.test_decisions import decide_on_screen
from tests.sessions.proposals.test_screening import balanced_people

pytestmark = pytest.mark.django_db


@pytest.fixture
def later_call(event):
    """A call whose decisions are published ten days from now."""
    day = timezone.localdate() + timedelta(days=10)
    return call_page(event, decisions_on=day)


def test_decision_mails_are_in_the_outbox_with_each_proposer(
    client, organiser, event, sent, committed
):
    with committed():
        decide_on_screen(client, event, sent, "accepted")

    outbox = client.get(f"/admin/events/{event.pk}/messages/").content.decode()
    message = Message.objects.get()
    page = client.get(f"/admin/events/{event.pk}/messages/{message.pk}/")
    shown = page.content.decode()

    assert not Registration.objects.exists()  # the proposers are not registered
    assert "Decision on your proposal “Archives for all”: Accepted" in outbox
    assert "The proposers of “Archives for all”" in outbox
    assert "2 of 2" in outbox  # sent, of recipients
    assert "amina@example.org" in shown and "ken@example.org" in shown
    assert "As the proposers read it" in shown
    assert sorted(message.deliveries.values_list("status", flat=True)) == [
        "sent",
        "sent",
    ]
    assert len(mail.outbox) == 2


def test_a_decision_waits_for_the_calls_publication_day(
    client, organiser, event, later_call, committed
):
    made = proposal(later_call, UserFactory(), people=balanced_people())
    with committed():
        said = decide_on_screen(client, event, made, "accepted", "Welcome aboard.")
    outbox = client.get(f"/admin/events/{event.pk}/messages/").content.decode()
    client.force_login(made.proposer)
    page = client.get(f"{later_call.url}proposals/{made.pk}/").content.decode()
    early = client.post(f"{later_call.url}proposals/{made.pk}/confirm/", follow=True)

    # 00:00 in Zurich on the publication day (UTC+1 in winter, UTC+2 in summer).
    day = later_call.decisions_on
    assert Proposal.objects.get().decision_public_at.astimezone(
        event.tzinfo
    ) == datetime(day.year, day.month, day.day, tzinfo=event.tzinfo)
    assert (
        f"The proposers are mailed on {day:%-d %B %Y}, when decisions are published"
        in said.content.decode()
    )
    assert mail.outbox == []
    assert "Held until" in outbox
    assert "Under review" in page and "Accepted" not in page
    assert "Welcome aboard." not in page
    assert "There is nothing to confirm" in early.content.decode()
    assert Proposal.objects.get().status == "accepted"

    # The day comes: the decision shows, and the scheduler's round sends the mail.
    past = timezone.now() - timedelta(minutes=1)
    Proposal.objects.update(decision_public_at=past)
    Message.objects.update(send_after=past)
    with committed():
        queued = messaging.resume(now=timezone.now() + messaging.STALLED * 2)
    page = client.get(f"{later_call.url}proposals/{made.pk}/").content.decode()

    assert queued == 1
    assert [m.subject for m in mail.outbox] == [
        "Decision on your proposal “A workshop”: Accepted"
    ]
    assert "Accepted" in page and "Welcome aboard." in page


def test_a_decision_changed_before_its_mail_went_stops_that_mail(
    client, organiser, event, later_call, committed
):
    made = proposal(later_call, UserFactory(email="lead@example.org"))
    with committed():
        decide_on_screen(client, event, made, "accepted")
        made.refresh_from_db()
        decide_on_screen(client, event, made, "rejected", seen="accepted")
    Message.objects.update(send_after=timezone.now() - timedelta(minutes=1))
    with committed():
        messaging.resume(now=timezone.now() + messaging.STALLED * 2)

    first, second = Message.objects.order_by("pk")
    assert first.deliveries.get().status == Delivery.Status.SUPERSEDED
    assert first.status == Message.Status.SENT  # nothing left to send
    assert second.deliveries.get().status == Delivery.Status.SENT
    assert [m.subject for m in mail.outbox] == [
        "Decision on your proposal “A workshop”: Not accepted"
    ]
    outbox = client.get(f"/admin/events/{event.pk}/messages/{first.pk}/")
    assert "Not sent: replaced by a later mail" in outbox.content.decode()


def test_a_reminder_still_queued_when_the_proposers_confirm_is_not_sent(
    client, organiser, call, sent, committed
):
    with committed():
        decisions.decide(
            organiser, call, sent.pk, decision="accepted", message="", seen="submitted"
        )
    week_later = timezone.now() + decisions.REMIND_AFTER + timedelta(minutes=1)
    decisions.remind_unconfirmed(week_later)  # its mail waits for the commit
    client.force_login(sent.proposer)
    with committed():
        client.post(f"{call.url}proposals/{sent.pk}/confirm/")

    reminder = Message.objects.get(subject__startswith="Please confirm")
    assert Proposal.objects.get().status == "confirmed"
    assert set(reminder.deliveries.values_list("status", flat=True)) == {
        Delivery.Status.SUPERSEDED
    }
    assert not any(m.subject.startswith("Please confirm") for m in mail.outbox)


def test_the_publication_instant_is_the_day_in_the_events_zone(event):
    call = call_page(event, decisions_on=datetime(2031, 3, 1).date())
    before = datetime(2031, 2, 20, tzinfo=UTC)
    after = datetime(2031, 3, 5, tzinfo=UTC)

    assert decisions.published_at(call, event, before) == datetime(
        2031, 2, 28, 23, 0, tzinfo=UTC
    )  # midnight in Zurich (UTC+1 in March)
    assert decisions.published_at(call, event, after) == after
    call.decisions_on = None
    assert decisions.published_at(call, event, before) == before
