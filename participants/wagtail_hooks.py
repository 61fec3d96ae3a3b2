from django.contrib import messages
from django.urls import path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from events.models import EventPage
from participants import admin_views, message_views, queries, services
from participants.attendance import admin_views as attendance_admin


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
            _("Registrations"),
            reverse("event_registrations", args=[page.pk]),
            icon_name="group",
            priority=13,
        )
        yield Button(
            _("Quotas"),
            reverse("event_quotas", args=[page.pk]),
            icon_name="table",
            priority=13,
        )


@hooks.register("after_edit_page")  # a draft saved (a publish has its own hook)
def say_that_seats_wait_for_publish(request, page):
    if isinstance(page, EventPage) and queries.quotas_wait_for_publish(page):
        messages.info(
            request,
            _(
                "The quota changes are saved in the draft: seats change when you "
                "publish it."
            ),
        )


@hooks.register("after_publish_page")
def say_who_got_the_new_seats(request, page):
    """Seats added on publish go to the waiting lists at once (participants.signals)."""
    if not isinstance(page, EventPage) or not page.live:
        return
    names = queries.promoted_since(page, page.last_published_at, services.PROMOTED)
    if names:
        messages.success(
            request,
            _("Seats went to %(n)s from the waiting list: %(names)s.")
            % {"n": len(names), "names": ", ".join(names)},
        )


@hooks.register("register_admin_urls")
def message_admin_urls():
    messages_ = "events/<id:event_id>/messages/"
    texts = "events/<id:event_id>/mail-texts/"
    return [
        path(messages_, message_views.OutboxView.as_view(), name="event_messages"),
        path(
            f"{messages_}new/",
            message_views.ComposeView.as_view(),
            name="event_message_new",
        ),
        path(
            f"{messages_}<id:pk>/",
            message_views.MessageView.as_view(),
            name="event_message",
        ),
        path(texts, message_views.MailTextsView.as_view(), name="event_mail_texts"),
        path(
            f"{texts}<slug:kind>/",
            message_views.MailTextView.as_view(),
            name="event_mail_text",
        ),
    ]


@hooks.register("register_page_header_buttons")
def messages_button(page, user, view_name, next_url=None):
    if isinstance(page.specific_deferred, EventPage):
        yield Button(
            _("Messages"),
            reverse("event_messages", args=[page.pk]),
            icon_name="mail",
            priority=14,
        )


@hooks.register("register_admin_urls")
def check_in_admin_urls():
    prefix = "events/<id:event_id>/check-in/"
    return [
        path(prefix, attendance_admin.CheckInView.as_view(), name="event_check_in"),
        path(
            "events/<id:event_id>/certificates/",
            attendance_admin.CertificatesView.as_view(),
            name="event_certificates",
        ),
        path(
            f"{prefix}badges/<slug:layout>/",
            attendance_admin.badges_pdf,
            name="event_badges_pdf",
        ),
    ]


@hooks.register("register_page_header_buttons")
def check_in_button(page, user, view_name, next_url=None):
    if isinstance(page.specific_deferred, EventPage):
        yield Button(
            _("Check-in"),
            reverse("event_check_in", args=[page.pk]),
            icon_name="tick",
            priority=15,
        )
