"""Admin screens for session reports: the organisers' status overview per event, and
the rapporteur's own list, from which a report is started and opened for editing."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from events.admin_views import EventAdminView
from sessions.models import SessionPage, SessionRole
from sessions.reports import services as reports
from toolkit import ids


class EventReportsView(EventAdminView):
    template_name = "sessions/admin/event_reports.html"
    header_icon = "doc-full"
    title = gettext_lazy("Session reports")
    title_format = gettext_lazy("Session reports of {event}")

    def get_context_data(self, **kwargs):
        rows = reports.overview(self.event)
        counts = dict.fromkeys(reports.STATUS_LABELS.values(), 0)
        for row in rows:
            counts[reports.STATUS_LABELS[row.status]] += 1
        return super().get_context_data(
            rows=rows,
            counts=counts,
            overdue=sum(row.overdue for row in rows),
            **kwargs,
        )


class MyReportsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "sessions/admin/my_reports.html"
    header_icon = "doc-full"
    page_title = gettext_lazy("My session reports")

    def get_context_data(self, **kwargs):
        sessions = (
            SessionPage.objects.filter(
                roles__role=SessionRole.Role.RAPPORTEUR,
                roles__person__user=self.request.user,
            )
            .distinct()
            .order_by("-start")
        )
        return super().get_context_data(sessions=sessions, **kwargs)

    def post(self, request):
        session = get_object_or_404(
            SessionPage, pk=ids.parse_or_404(request.POST.get("session"))
        )
        try:
            report = reports.start_report(request.user, session)
        except reports.ReportError:
            raise Http404 from None
        messages.info(request, _("Save drafts as you go; submit for review when done."))
        return redirect(reverse("wagtailadmin_pages:edit", args=[report.pk]))
