"""The organisers' screens of an event's call: every proposal sent (drafts stay with
their proposers) with its people, the result of each screening rule and its standing
in the reviews; the reviewers with their themes and their progress; allocation."""

import csv
from collections import Counter

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import dateformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from events.admin_views import EventAdminView, managed_event
from sessions.proposals import (
    decisions,
    figures,
    queries,
    ranking,
    review,
    screening,
)
from sessions.proposals.models import Allocation, CallPage, Expertise, Proposal, Review
from sessions.proposals.services import ProposalError
from toolkit.spreadsheets import spreadsheet_safe


def call_of(event):
    return CallPage.objects.child_of(event).first()


class EventProposalsView(EventAdminView):
    template_name = "sessions/admin/event_proposals.html"
    header_icon = "form"
    title = gettext_lazy("Proposals")
    title_format = gettext_lazy("Proposals to {event}")

    def post(self, request, event_id):
        call = call_of(self.event)
        if call is None:
            raise Http404
        try:
            if request.POST.get("do") == "decide":
                self.decide(request, call)
            else:
                made = review.allocate(request.user, call)
                messages.success(
                    request,
                    # English says "allocation(s)" whatever the number.
                    ngettext(
                        "%(n)s allocation(s) made.", "%(n)s allocation(s) made.", made
                    )
                    % {"n": made},
                )
        except ProposalError as refusal:
            messages.error(request, str(refusal))
        return redirect(request.get_full_path())

    def decide(self, request, call):
        form = DecisionForm(request.POST)
        if not form.is_valid():
            raise ProposalError(_("Choose a decision."))
        try:
            proposal = decisions.decide(
                request.user,
                call,
                form.cleaned_data["proposal"],
                decision=form.cleaned_data["decision"],
                message=form.cleaned_data["message"],
                seen=form.cleaned_data["seen"],
            )
        except Proposal.DoesNotExist:
            raise Http404 from None
        done = {
            "pk": proposal.pk,
            "title": proposal.title,
            "decision": proposal.get_status_display(),
        }
        if proposal.status not in decisions.MAILED:
            said = _("#%(pk)s %(title)s: %(decision)s.") % done
        elif proposal.decision_public:
            said = (
                _(
                    "#%(pk)s %(title)s: %(decision)s. The proposers are mailed (see "
                    "the outbox)."
                )
                % done
            )
        else:
            at = proposal.decision_public_at.astimezone(self.event.tzinfo)
            done["day"] = dateformat.format(at, _("j F Y"))
            said = (
                _(
                    "#%(pk)s %(title)s: %(decision)s. The proposers are mailed on "
                    "%(day)s, when decisions are published (see the outbox)."
                )
                % done
            )
        messages.success(request, said)

    def get_context_data(self, **kwargs):
        call = call_of(self.event)
        context = {"call": call, "rows": [], "counts": {}, "reviewers": []}
        if call:
            context |= self.overview(call)
        return super().get_context_data(**context, **kwargs)

    def overview(self, call):
        proposals = list(
            queries.for_screening(
                Proposal.objects.filter(call=call)
                .exclude(status=Proposal.Status.DRAFT)
                .select_related("session")
                .order_by("pk")
            )
        )
        checks = screening.screen(call, proposals)
        weights = {c.pk: c.weight for c in call.criteria.all()}
        reviews = queries.reviews_by_proposal(call)
        rows = [
            (
                proposal,
                checks[proposal.pk],
                sum(not c.passed for c in checks[proposal.pk]),
                ranking.standing(reviews.get(proposal.pk, []), weights),
            )
            for proposal in proposals
        ]
        if self.request.GET.get("order") == "ranking":
            rows.sort(key=lambda row: -(row[3].mean or 0))
        counts = Counter(p.get_status_display() for p in proposals)
        return {
            "decisions": [(s.value, s.label) for s in decisions.DECISIONS],
            "decidable": decisions.DECIDABLE,
            "rows": rows,
            "counts": dict(counts),
            "reviewers": self.progress(call),
            "unallocated": review.unallocated_count(call),
        }

    def progress(self, call):
        """[(reviewer, allocated, reviewed)] for each member of the reviewers' group."""
        allocated = Counter(
            Allocation.objects.filter(proposal__call=call, conflict=False).values_list(
                "reviewer", flat=True
            )
        )
        reviewed = Counter(
            Review.objects.filter(
                allocation__proposal__call=call, allocation__conflict=False
            ).values_list("allocation__reviewer", flat=True)
        )
        return [
            (user, allocated[user.pk], reviewed[user.pk])
            for user in review.reviewers_of(call)
        ]


class DecisionForm(forms.Form):
    proposal = forms.IntegerField(widget=forms.HiddenInput)
    seen = forms.CharField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        choices=[(s.value, s.label) for s in decisions.DECISIONS]
    )
    message = forms.CharField(
        required=False,
        max_length=3_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Sent to the proposers with the decision (not with a shortlisting)."
        ),
    )


