"""The organisers' screen of an event's call: every proposal sent (drafts stay with
their proposers), its people and the result of each screening rule."""

from collections import Counter

from events.admin_views import EventAdminView
from sessions.proposals import queries, screening
from sessions.proposals.models import CallPage, Proposal


class EventProposalsView(EventAdminView):
    template_name = "sessions/admin/event_proposals.html"
    header_icon = "form"
    title = "Proposals"
    title_format = "Proposals to {event}"

    def get_context_data(self, **kwargs):
        call = CallPage.objects.child_of(self.event).first()
        rows, counts = [], Counter()
        if call:
            proposals = list(
                queries.for_screening(
                    Proposal.objects.filter(call=call)
                    .exclude(status=Proposal.Status.DRAFT)
                    .select_related("proposer")
                    .order_by("pk")
                )
            )
            checks = screening.screen(call, proposals)
            for proposal in proposals:
                found = checks[proposal.pk]
                rows.append((proposal, found, sum(not c.passed for c in found)))
                counts[proposal.get_status_display()] += 1
        return super().get_context_data(
            call=call, rows=rows, counts=dict(counts), **kwargs
        )
