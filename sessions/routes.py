"""The programme's routes under event and session pages (toolkit.subroutes), added
when the app is ready."""

import re

from events.models import EventPage
from sessions import views
from sessions.exporters import EXPORTERS
from sessions.floor import views as floor_views
from sessions.models import SessionPage
from sessions.polls import views as poll_views
from sessions.qa import views as qa_views


def connect():
    files = "|".join(re.escape(name) for name in EXPORTERS)
    EventPage.routes.add("programme/", views.programme_view, "programme")
    EventPage.routes.add(
        rf"^(?P<name>{files})/$", views.export_view, "export", regex=True
    )
    EventPage.routes.add("programme/changes/", views.changes_view, "changelog")
    EventPage.routes.add(
        "programme/changes/feed.atom/", views.changes_feed, "changelog_feed"
    )
    SessionPage.routes.add("session.ics/", views.session_calendar_view, "calendar")
    SessionPage.routes.add("questions/", qa_views.wall_view, "question_wall")
    SessionPage.routes.add("questions/<slug:act>/", qa_views.act_view, "question_act")
    SessionPage.routes.add("polls/<slug:act>/", poll_views.act_view, "poll_act")
    SessionPage.routes.add("floor/<slug:act>/", floor_views.floor_view, "floor_act")
