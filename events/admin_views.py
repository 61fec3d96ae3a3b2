"""The base of every organiser's screen about one event (registrations, quotas,
balance, sessions, reports, Q&A): who may see it, its title and its breadcrumbs."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from events.models import EventPage
from events.services import can_manage


def managed_event(user, event_id):
    """The event for an organiser's screen; 404 to anyone else, as if it did not
    exist."""
    event = get_object_or_404(EventPage, pk=event_id)
    if not can_manage(user, event):
        raise Http404
    return event


class EventAdminView(WagtailAdminTemplateMixin, TemplateView):
    """`title` names the screen in the breadcrumbs after the event; `title_format`
    builds the page title from it and the event's title."""

    title = ""
    title_format = _("{title}: {event}")

    def dispatch(self, request, event_id, **kwargs):
        self.event = managed_event(request.user, event_id)
        return super().dispatch(request, event_id, **kwargs)

    def get_page_title(self):
        return self.title_format.format(title=self.title, event=self.event.title)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse("wagtailadmin_explore", args=[self.event.pk]),
                "label": self.event.title,
            },
            {"url": "", "label": self.title},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(event=self.event, **kwargs)
