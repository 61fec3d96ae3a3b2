"""Proposing: a draft started, edited by its proposer and co-proposers, submitted or
withdrawn, all while the call is open. Each act locks the proposal's row and checks
the deadline under the lock, so an edit that arrives after the call closed, or over a
co-proposer's newer save, is refused with the reason, never half applied."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sessions.proposals import queries
from sessions.proposals.models import Proposal, ProposalPerson

# A person's proposals in one call, drafts included: enough for any real proposer,
# and a bound on what one account can make the secretariat read.
MAX_PER_PROPOSER = 20
EDITABLE = (Proposal.Status.DRAFT, Proposal.Status.SUBMITTED)
PERSON_FIELDS = (
    "role",
    "name",
    "email",
    "organisation",
    "group",
    "country",
    "gender",
    "mode",
    "agreed",
)


class ProposalError(Exception):
    """A refusal, worded for the proposer."""


def _check_open(call, now=None):
    now = now or timezone.now()
    if now < call.opens_at:
        raise ProposalError(_("This call is not open yet."))
    if now >= call.closes_at:
        raise ProposalError(
            _("This call closed; proposals can no longer be started or changed.")
        )


def _locked(user, proposal):
    """The proposal's row, locked, if `user` may still change it."""
    locked = (
        queries.own_proposals(user, proposal.call)
        .filter(pk=proposal.pk)
        .values_list("pk", flat=True)
    )
    if not locked:
        raise Proposal.DoesNotExist
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status not in EDITABLE:
        raise ProposalError(
            _("This proposal is %(status)s; it can no longer be changed.")
            % {"status": proposal.get_status_display().lower()}
        )
    _check_open(proposal.call)
    return proposal


def start(user, call, *, title):
    """A new draft proposal of `user` in `call`."""
    _check_open(call)
    with transaction.atomic():
        # The proposer's row serialises their starts: two tabs cannot pass the cap.
        get_user_model().objects.select_for_update().filter(pk=user.pk).exists()
        if Proposal.objects.filter(call=call, proposer=user).count() >= (
            MAX_PER_PROPOSER
        ):
            raise ProposalError(
                ngettext(
                    "You have %(n)s proposal in this call already; withdraw or "
                    "reuse it.",
                    "You have %(n)s proposals in this call already; withdraw or "
                    "reuse one of them.",
                    MAX_PER_PROPOSER,
                )
                % {"n": MAX_PER_PROPOSER}
            )
        return Proposal.objects.create(call=call, proposer=user, title=title)


def co_proposers_by_email(emails, *, besides):
    """The active accounts of `emails`, but `besides` (the proposer); refuses an
    address no account has."""
    if not emails:
        return []
    wanted = Q()
    for email in emails:
        wanted |= Q(email__iexact=email)
    users = {
        user.email.casefold(): user
        for user in get_user_model().objects.filter(wanted, is_active=True)
    }
    unknown = [email for email in emails if email.casefold() not in users]
    if unknown:
        raise ProposalError(
            _(
                "No account uses %(emails)s: co-proposers sign up first, then you "
                "add them."
            )
            % {"emails": ", ".join(unknown)}
        )
    return [user for user in users.values() if user.pk != besides.pk]


def save(user, proposal, *, version, fields, themes, people, co_proposers):
    """Writes the whole proposal as the form holds it: its fields, themes, people
    (a list of dicts of PERSON_FIELDS, replacing those it had) and co-proposers
    (accounts; only the proposer changes them). `version` is the one the form was
    edited from: a newer save by someone else refuses this one."""
    with transaction.atomic():
        proposal = _locked(user, proposal)
        if version != proposal.version:
            raise ProposalError(
                _(
                    "Someone else saved this proposal while you were editing it. Your "
                    "changes are still in the form below: check them against the "
                    "saved version and save again."
                )
            )
        for name, value in fields.items():
            setattr(proposal, name, value)
        proposal.version += 1
        proposal.full_clean(exclude=["call", "proposer"])
        proposal.save()
        proposal.themes.set(themes)
        proposal.people.all().delete()
        ProposalPerson.objects.bulk_create(
            ProposalPerson(proposal=proposal, **{k: row[k] for k in PERSON_FIELDS})
            for row in people
        )
        if user.pk == proposal.proposer_id:
            proposal.co_proposers.set(co_proposers)
    return proposal


def submit(user, proposal):
    with transaction.atomic():
        proposal = _locked(user, proposal)
        if proposal.status == Proposal.Status.SUBMITTED:
            return proposal
        proposal.status = Proposal.Status.SUBMITTED
        proposal.submitted_at = timezone.now()
        proposal.save(update_fields=["status", "submitted_at", "updated_at"])
    return proposal


def withdraw(user, proposal):
    with transaction.atomic():
        proposal = _locked(user, proposal)
        proposal.status = Proposal.Status.WITHDRAWN
        proposal.save(update_fields=["status", "updated_at"])
    return proposal
