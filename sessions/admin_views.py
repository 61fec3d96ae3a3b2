from itertools import groupby

from django.utils.translation import gettext_lazy as _

from events.admin_views import EventAdminView
from participants import queries as participant_queries
from participants.admin_views import EventRegistrationsView
from sessions.programme import local_day
from sessions.queries import event_sessions, panel_balance


class EventSessionsView(EventAdminView):
    """Every session of an event, drafts included, by day and then room."""

    template_name = "sessions/admin/event_sessions.html"
    header_icon = "date"
    title = _("Sessions by day and room")
    title_format = _("Sessions of {event}")

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
        return super().get_context_data(days=days, count=len(sessions), **kwargs)


class BalanceView(EventRegistrationsView):
    template_name = "sessions/admin/balance.html"
    title = _("Stakeholder balance")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            balance=participant_queries.participant_balance(self.event),
            panels=panel_balance(self.event),
            **kwargs,
        )
