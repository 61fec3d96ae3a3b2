"""The event's own edit form lists its organiser tools (programme grid, registrations,
quotas, balance, reports, Q&A...) as plain links at the top, so that nobody has to find
them in the header's "..." menu. The tools are the buttons the apps above register for
an event's header (Wagtail's register_page_header_buttons hook): this layer names none
of them."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import HelpPanel


def event_tools(event, user):
    """[Button] every app offers for `event` among its screens (under
    /admin/events/<id>/; Wagtail's own Move, Copy... are left to its menu), in their
    priority order."""
    screens = reverse("wagtailadmin_home") + f"events/{event.pk}/"
    buttons = [
        button
        for hook in hooks.get_hooks("register_page_header_buttons")
        for button in hook(page=event, user=user, view_name="edit") or ()
        if button.url.startswith(screens)
    ]
    return sorted(buttons, key=lambda button: button.priority)


class EventToolsPanel(HelpPanel):
    def __init__(self, **kwargs):
        kwargs.setdefault("template", "events/admin/event_tools.html")
        kwargs.setdefault("heading", _("Event tools"))
        super().__init__(**kwargs)

    class BoundPanel(HelpPanel.BoundPanel):
        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            event = self.instance
            tools = event_tools(event, self.request.user) if event.pk else []
            return context | {"tools": tools}
