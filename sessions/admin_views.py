from itertools import groupby

from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from events.services import managed_event
from sessions.programme import local_day
from sessions.queries import event_sessions


class EventSessionsView(WagtailAdminTemplateMixin, TemplateView):
    """Every session of an event, drafts included, by day and then room."""

    template_name = "sessions/admin/event_sessions.html"
    header_icon = "date"

    def dispatch(self, request, event_id):
        self.event = managed_event(request.user, event_id)
        return super().dispatch(request, event_id)

    def get_page_title(self):
        return f"Sessions of {self.event.title}"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse("wagtailadmin_explore", args=[self.event.pk]),
                "label": self.event.title,
            },
            {"url": "", "label": "Sessions by day and room"},
        ]

    def get_context_data(self, **kwargs):
        tz = self.event.tzinfo
        sessions = sorted(
            event_sessions(self.event, everything=True),
            key=lambda s: (local_day(s, tz), s.room.name if s.room else "~", s.start),
        )
        days = [
            (
                day,
                [
                    (room, list(rows))
                    for room, rows in groupby(
                        rows, lambda s: s.room.name if s.room else ""
                    )
                ],
            )
            for day, rows in groupby(sessions, lambda s: local_day(s, tz))
        ]
        return super().get_context_data(
            event=self.event, days=days, count=len(sessions), **kwargs
        )
