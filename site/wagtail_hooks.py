from wagtail import hooks

from convening.dashboard import UpcomingEventsPanel


@hooks.register("construct_homepage_panels")
def upcoming_events_panel(request, panels):
    panels.append(UpcomingEventsPanel(request))
