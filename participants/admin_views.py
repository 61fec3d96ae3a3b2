"""Organisers' screens in the Wagtail admin, per event. Only people who may edit the
event's page see them; anyone else gets 404. Every change goes through services."""

import csv
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from events.admin_views import EventAdminView, managed_event
from events.models import Region, StakeholderGroup
from events.regions import country_regions, region_of
from participants import queries, services
from participants.attendance import badges, tokens
from participants.models import Registration
from toolkit import limits
from toolkit.ids import IdChoiceField, IdMultipleChoiceField
from toolkit.spreadsheets import spreadsheet_safe

ACTIONS = {
    "approve": services.approve,
    "decline": services.decline,
    "cancel": services.cancel,
}


class FilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"), required=False, max_length=limits.SEARCH_QUERY
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Any status")), *Registration.Status.choices],
        required=False,
    )
    group = IdChoiceField(
        StakeholderGroup.objects.all(),
        label=_("Group"),
        required=False,
        empty_label=_("Any group"),
    )
    country = forms.ChoiceField(
        label=_("Country"), choices=[("", _("Any country")), *countries], required=False
    )
    region = IdChoiceField(
        Region.objects.all(),
        label=_("Region"),
        required=False,
        empty_label=_("Any region"),
    )
    mode = forms.ChoiceField(
        label=_("Mode"),
        choices=[("", _("In person or online")), *Registration.Mode.choices],
        required=False,
    )


class BulkForm(forms.Form):
    registrations = IdMultipleChoiceField(
        Registration.objects.none(),
        label=_("Registrations"),
        error_messages={"required": _("Select at least one registration.")},
    )
    action = forms.ChoiceField(
        label=_("Action"),
        choices=[
            ("approve", _("Approve")),
            ("decline", _("Decline")),
            ("cancel", _("Cancel")),
            ("move", _("Move to group")),
        ],
    )
    group = IdChoiceField(
        StakeholderGroup.objects.all(), label=_("Group"), required=False
    )
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registrations"].queryset = Registration.objects.filter(event=event)

    def clean(self):
        data = super().clean()
        if data.get("action") == "move" and not data.get("group"):
            raise forms.ValidationError(gettext("Choose the group to move them to."))
        return data


class EventRegistrationsView(EventAdminView):
    header_icon = "group"
    title = _("Registrations")


class RegistrationListView(EventRegistrationsView):
    template_name = "participants/admin/registrations.html"
    per_page = 50

    def get_context_data(self, bulk=None, **kwargs):
        filters = FilterForm(self.request.GET)
        filters.is_valid()
        rows = queries.registrations(self.event, filters.cleaned_data)
        page = Paginator(rows, self.per_page).get_page(self.request.GET.get("p"))
        regions = country_regions()
        positions = queries.waiting_positions(self.event)
        for registration in page:
            profile = getattr(registration.user, "profile", None)
            registration.profile = profile
            registration.region = profile and region_of(
                profile.country, regions=regions
            )
            registration.position = positions.get(registration.pk)
        query = {k: v for k, v in self.request.GET.items() if k != "p" and v}
        return super().get_context_data(
            filters=filters,
            page=page,
            bulk=bulk or BulkForm(event=self.event),
            query=urlencode(query),
            **kwargs,
        )

    def post(self, request, event_id):
        bulk = BulkForm(request.POST, event=self.event)
        if not bulk.is_valid():
            return self.render_to_response(self.get_context_data(bulk=bulk))
        action, reason = bulk.cleaned_data["action"], bulk.cleaned_data["reason"]
        done = 0
        for registration in bulk.cleaned_data["registrations"]:
            registration.event = self.event
            try:
                if action == "move":
                    services.move(
                        request.user, registration, bulk.cleaned_data["group"]
                    )
                else:
                    ACTIONS[action](request.user, registration, reason=reason)
                done += 1
            except services.RegistrationError as refusal:
                who = (
                    registration.user.email
                    if registration.user
                    else gettext("(deleted)")
                )
                messages.warning(
                    request,
                    gettext("%(who)s: %(refusal)s") % {"who": who, "refusal": refusal},
                )
        messages.success(
            request,
            ngettext(
                "%(n)s registration(s) updated.", "%(n)s registration(s) updated.", done
            )
            % {"n": done},
        )
        return redirect(request.get_full_path())


class RegistrationDetailView(EventRegistrationsView):
    template_name = "participants/admin/registration.html"

    def get_context_data(self, **kwargs):
        registration = get_object_or_404(
            Registration.objects.select_related("user__profile", "group"),
            event=self.event,
            pk=self.kwargs["pk"],
        )
        badge = badges.badge_for(registration)
        return super().get_context_data(
            registration=registration,
            log=registration.log.select_related("actor"),
            bulk=BulkForm(event=self.event),
            badge=badge and tokens.grouped(badge.code),
            check_ins=registration.check_ins.select_related("session", "by"),
            **kwargs,
        )

    def post(self, request, event_id, pk):
        """Reprint the badge (lost, or printed wrong): the old one is refused at the
        desk from now on."""
        registration = get_object_or_404(Registration, event=self.event, pk=pk)
        registration.event = self.event
        badge = badges.reprint(registration)
        if badge is None:
            messages.error(
                request, gettext("Only a confirmed in-person registration has a badge.")
            )
        else:
            messages.success(
                request,
                gettext(
                    "A new badge, %(code)s: the old one is refused at the desk from "
                    "now on."
                )
                % {"code": tokens.grouped(badge.code)},
            )
        return redirect("event_registration", self.event.pk, pk)


class QuotaDashboardView(EventRegistrationsView):
    template_name = "participants/admin/quotas.html"
    title = _("Quotas")

    def get_context_data(self, **kwargs):
        return super().get_context_data(lines=queries.quota_lines(self.event), **kwargs)


# The header row, in the organiser's language.
CSV_COLUMNS = [
    _("id"),
    _("name"),
    _("email"),
    _("organisation"),
    _("stakeholder group"),
    _("country"),
    _("region"),
    _("gender"),
    _("accessibility needs"),
    _("attendance"),
    _("status"),
    _("waiting position"),
    _("open pool seat"),
    _("registered at"),
]


def export_csv(request, event_id):
    event = managed_event(request.user, event_id)
    filters = FilterForm(request.GET)
    filters.is_valid()
    regions = country_regions()
    positions = queries.waiting_positions(event)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{event.slug}-registrations.csv"'
    )
    response.write("\ufeff")  # the BOM tells spreadsheet programs it is UTF-8
    writer = csv.writer(response)
    writer.writerow([str(column) for column in CSV_COLUMNS])
    for r in queries.registrations(event, filters.cleaned_data):
        p = getattr(r.user, "profile", None)
        row = [
            r.pk,
            p.full_name if p else "",
            r.user.email if r.user else "",
            p.organisation if p else "",
            r.group,
            p.country.name if p else "",
            (p and region_of(p.country, regions=regions)) or "",
            p.get_gender_display() if p else "",
            p.accessibility_needs if p else "",
            r.get_mode_display(),
            r.get_status_display(),
            positions.get(r.pk, ""),
            gettext("yes") if r.open_pool else "",
            r.created_at.isoformat(timespec="seconds"),
        ]
        writer.writerow([spreadsheet_safe(value) for value in row])
    return response
