"""The participant's pages. They translate between forms and participants.services."""

import json
import uuid

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from participants import queries, services
from participants.attendance import badges, certificates, checkin
from participants.forms import DeleteAccountForm, ProfileForm, RegistrationForm
from participants.models import Profile, Registration
from participants.personal_data import personal_data


@login_required
def register_view(request, event):
    profile = Profile.objects.filter(user=request.user).select_related("group").first()
    current = (
        Registration.objects.active().filter(event=event, user=request.user).first()
    )
    form = RegistrationForm(
        request.POST or None,
        event=event,
        initial={"group": profile and profile.group_id, "token": uuid.uuid4()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.register(
                request.user,
                event,
                mode=form.cleaned_data["mode"],
                group=form.cleaned_data["group"],
                token=form.cleaned_data["token"],
            )
        except services.RegistrationError as refusal:
            form.add_error(None, str(refusal))
        else:
            return redirect("participants:registration", registration.pk)
    return render(
        request,
        "participants/register.html",
        {
            "page": event,
            "event": event,
            "form": form,
            "profile": profile,
            "current": current,
            "is_open": event.registration_is_open(),
            "places": queries.quota_lines(event),
        },
    )


@login_required
def my_registrations(request):
    registrations = (
        Registration.objects.filter(user=request.user)
        .select_related("event", "group")
        .order_by("-created_at")
    )
    return render(
        request,
        "participants/my_registrations.html",
        {"registrations": registrations, "desks": checkin.helping_at(request.user)},
    )


def _own_registration(request, pk):
    return get_object_or_404(
        Registration.objects.select_related("event", "group"),
        pk=pk,
        user=request.user,
    )


@login_required
def registration_view(request, pk):
    registration = _own_registration(request, pk)
    position = (
        queries.waiting_position(registration)
        if registration.status == Registration.Status.WAITING
        else None
    )
    return render(
        request,
        "participants/registration.html",
        {
            "registration": registration,
            "position": position,
            "online_link": queries.online_link(registration.event, request.user),
            "online_offer": queries.online_offer_open(registration),
            "badge": badges.has_badge(registration),
            "certificate": certificates.may_download(registration),
        },
    )


def _change_own(request, pk, change, done):
    """Apply `change` (a service) to the participant's own registration `pk`, say how
    it went, and return to the registration."""
    registration = _own_registration(request, pk)
    try:
        change(request.user, registration)
    except services.RegistrationError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, done)
    return redirect("participants:registration", pk)


@login_required
@require_POST
def take_online_place_view(request, pk):
    return _change_own(
        request, pk, services.take_online_place, _("You have an online place now.")
    )


@login_required
@require_http_methods(["GET", "POST"])
def cancel_view(request, pk):
    """Asks first (GET), then cancels (POST): a seat given up goes to the line."""
    if request.method == "POST":
        return _change_own(
            request, pk, services.cancel, _("Your registration is cancelled.")
        )
    registration = _own_registration(request, pk)
    if not registration.is_active:
        return redirect("participants:registration", pk)
    return render(request, "participants/cancel.html", {"registration": registration})


@login_required
def profile_view(request):
    profile = Profile.objects.filter(user=request.user).first()
    # A first profile offers the language its reader is reading for their mails.
    initial = {} if profile else {"language": translation.get_language()}
    form = ProfileForm(request.POST or None, instance=profile, initial=initial)
    if request.method == "POST" and form.is_valid():
        form.instance.user = request.user
        form.save()
        messages.success(request, _("Your profile is saved."))
        next_url = request.GET.get("next", "")
        if url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
            return redirect(next_url)
        return redirect("participants:profile")
    return render(
        request,
        "participants/profile.html",
        {"form": form, "profile": profile, "first_time": profile is None},
    )


@login_required
def my_data_view(request):
    form = DeleteAccountForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.delete_own_account(request.user, form.cleaned_data["password"])
        except services.AccountError as refusal:
            form.add_error(refusal.field, str(refusal))
        else:
            logout(request)
            messages.success(request, _("Your account is deleted."))
            return redirect("/")
    return render(request, "participants/my_data.html", {"form": form})


@login_required
def my_data_download(request):
    body = json.dumps(personal_data(request.user), cls=DjangoJSONEncoder, indent=2)
    response = HttpResponse(body, content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response
