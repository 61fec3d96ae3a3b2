"""Decisions on proposals and what follows them: the organisers decide (each decision
locks the proposal and names the status it was made from, so of two organisers
deciding at once the second is told, not overwritten), the proposers are mailed
through the background queue, accepted proposers confirm or decline (reminded once
if they have not after a week), and a confirmed proposal becomes a draft session."""

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, linebreaks
from django_tasks import task

from events.services import can_manage
from events.tree import event_of
from participants.emails import enqueue_after_commit, send
from participants.mail_texts import Mail
from sessions.proposals import conversion, queries
from sessions.proposals.models import Proposal
from sessions.proposals.services import ProposalError
from toolkit.addresses import absolute

logger = logging.getLogger("convening.proposals")
Status = Proposal.Status
DECISIONS = (Status.SHORTLISTED, Status.ACCEPTED, Status.CHANGES, Status.REJECTED)
# Shortlisting is the organisers' own step: the proposers hear of the others.
MAILED = (Status.ACCEPTED, Status.CHANGES, Status.REJECTED)
TO_CONFIRM = (Status.ACCEPTED, Status.CHANGES)
DECIDABLE = (Status.SUBMITTED, *DECISIONS)  # until the proposers have answered
REMIND_AFTER = timedelta(days=7)


def decide(actor, call, pk, *, decision, message, seen):
    """Records `decision` on proposal `pk` of `call`, made by an organiser who saw it
    in status `seen`; mails it to the proposers unless it is a shortlisting."""
    if decision not in DECISIONS:
        raise ProposalError("Choose a decision.")
    if not can_manage(actor, call.get_parent()):
        raise ProposalError("Only the event's organisers decide on proposals.")
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(call=call, pk=pk)
        if proposal.status == Status.WITHDRAWN:
            raise ProposalError(
                "The proposers withdrew this proposal; it cannot be decided."
            )
        if proposal.status not in DECIDABLE:
            raise ProposalError(
                f"The proposers have answered already "
                f"({proposal.get_status_display().lower()}); the decision stands."
            )
        if proposal.status != seen:
            raise ProposalError(
                "Another organiser decided this proposal meanwhile: it is now "
                f"“{proposal.get_status_display()}”. Check it and decide again."
            )
        proposal.status = decision
        proposal.decision_message = message
        proposal.decided_at = timezone.now()
        proposal.decided_by = actor
        proposal.confirmation_reminded_at = None
        proposal.save()
        if decision in MAILED:
            enqueue_after_commit(send_decision, proposal.pk, decision)
    return proposal


def answer(user, call, pk, *, confirm):
    """The proposers confirm they will hold the accepted session (which becomes a
    draft session of the event) or decline it."""
    with transaction.atomic():
        if not queries.own_proposals(user, call).filter(pk=pk).exists():
            raise Proposal.DoesNotExist
        proposal = Proposal.objects.select_for_update().get(pk=pk)
        if proposal.status not in TO_CONFIRM:
            raise ProposalError(
                "There is nothing to confirm: this proposal is "
                f"{proposal.get_status_display().lower()}."
            )
        if confirm:
            proposal.status = Status.CONFIRMED
            proposal.confirmed_at = timezone.now()
            proposal.session = conversion.session_from(proposal)
        else:
            proposal.status = Status.DECLINED
        proposal.save()
    return proposal


def recipients(proposal):
    people = [proposal.proposer, *proposal.co_proposers.all()]
    return [user.email for user in people if user and user.email]


def decision_mail(proposal, *, reminder=False):
    call = proposal.call
    event = event_of(call)
    label = proposal.get_status_display()
    address = absolute(call.url + call.reverse_subpage("proposal", args=[proposal.pk]))
    subject = (
        f"Please confirm your session “{proposal.title}”"
        if reminder
        else f"Decision on your proposal “{proposal.title}”: {label}"
    )
    lines = [
        "Dear proposers,",
        (
            f"The organisers of {event.title} have decided on your proposal "
            f"“{proposal.title}” to {call.title}: {label}."
        ),
    ]
    if proposal.decision_message:
        lines.append(proposal.decision_message)
    if proposal.status in TO_CONFIRM:
        lines.append(
            "Please confirm that you will hold the session, or decline it, on your "
            f"proposal's page: {address}"
        )
    else:
        lines.append(f"Your proposal stays on its page: {address}")
    text = "\n\n".join(lines) + "\n"
    html = "\n".join(linebreaks(escape(line)) for line in lines)
    return Mail(subject, text, html)


@task(backend="background")
def send_decision(pk, decision, reminder=False):
    proposal = Proposal.objects.select_related("call", "proposer").filter(pk=pk).first()
    if proposal is None or proposal.status != decision:
        return  # decided otherwise since: that decision has its own mail
    mail = decision_mail(proposal, reminder=reminder)
    for address in recipients(proposal):
        try:
            send(mail, address)
        except OSError:
            logger.exception("Could not mail the decision on proposal %s", pk)
            raise


def remind_unconfirmed(now=None):
    """Reminds once the proposers of accepted proposals who have not answered within
    REMIND_AFTER; returns how many were reminded. Each reminder is claimed by one
    conditional update, so two schedulers never send it twice."""
    now = now or timezone.now()
    due = Proposal.objects.filter(
        status__in=TO_CONFIRM,
        decided_at__lte=now - REMIND_AFTER,
        confirmation_reminded_at=None,
    ).values_list("pk", "status")
    reminded = 0
    for pk, status in due:
        with transaction.atomic():
            claimed = Proposal.objects.filter(
                pk=pk, status=status, confirmation_reminded_at=None
            ).update(confirmation_reminded_at=now)
            if claimed:
                enqueue_after_commit(send_decision, pk, status, True)
                reminded += 1
    return reminded
