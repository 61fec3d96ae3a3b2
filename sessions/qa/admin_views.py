"""The organisers' way into the Q&A from the Wagtail admin: one event's sessions with
the state of their Q&A and a link to each moderators' page."""

from django.db.models import Count, Q
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from events.services import managed_event
from sessions.models import SessionPage
from sessions.qa.models import QABoard, Question


class EventQAView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "sessions/admin/event_qa.html"
    header_icon = "help"

    def dispatch(self, request, event_id):
        self.event = managed_event(request.user, event_id)
        return super().dispatch(request, event_id)

    def get_page_title(self):
        return f"Q&A of {self.event.title}"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse("wagtailadmin_explore", args=[self.event.pk]),
                "label": self.event.title,
            },
            {"url": "", "label": "Q&A"},
        ]

    def get_context_data(self, **kwargs):
        # Three queries whatever the number of sessions: sessions, boards, counts.
        sessions = list(
            SessionPage.objects.child_of(self.event).live().order_by("start", "title")
        )
        boards = QABoard.objects.in_bulk([s.pk for s in sessions])
        counts = {
            row["session_id"]: row
            for row in Question.objects.filter(session__in=sessions)
            .values("session_id")
            .annotate(
                received=Count("pk"),
                pending=Count("pk", filter=Q(status=Question.PENDING)),
                answered=Count("pk", filter=Q(status=Question.ANSWERED)),
            )
        }
        off = QABoard(status=QABoard.OFF)
        rows = [
            (session, boards.get(session.pk, off), counts.get(session.pk, {}))
            for session in sessions
        ]
        return super().get_context_data(event=self.event, rows=rows, **kwargs)
