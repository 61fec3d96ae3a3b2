"""The admin dashboard's panel per upcoming or running event the user manages: its
sessions by status, reports due and registrations by status, each linking to the tool
that deals with it. Five queries whatever the number of events and sessions."""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from events.models import EventPage
from events.services import can_manage
from participants.models import Registration
from sessions.grid import scheduled_ids
from sessions.models import SessionPage, SessionReportPage
from toolkit.page_languages import sources

SESSION_STATUSES = [
    ("live", _("Live")),
    ("draft", _("Draft")),
    ("scheduled", _("Scheduled to go live")),
    ("cancelled", _("Cancelled")),
]


@dataclass
class EventSummary:
    event: EventPage
    sessions: dict = field(default_factory=dict)  # status -> count
    reports_due: int = 0
    registrations: list = field(default_factory=list)  # (label, count)

    def session_rows(self):
        return [
            (label, self.sessions.get(key, 0))
            for key, label in SESSION_STATUSES
            if self.sessions.get(key)
        ]

    @property
    def links(self):
        return {
            name: reverse(f"event_{name}", args=[self.event.pk])
            for name in ("grid", "import", "reports", "registrations")
        }


def summaries(user, today=None):
    """[EventSummary] of the events not over yet that `user` manages, soonest first."""
    today = today or timezone.localdate()
    events = [
        event
        for event in sources(EventPage.objects.filter(end_date__gte=today)).order_by(
            "start_date", "pk"
        )
        if can_manage(user, event)
    ]
    if not events:
        return []
    found = {event.path: EventSummary(event) for event in events}
    in_events = Q()
    for path in found:
        in_events |= Q(path__startswith=path)
    sessions = list(
        SessionPage.objects.filter(in_events, depth=events[0].depth + 1).values_list(
            "pk", "path", "live", "status", "end"
        )
    )
    scheduled = scheduled_ids(row[0] for row in sessions)
    reported = {
        path[: -SessionReportPage.steplen]
        for path in SessionReportPage.objects.filter(in_events, live=True).values_list(
            "path", flat=True
        )
    }
    now = timezone.now()
    for pk, path, live, status, end in sessions:
        summary = found[path[: -SessionPage.steplen]]
        if status == SessionPage.Status.CANCELLED:
            key = "cancelled"
        elif pk in scheduled:
            key = "scheduled"
        else:
            key = "live" if live else "draft"
        summary.sessions[key] = summary.sessions.get(key, 0) + 1
        if key == "live" and end < now and path not in reported:
            summary.reports_due += 1
    labels = dict(Registration.Status.choices)
    counts = (
        Registration.objects.filter(event__in=events)
        .values_list("event_id", "status")
        .annotate(count=Count("pk"))
        .order_by("event_id", "status")
    )
    by_pk = {summary.event.pk: summary for summary in found.values()}
    for event_id, status, count in counts:
        by_pk[event_id].registrations.append((labels[status], count))
    return list(found.values())


class UpcomingEventsPanel(Component):
    name = "upcoming_events"
    order = 50  # above Wagtail's own panels
    template_name = "convening/admin/upcoming_events_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        return {"summaries": summaries(self.request.user)}
