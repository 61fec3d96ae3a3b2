"""Decisions on proposals and what follows them: the organisers decide (each decision
locks the proposal and names the status it was made from, so of two organisers
deciding at once the second is told, not overwritten), the proposers see it and are
mailed it through the event's outbox from the call's publication day, accepted
proposers confirm or decline (reminded once if they have not a week after), and a
confirmed proposal becomes a draft session.

Each mail on a proposal is a message of its own in the outbox ("proposal:<pk>:<n>");
a newer decision, or the proposers' answer, stops the ones still queued, so the
proposers never get a decision that no longer stands."""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events.services import can_manage
from events.tree import event_of
from participants import messaging
from participants.languages import writing_to
from sessions.proposals import conversion, queries
from sessions.proposals.models import Proposal
from sessions.proposals.services import ProposalError
from toolkit.addresses import absolute

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
        raise ProposalError(_("Choose a decision."))
    event = event_of(call)
    if not can_manage(actor, event):
        raise ProposalError(_("Only the event's organisers decide on proposals."))
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(call=call, pk=pk)
        if proposal.status == Status.WITHDRAWN:
            raise ProposalError(
                _("The proposers withdrew this proposal; it cannot be decided.")
            )
        if proposal.status not in DECIDABLE:
            raise ProposalError(
                _(
                    "The proposers have answered already (%(status)s); the decision "
                    "stands."
                )
                % {"status": proposal.get_status_display().lower()}
            )
        if proposal.status != seen:
            raise ProposalError(
                _(
                    "Another organiser decided this proposal meanwhile: it is now "
                    "“%(status)s”. Check it and decide again."
                )
                % {"status": proposal.get_status_display()}
            )
        now = timezone.now()
        proposal.status = decision
        proposal.decision_message = message
        proposal.decided_at = now
        proposal.decision_public_at = published_at(call, event, now)
        proposal.decided_by = actor
        proposal.confirmation_reminded_at = None
        proposal.save()
        _stop_mails(proposal, event)
        if decision in MAILED:
            _mail(proposal, call, event)
    return proposal


def published_at(call, event, now):
    """When a decision taken `now` reaches the proposers: the start of the call's
    publication day in the event's zone, or at once if that has come."""
    if call.decisions_on is None:
        return now
    day = datetime.combine(call.decisions_on, time(0), tzinfo=event.tzinfo)
    return max(now, day)


def answer(user, call, pk, *, confirm):
    """The proposers confirm they will hold the accepted session (which becomes a
    draft session of the event) or decline it."""
    with transaction.atomic():
        if not queries.own_proposals(user, call).filter(pk=pk).exists():
            raise Proposal.DoesNotExist
        proposal = Proposal.objects.select_for_update().get(pk=pk)
        if proposal.status not in TO_CONFIRM or not proposal.decision_public:
            raise ProposalError(
                _("There is nothing to confirm: this proposal is %(status)s.")
                % {"status": proposal.get_status_display().lower()}
            )
        if confirm:
            proposal.status = Status.CONFIRMED
            proposal.confirmed_at = timezone.now()
            proposal.session = conversion.session_from(proposal)
        else:
            proposal.status = Status.DECLINED
        proposal.save()
        _stop_mails(proposal, event_of(call))  # a reminder still queued
    return proposal


def recipients(proposal):
    """The proposer and co-proposers, as accounts with an address."""
    people = [proposal.proposer, *proposal.co_proposers.all()]
    return [user for user in people if user and user.email]


def _matter(proposal):
    return f"proposal:{proposal.pk}:"


def _stop_mails(proposal, event):
    messaging.supersede(event, _matter(proposal))


def _mail(proposal, call, event, *, reminder=False):
    """Queue the decision (or the reminder to confirm it) in the event's outbox,
    written in the proposer's language (one mail goes to all the proposers)."""
    with writing_to(proposal.proposer):
        subject, body = decision_mail(proposal, call, event, reminder=reminder)
    messaging.write(
        event,
        matter=_matter(proposal),
        subject=subject,
        body=body,
        users=recipients(proposal),
        audience=_("The proposers of “%(title)s”") % {"title": proposal.title},
        send_after=proposal.decision_public_at,
    )


def decision_mail(proposal, call, event, *, reminder=False):
    """(subject, text) of the mail on `proposal`'s decision; its subject names the
    decision, so it is never taken for the receipt of a submission."""
    label = proposal.get_status_display()
    address = absolute(call.url + call.reverse_subpage("proposal", args=[proposal.pk]))
    if reminder:
        subject = _("Please confirm your session “%(title)s”") % {
            "title": proposal.title
        }
    else:
        subject = _("Decision on your proposal “%(title)s”: %(decision)s") % {
            "title": proposal.title,
            "decision": label,
        }
    lines = [
        _("Dear proposers,"),
        _(
            "The organisers of %(event)s have decided on your proposal “%(title)s” "
            "to %(call)s: %(decision)s."
        )
        % {
            "event": event.title,
            "title": proposal.title,
            "call": call.title,
            "decision": label,
        },
    ]
    if proposal.decision_message:
        lines.append(proposal.decision_message)
    if proposal.status in TO_CONFIRM:
        lines.append(
            _(
                "Please confirm that you will hold the session, or decline it, on "
                "your proposal's page: %(address)s"
            )
            % {"address": address}
        )
    else:
        lines.append(
            _("Your proposal stays on its page: %(address)s") % {"address": address}
        )
    return subject, "\n\n".join(lines) + "\n"


def remind_unconfirmed(now=None):
    """Reminds once the proposers of accepted proposals who have not answered within
    REMIND_AFTER of its publication; returns how many were reminded. Each reminder is
    claimed by one conditional update, so two schedulers never send it twice."""
    now = now or timezone.now()
    due = Proposal.objects.filter(
        status__in=TO_CONFIRM,
        decision_public_at__lte=now - REMIND_AFTER,
        confirmation_reminded_at=None,
    ).values_list("pk", "status")
    reminded = 0
    for pk, status in due:
        with transaction.atomic():
            claimed = Proposal.objects.filter(
                pk=pk, status=status, confirmation_reminded_at=None
            ).update(confirmation_reminded_at=now)
            if claimed:
                proposal = Proposal.objects.select_related("call", "proposer").get(
                    pk=pk
                )
                call = proposal.call
                _mail(proposal, call, event_of(call), reminder=True)
                reminded += 1
    return reminded
