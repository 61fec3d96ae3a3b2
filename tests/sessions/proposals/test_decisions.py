"""Decisions: organisers decide from their screen, proposers are mailed and confirm,
and a confirmed proposal becomes a draft session that the grid shows."""

import time
from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from sessions.models import Person, Proposal, SessionPage
from sessions.proposals import decisions
from sessions.proposals.services import ProposalError
from tests.factories import (
    EventPageFactory,
    PersonFactory,
    UserFactory,
    call_page,
    proposal,
    theme,
)
from tests.races import needs_postgresql, race

pytestmark = pytest.mark.django_db


def decide_on_screen(client, event, made, decision, message="", seen=None):
    return client.post(
        f"/admin/events/{event.pk}/proposals/",
        {
            "do": "decide",
            "proposal": made.pk,
            "seen": seen or made.status,
            "decision": decision,
            "message": message,
        },
        follow=True,
    )


def test_an_accepted_proposal_is_mailed_to_its_proposers(
    client, organiser, event, sent, committed
):
    with committed():
        response = decide_on_screen(
            client,
            event,
            sent,
            "accepted",
            "Please add a <b>speaker</b> from academia.",
        )

    said = (
        f"#{sent.pk} Archives for all: Accepted. "
        "The proposers are mailed (see the outbox)."
    )
    assert said in response.content.decode()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "amina@example.org",
        "ken@example.org",
    ]
    message = mail.outbox[0]
    assert message.subject == "Decision on your proposal “Archives for all”: Accepted"
    assert "Please add a <b>speaker</b> from academia." in message.body
    assert f"{settings.SITE_URL}{sent.call.url}proposals/{sent.pk}/" in message.body
    html = message.alternatives[0][0]
    assert "&lt;b&gt;speaker&lt;/b&gt;" in html and "<b>speaker" not in html


def test_a_shortlisting_tells_no_one_and_proposers_see_it_under_review(
    client, organiser, event, sent, committed
):
    with committed():
        decide_on_screen(client, event, sent, "shortlisted")
    client.force_login(sent.proposer)

    page = client.get(f"{sent.call.url}proposals/{sent.pk}/").content.decode()

    assert Proposal.objects.get().status == "shortlisted"
    assert mail.outbox == []
    assert "Under review" in page and "Shortlist" not in page


def test_a_rejection_says_so_without_asking_to_confirm(
    client, organiser, event, sent, committed
):
    with committed():
        decide_on_screen(client, event, sent, "rejected", "Too close to another one.")

    body = mail.outbox[0].body
    assert mail.outbox[0].subject.endswith(": Not accepted")
    assert "Too close to another one." in body
    assert "confirm" not in body


def test_a_withdrawn_proposal_is_not_decided(client, organiser, event, sent):
    Proposal.objects.filter(pk=sent.pk).update(status="withdrawn")
    sent.refresh_from_db()

    response = decide_on_screen(client, event, sent, "accepted")

    assert "The proposers withdrew this proposal; it cannot be decided." in (
        response.content.decode()
    )
    assert Proposal.objects.get().status == "withdrawn"
    assert mail.outbox == []


def test_a_decision_made_from_an_older_view_is_refused(
    client, organiser, event, sent, committed
):
    with committed():
        decide_on_screen(client, event, sent, "rejected")
        response = decide_on_screen(client, event, sent, "accepted", seen="submitted")

    assert (
        "Another organiser decided this proposal meanwhile: it is now “Not accepted”"
        in (response.content.decode())
    )
    assert Proposal.objects.get().status == "rejected"
    assert len(mail.outbox) == 2  # the rejection, to both proposers


def test_only_the_events_organisers_decide(call, sent):
    with pytest.raises(ProposalError, match="Only the event's organisers"):
        decisions.decide(
            sent.proposer,
            call,
            sent.pk,
            decision="accepted",
            message="",
            seen="submitted",
        )


def accept(call, made, organiser):
    decisions.decide(
        organiser, call, made.pk, decision="accepted", message="", seen=made.status
    )


