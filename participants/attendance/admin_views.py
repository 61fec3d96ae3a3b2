"""The organisers' Check-in screen of an event (Wagtail admin): the desk's figures,
the helpers who may check people in (and nothing else), and the badges to print."""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from events.admin_views import EventAdminView, managed_event
from participants.attendance import badges, certificates, helpers, online, pdf
from participants.attendance.checkin import counts
from toolkit.addresses import absolute


def page_address_of_desk(event):
    return absolute(reverse("attendance:desk", args=[event.pk]))


class HelperForm(forms.Form):
    email = forms.EmailField(
        label=_("Add a helper by the email of their account"),
        help_text=_("They can check people in at this event's desk, and nothing else."),
    )


class CheckInView(EventAdminView):
    template_name = "participants/attendance/admin/check_in.html"
    title = _("Check-in")
    header_icon = "tick"

    def get_context_data(self, form=None, **kwargs):
        kwargs.update(
            form=form or HelperForm(),
            helpers=helpers.helpers_of(self.event),
            counts=counts(self.event),
            layouts=pdf.LAYOUTS,
        )
        return super().get_context_data(**kwargs)

    def post(self, request, event_id):
        if "remove" in request.POST:
            removed = helpers.remove(request.user, self.event, request.POST["remove"])
            if removed:
                messages.success(
                    request,
                    gettext("%(email)s can no longer check people in.")
                    % {"email": removed},
                )
            return redirect("event_check_in", self.event.pk)
        form = HelperForm(request.POST)
        if form.is_valid():
            try:
                user = helpers.add(request.user, self.event, form.cleaned_data["email"])
            except helpers.HelperError as refusal:
                form.add_error("email", str(refusal))
            else:
                desk = page_address_of_desk(self.event)
                messages.success(
                    request,
                    gettext("%(email)s can check people in now, at %(desk)s.")
                    % {"email": user.email, "desk": desk},
                )
                return redirect("event_check_in", self.event.pk)
        return self.render_to_response(self.get_context_data(form=form))


def badges_pdf(request, event_id, layout):
    """Every current badge of the event as one PDF ("sheet": A4 to cut; "single")."""
    event = managed_event(request.user, event_id)
    if layout not in pdf.LAYOUTS:
        layout = "sheet"
    made = badges.badges_pdf(event, badges.badges_of(event), layout)
    return pdf.response(made, f"badges-{event.slug}-{layout}.pdf")


class CertificatesView(EventAdminView):
    """Who attended, and their certificates: issued when they download one; revoked
    here (the public address says so at once) or restored."""

    template_name = "participants/attendance/admin/certificates.html"
    title = _("Certificates")
    header_icon = "doc-full"

    def get_context_data(self, **kwargs):
        rows = Paginator(certificates.attendees(self.event), 100).get_page(
            self.request.GET.get("p")
        )
        for registration in rows:
            found = getattr(registration, "certificate", None)
            registration.issued = found
            registration.check_address = found and certificates.address(found)
        kwargs.update(
            rows=rows,
            over=certificates.event_over(self.event),
            rule=online.rule(),
        )
        return super().get_context_data(**kwargs)

    def post(self, request, event_id):
        try:
            if "restore" in request.POST:
                certificates.restore(request.user, self.event, request.POST["restore"])
                messages.success(request, gettext("The certificate is valid again."))
            else:
                certificates.revoke(
                    request.user,
                    self.event,
                    request.POST.get("revoke"),
                    request.POST.get("reason", ""),
                )
                messages.success(
                    request, gettext("Revoked: its public address says so from now on.")
                )
        except certificates.CertificateError as refusal:
            messages.error(request, str(refusal))
        return redirect("event_certificates", self.event.pk)
