from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.widgets import Button

from events.models import EventPage
from participants import admin_views


@hooks.register("register_admin_urls")
def registration_admin_urls():
    prefix = "events/<id:event_id>/registrations/"
    return [
        path(
            prefix,
            admin_views.RegistrationListView.as_view(),
            name="event_registrations",
        ),
        path(
            f"{prefix}<id:pk>/",
            admin_views.RegistrationDetailView.as_view(),
            name="event_registration",
        ),
        path(
            f"{prefix}export.csv",
            admin_views.export_csv,
            name="event_registrations_csv",
        ),
        path(
            f"{prefix}quotas/",
            admin_views.QuotaDashboardView.as_view(),
            name="event_quotas",
        ),
    ]


@hooks.register("register_page_header_buttons")
def registrations_button(page, user, view_name, next_url=None):
    if isinstance(page.specific_deferred, EventPage):
        yield Button(
            "Registrations",
            reverse("event_registrations", args=[page.pk]),
            icon_name="group",
            priority=13,
        )