class ExpertiseForm(forms.Form):
    themes = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Proposals on these themes go to this reviewer first."),
    )


class ReviewerThemesView(EventAdminView):
    template_name = "sessions/admin/reviewer_themes.html"
    header_icon = "user"
    title = gettext_lazy("Reviewer's themes")

    def dispatch(self, request, event_id, user_id):
        self.user_id = user_id
        return super().dispatch(request, event_id)

    def form(self):
        """The reviewer's themes form; 404 for anyone not reviewing the call."""
        call = call_of(self.event)
        reviewers = {u.pk: u for u in review.reviewers_of(call)} if call else {}
        if self.user_id not in reviewers:
            raise Http404
        self.reviewer = reviewers[self.user_id]
        self.expertise, _created = Expertise.objects.get_or_create(
            call=call, reviewer=self.reviewer
        )
        form = ExpertiseForm(
            self.request.POST or None,
            initial={"themes": list(self.expertise.themes.all())},
        )
        form.fields["themes"].queryset = queries.theme_queryset(call, self.event)
        return form

    def post(self, request, event_id):
        form = self.form()
        if form.is_valid():
            self.expertise.themes.set(form.cleaned_data["themes"])
            messages.success(
                request,
                _("Themes of %(reviewer)s saved.") % {"reviewer": self.reviewer},
            )
            return redirect(reverse("event_proposals", args=[self.event.pk]))
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", self.form())
        return super().get_context_data(reviewer=self.reviewer, **kwargs)


class ProposalFiguresView(EventAdminView):
    template_name = "sessions/admin/proposal_figures.html"
    header_icon = "table"
    title = gettext_lazy("Proposal figures")
    title_format = gettext_lazy("Proposal figures of {event}")

    def get_context_data(self, **kwargs):
        call = call_of(self.event)
        if call is None:
            raise Http404
        return super().get_context_data(
            call=call, **figures.call_figures(call), **kwargs
        )


def export_csv(request, event_id):
    """Every proposal sent, one row per review (or one row if none yet), with its
    screening, standing, scores and comments."""
    event = managed_event(request.user, event_id)
    call = call_of(event)
    if call is None:
        raise Http404
    criteria = list(call.criteria.all())
    weights = {c.pk: c.weight for c in criteria}
    proposals = list(
        queries.for_screening(
            Proposal.objects.filter(call=call, status__in=figures.SENT)
            .select_related("proposer")
            .order_by("pk")
        )
    )
    checks = screening.screen(call, proposals)
    reviews = queries.reviews_by_proposal(call)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{event.slug}-proposals.csv"'
    )
    response.write("\ufeff")  # the BOM tells spreadsheet programs it is UTF-8
    writer = csv.writer(response)
    writer.writerow(
        [
            *(str(column) for column in CSV_COLUMNS),
            *(_("score: %(criterion)s") % {"criterion": c.name} for c in criteria),
            _("review mean"),
            _("comment"),
        ]
    )
    for proposal in proposals:
        found = reviews.get(proposal.pk, [])
        standing = ranking.standing(found, weights)
        head = [
            proposal.pk,
            proposal.title,
            proposal.get_status_display(),
            proposal.get_format_display(),
            proposal.duration or "",
            "; ".join(str(t) for t in proposal.themes.all()),
            proposal.proposer.email if proposal.proposer else "",
            "; ".join(p.name for p in proposal.people.all() if p.role == "organiser"),
            sum(p.role == "speaker" for p in proposal.people.all()),
            "; ".join(c.label for c in checks[proposal.pk] if not c.passed),
            standing.reviews,
            _figure(standing.mean),
            _figure(standing.median),
            _figure(standing.spread),
        ]
        for review_row in found or [None]:
            tail = ["", *("" for _ in criteria), "", ""]
            if review_row:
                tail = [
                    review_row.allocation.reviewer.email,
                    *(review_row.scores.get(str(c.pk), "") for c in criteria),
                    _figure(ranking.review_mean(review_row.scores, weights)),
                    review_row.comment,
                ]
            writer.writerow([spreadsheet_safe(v) for v in [*head, *tail]])
    return response


def _figure(value):
    return "" if value is None else f"{value:.2f}"


# The columns' headings, in the organiser's language.
CSV_COLUMNS = [
    gettext_lazy("proposal"),
    gettext_lazy("title"),
    gettext_lazy("status"),
    gettext_lazy("format"),
    gettext_lazy("minutes"),
    gettext_lazy("themes"),
    gettext_lazy("proposer"),
    gettext_lazy("organisers"),
    gettext_lazy("speakers"),
    gettext_lazy("screening rules not met"),
    gettext_lazy("reviews"),
    gettext_lazy("mean"),
    gettext_lazy("median"),
    gettext_lazy("spread"),
    gettext_lazy("reviewer"),
]
