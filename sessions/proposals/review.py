"""Review: proposals allocated to the call's reviewers by theme and in balanced
numbers, conflicts of interest declared (and never shown again), scores against the
call's criteria. Allocation runs under the call's lock, so two organisers pressing
"Allocate" at once give each proposal its reviewers once."""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from events.services import can_manage
from sessions.proposals.models import (
    Allocation,
    CallCriterion,
    CallPage,
    Expertise,
    Proposal,
    Review,
)
from sessions.proposals.queries import for_screening
from sessions.proposals.services import ProposalError

# Proposals that reviewers score: sent, not taken back and not decided. They still
# read the others they were given (VISIBLE).
REVIEWED = (Proposal.Status.SUBMITTED, Proposal.Status.SHORTLISTED)
VISIBLE = [
    s
    for s in Proposal.Status
    if s not in (Proposal.Status.DRAFT, Proposal.Status.WITHDRAWN)
]


def reviewers_of(call):
    """The active members of the call's reviewers' group, by pk."""
    if not call.reviewers_id:
        return []
    return list(
        get_user_model()
        .objects.filter(groups=call.reviewers_id, is_active=True)
        .order_by("pk")
    )


def is_reviewer(user, call):
    return bool(
        call.reviewers_id
        and user.is_authenticated
        and user.groups.filter(pk=call.reviewers_id).exists()
    )


def own_interest(reviewer, proposal):
    """A reviewer may not review what they propose, co-propose or take part in."""
    email = reviewer.email.casefold()
    return (
        proposal.proposer_id == reviewer.pk
        or reviewer.pk in proposal.co_proposer_ids
        or any(p.email and p.email.casefold() == email for p in proposal.people.all())
    )


def allocate(actor, call):
    """Gives every submitted proposal of `call` up to `reviews_per_proposal`
    reviewers: those who know its themes first, then those with the fewest
    proposals, never one with an interest or a declared conflict. Returns how many
    allocations it made."""
    if not can_manage(actor, call.get_parent()):
        raise ProposalError(_("Only the event's organisers allocate proposals."))
    with transaction.atomic():
        CallPage.objects.select_for_update().filter(pk=call.pk).exists()
        return _allocate(call, Proposal.objects.filter(call=call, status__in=REVIEWED))


def _allocate(call, proposals):
    reviewers = reviewers_of(call)
    if not reviewers:
        return 0
    proposals = list(for_screening(proposals).prefetch_related("allocations"))
    knows = {
        row.reviewer_id: {theme.pk for theme in row.themes.all()}
        for row in Expertise.objects.filter(call=call).prefetch_related("themes")
    }
    load = dict.fromkeys((r.pk for r in reviewers), 0)
    load |= dict(
        Allocation.objects.filter(proposal__call=call, conflict=False)
        .filter(reviewer__in=reviewers)
        .values_list("reviewer")
        .annotate(n=Count("pk"))
    )
    made = []
    for proposal in proposals:
        given = {a.reviewer_id for a in proposal.allocations.all()}
        wanted = call.reviews_per_proposal - sum(
            not a.conflict for a in proposal.allocations.all()
        )
        themes = set(proposal.theme_ids)
        candidates = sorted(
            (
                r
                for r in reviewers
                if r.pk not in given and not own_interest(r, proposal)
            ),
            key=lambda r: (-len(themes & knows.get(r.pk, set())), load[r.pk], r.pk),
        )
        for reviewer in candidates[: max(wanted, 0)]:
            made.append(Allocation(proposal=proposal, reviewer=reviewer))
            load[reviewer.pk] += 1
    Allocation.objects.bulk_create(made)
    return len(made)


def allocated(reviewer, call):
    """The reviewer's proposals in `call`, without those they declared a conflict
    on, each with `.review` (theirs, or None)."""
    allocations = (
        Allocation.objects.filter(
            reviewer=reviewer,
            conflict=False,
            proposal__call=call,
            proposal__status__in=VISIBLE,
        )
        .select_related("proposal", "review")
        .order_by("proposal__pk")
    )
    return list(allocations)


def allocation_of(reviewer, call, pk):
    """The reviewer's allocation of proposal `pk`; raises Allocation.DoesNotExist
    (a 404) for one not given to them or declared a conflict."""
    return Allocation.objects.select_related("proposal").get(
        reviewer=reviewer,
        conflict=False,
        proposal__pk=pk,
        proposal__call=call,
        proposal__status__in=VISIBLE,
    )


def declare_conflict(reviewer, call, pk):
    """The reviewer declares a conflict of interest: the proposal leaves their list
    (their review, if any, with it) and goes to another reviewer."""
    with transaction.atomic():
        CallPage.objects.select_for_update().filter(pk=call.pk).exists()
        allocation = allocation_of(reviewer, call, pk)
        Review.objects.filter(allocation=allocation).delete()
        allocation.conflict = True
        allocation.save(update_fields=["conflict"])
        _allocate(call, Proposal.objects.filter(pk=pk))
    return allocation


def score(reviewer, call, pk, *, scores, comment):
    """Saves the reviewer's scores ({criterion pk: 1..5}, one for each criterion) and
    comment on proposal `pk`; a second save changes them."""
    criteria = set(CallCriterion.objects.filter(call=call).values_list("pk", flat=True))
    if set(scores) != criteria or not all(1 <= s <= 5 for s in scores.values()):
        raise ProposalError(_("Score every criterion from 1 to 5."))
    with transaction.atomic():
        allocation = allocation_of(reviewer, call, pk)
        if allocation.proposal.status not in REVIEWED:
            raise ProposalError(
                _(
                    "The organisers have decided on this proposal; its reviews are "
                    "closed."
                )
            )
        values = {"scores": {str(k): v for k, v in scores.items()}, "comment": comment}
        try:
            with transaction.atomic():
                review, _created = Review.objects.update_or_create(
                    allocation=allocation, defaults=values
                )
        except IntegrityError:  # the same reviewer's other tab saved first
            review = Review.objects.get(allocation=allocation)
            Review.objects.filter(pk=review.pk).update(**values)
    return review


def reviews_seen_by(reviewer, allocation):
    """Other reviewers' reviews of the proposal, once this reviewer has scored it;
    none before, so that nobody scores to the crowd."""
    if not Review.objects.filter(allocation=allocation).exists():
        return []
    return list(
        Review.objects.filter(
            allocation__proposal=allocation.proposal_id, allocation__conflict=False
        )
        .exclude(allocation=allocation)
        .order_by("pk")
    )


def unallocated_count(call):
    return (
        Proposal.objects.filter(call=call, status__in=REVIEWED)
        .annotate(n=Count("allocations", filter=Q(allocations__conflict=False)))
        .filter(n__lt=call.reviews_per_proposal)
        .count()
    )
