"""Sending a message raced: many clicks on Send at once, and several workers draining
one message at once (PostgreSQL only: SQLite runs one writer at a time). Each race has
its control, the same race without the guard, which shows it can fail."""

import time
import uuid
from collections import Counter

import pytest
from django.core import mail

from participants import messaging, services
from participants.models import Delivery, Message
from tests.factories import ProfileFactory
from tests.races import needs_postgresql, race

pytestmark = [
    needs_postgresql,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PEOPLE = 20
CLICKS = 8


@pytest.fixture
def draft(open_event, admin_user):
    event = open_event(quotas={"government": PEOPLE})
    for _ in range(PEOPLE):
        services.register(ProfileFactory().user, event)
    mail.outbox.clear()
    return messaging.compose(
        admin_user,
        event,
        token=uuid.uuid4(),
        subject="Programme update",
        body="Hello {name}",
        audience={"statuses": ["confirmed"]},
    )


def received():
    return Counter(m.to[0] for m in mail.outbox if m.subject == "Programme update")


def test_many_clicks_on_send_at_once_send_once(draft, admin_user):
    results = []

    errors = race([lambda: results.append(messaging.send(admin_user, draft))] * CLICKS)

    assert errors == []
    assert sorted(results) == [False] * (CLICKS - 1) + [True]
    assert Delivery.objects.count() == PEOPLE
    assert len(received()) == PEOPLE and set(received().values()) == {1}


def test_the_same_clicks_without_the_guard_send_more_than_once(
    draft, admin_user, monkeypatch
):
    """The control: a read, then a write, lets several clicks through."""

    def unguarded(message):
        fresh = Message.objects.get(pk=message.pk)
        time.sleep(0.05)  # everyone reads "draft" before anyone writes
        if fresh.status != Message.Status.DRAFT:
            return 0
        return Message.objects.filter(pk=message.pk).update(
            status=Message.Status.SENDING
        )

    monkeypatch.setattr(messaging, "_start_sending", unguarded)
    results = []

    errors = race([lambda: results.append(messaging.send(admin_user, draft))] * CLICKS)

    # Several clicks believed they sent it; only the deliveries' unique constraint
    # kept the extra sets out (their transactions failed).
    assert results.count(True) + len(errors) > 1


@pytest.fixture
def queued(draft):
    Message.objects.filter(pk=draft.pk).update(status=Message.Status.SENDING)
    Delivery.objects.bulk_create(
        Delivery(message=draft, registration=r)
        for r in messaging.recipients(draft.event, draft.audience)
    )
    return draft


def test_workers_draining_one_message_at_once_send_each_mail_once(queued):
    errors = race([lambda: messaging.drain.call(queued.pk)] * 4)

    assert errors == []
    assert len(received()) == PEOPLE and set(received().values()) == {1}
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}


def test_the_same_workers_without_the_claim_send_twice(queued, monkeypatch):
    """The control: a delivery read as queued, then marked, goes out more than once."""

    def unclaimed(pk):
        fresh = Delivery.objects.get(pk=pk)
        time.sleep(0.01)
        if fresh.status != Delivery.Status.QUEUED:
            return 0
        return Delivery.objects.filter(pk=pk).update(status=Delivery.Status.SENDING)

    monkeypatch.setattr(messaging, "_claim", unclaimed)

    race([lambda: messaging.drain.call(queued.pk)] * 4)

    assert max(received().values()) > 1
