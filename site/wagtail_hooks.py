from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from convening.dashboard import UpcomingEventsPanel


@hooks.register("construct_homepage_panels")
def upcoming_events_panel(request, panels):
    panels.append(UpcomingEventsPanel(request))


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))