def test_a_confirmed_proposal_becomes_a_draft_session_in_the_grid(
    client, organiser, event, call, sent
):
    known = PersonFactory(name="Ana Souza (programme)", email="ana@example.org")
    Proposal.objects.get().people.filter(name="Ana Souza").update(
        email="ANA@example.org"
    )
    accept(call, sent, organiser)
    client.force_login(sent.co_proposers.get())

    confirmed = client.post(
        f"{call.url}proposals/{sent.pk}/confirm/", follow=True
    ).content.decode()
    again = client.post(f"{call.url}proposals/{sent.pk}/confirm/", follow=True)

    session = SessionPage.objects.get()
    assert "your session is confirmed" in confirmed
    assert "There is nothing to confirm" in again.content.decode()
    assert Proposal.objects.get().session == session
    assert (session.live, session.title, session.code) == (
        False,
        "Archives for all",
        f"P-{sent.pk}",
    )
    # The event's first morning (9:00 in Zurich, UTC+2 in May), for as long as asked.
    assert session.start == datetime(2031, 5, 12, 7, 0, tzinfo=UTC)
    assert session.end - session.start == timedelta(minutes=90)
    assert [q.text for q in session.guiding_questions.all()] == [
        "Who funds local archives?",
        "How do we share what works?",
    ]
    assert "<p>Why community networks need shared knowledge.</p>" in session.background
    roles = [(r.role, r.person.name) for r in session.roles.all()]
    assert ("speaker", "Ana Souza (programme)") in roles  # matched by email
    assert ("moderator", "Grace Mukamana") in roles
    assert not any(name == "Amina Diallo" for _, name in roles)  # an organiser
    assert Person.objects.filter(pk=known.pk).count() == 1
    assert list(session.themes.all()) == [theme()]
    client.force_login(organiser)
    grid = client.get(f"/admin/events/{event.pk}/grid/").content.decode()
    assert "Archives for all" in grid


def test_declining_makes_no_session(client, organiser, call, sent):
    accept(call, sent, organiser)
    client.force_login(sent.proposer)

    client.post(f"{call.url}proposals/{sent.pk}/decline/")

    assert Proposal.objects.get().status == "declined"
    assert not SessionPage.objects.exists()


def test_someone_else_cannot_confirm(client, organiser, call, sent):
    accept(call, sent, organiser)
    client.force_login(UserFactory())

    response = client.post(f"{call.url}proposals/{sent.pk}/confirm/")

    assert response.status_code == 404
    assert Proposal.objects.get().status == "accepted"


def test_unconfirmed_proposers_are_reminded_once_after_a_week(
    organiser, call, sent, committed
):
    accept(call, sent, organiser)
    week_later = timezone.now() + decisions.REMIND_AFTER + timedelta(minutes=1)

    with committed():
        early = decisions.remind_unconfirmed(timezone.now())
        first = decisions.remind_unconfirmed(week_later)
        second = decisions.remind_unconfirmed(week_later + timedelta(days=1))

    assert (early, first, second) == (0, 1, 0)
    assert [m.subject for m in mail.outbox] == [
        "Please confirm your session “Archives for all”"
    ] * 2
    assert "Please confirm that you will hold the session" in mail.outbox[0].body


@needs_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("locked", [True, False], ids=["locked", "unlocked"])
def test_two_organisers_deciding_at_once_never_overwrite_unseen(monkeypatch, locked):
    call = call_page(EventPageFactory())
    made = proposal(call, UserFactory())
    organisers = [UserFactory(is_superuser=True) for _ in range(2)]
    save = Proposal.save

    def slow_save(self, *args, **kwargs):
        time.sleep(0.1)  # the gap between the check and the write
        return save(self, *args, **kwargs)

    monkeypatch.setattr(Proposal, "save", slow_save)
    if not locked:
        monkeypatch.setattr(
            decisions.Proposal.objects, "select_for_update", lambda: Proposal.objects
        )

    errors = race(
        [
            lambda o=o, d=d: decisions.decide(
                o, call, made.pk, decision=d, message="", seen="submitted"
            )
            for o, d in zip(organisers, ["accepted", "rejected"], strict=True)
        ]
    )

    if locked:
        assert [str(e)[:38] for e in errors] == [
            "Another organiser decided this proposa"
        ]
    else:
        assert errors == []  # both "won": one decision silently lost
