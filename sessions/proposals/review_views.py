"""The reviewers' screens under a call (<call>/review/): their proposals, each to
score or to declare a conflict on. Anyone else's proposal answers 404."""

from django.contrib import messages
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from sessions.proposals import queries, review, services
from sessions.proposals.forms import ScoreForm
from sessions.proposals.models import Allocation, Proposal
from sessions.proposals.views import signed_in


def _reviewer(request, call):
    if not review.is_reviewer(request.user, call):
        raise Http404


@signed_in
def review_list(request, call):
    _reviewer(request, call)
    allocations = review.allocated(request.user, call)
    return TemplateResponse(
        request,
        "sessions/proposals/review_list.html",
        {
            "page": call,
            "allocations": allocations,
            "done": sum(hasattr(a, "review") for a in allocations),
        },
    )


@signed_in
def review_proposal(request, call, pk):
    _reviewer(request, call)
    try:
        allocation = review.allocation_of(request.user, call, pk)
    except Allocation.DoesNotExist:
        raise Http404 from None
    criteria = list(call.criteria.all())
    existing = getattr(allocation, "review", None)
    initial = {}
    if existing:
        initial = {f"c{k}": v for k, v in existing.scores.items()}
        initial["comment"] = existing.comment
    form = ScoreForm(
        request.POST if request.method == "POST" else None,
        criteria=criteria,
        initial=initial,
    )
    if form.is_bound and form.is_valid():
        try:
            review.score(
                request.user,
                call,
                pk,
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
            )
        except services.ProposalError as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Your review is saved."))
            return redirect(request.path)
    proposal = queries.for_screening(Proposal.objects.filter(pk=pk)).get()
    return TemplateResponse(
        request,
        "sessions/proposals/review.html",
        {
            "page": call,
            "proposal": proposal,
            "form": form,
            "criteria": criteria,
            "others": review.reviews_seen_by(request.user, allocation),
            "open": proposal.status in review.REVIEWED,
        },
        status=400 if form.is_bound else 200,
    )


@signed_in
def conflict(request, call, pk):
    _reviewer(request, call)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        review.declare_conflict(request.user, call, pk)
    except Allocation.DoesNotExist:
        raise Http404 from None
    messages.success(
        request,
        _(
            "Conflict of interest noted: the proposal goes to another reviewer and is "
            "no longer shown to you."
        ),
    )
    return redirect(call.url + call.reverse_subpage("review"))
