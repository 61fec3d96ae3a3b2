"""The organisers' way into the Q&A from the Wagtail admin: one event's sessions with
the state of their Q&A and a link to each moderators' page."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from events.admin_views import EventAdminView
from sessions.models import SessionPage
from sessions.qa.models import QABoard, Question


class EventQAView(EventAdminView):
    template_name = "sessions/admin/event_qa.html"
    header_icon = "help"
    title = _("Q&A")
    title_format = _("Q&A of {event}")

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
                pending=Count("pk", filter=Q(status=Question.Status.PENDING)),
                answered=Count("pk", filter=Q(status=Question.Status.ANSWERED)),
            )
        }
        off = QABoard(status=QABoard.Status.OFF)
        rows = [
            (session, boards.get(session.pk, off), counts.get(session.pk, {}))
            for session in sessions
        ]
        return super().get_context_data(rows=rows, **kwargs)
