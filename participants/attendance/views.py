"""The check-in desk (organisers and the event's helpers; anyone else gets 404) and
a participant's own badge. The desk works with plain forms; desk.js adds the camera,
the list kept on the device and the queue of check-ins made offline."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from participants.attendance import (
    badges,
    certificates,
    checkin,
    pdf,
    tokens,
    walk_ins,
)
from participants.models import Registration


def _desk(request, event_id):
    event = checkin.desk_event(request.user, event_id)
    if event is None:
        raise Http404
    return event


@login_required
def desk(request, event_id):
    event = _desk(request, event_id)
    outcome = None
    where = request.POST.get("session") or request.GET.get("session") or ""
    if request.method == "POST":
        outcome = checkin.check_in(
            request.user,
            event,
            request.POST.get("code", ""),
            device="form",
            session=where or None,
        )
    words = request.GET.get("q", "")
    today = timezone.now().astimezone(event.tzinfo).date()
    return render(
        request,
        "participants/attendance/desk.html",
        {
            "event": event,
            "outcome": outcome,
            "query": words,
            "found": checkin.search(event, words) if words else None,
            "counts": checkin.counts(event),
            "sessions": checkin.desk_sessions(event, today),
            "where": where,
        },
    )


@login_required
def walk_in(request, event_id):
    """Register someone at the desk (a plain form under the desk)."""
    event = _desk(request, event_id)
    form = walk_ins.WalkInForm(request.POST or None)
    outcome = None
    if request.method == "POST" and form.is_valid():
        outcome = walk_ins.walk_in(request.user, event, form.cleaned_data)
        if outcome.status == "in":
            form = walk_ins.WalkInForm()
    return render(
        request,
        "participants/attendance/walk_in.html",
        {"event": event, "form": form, "outcome": outcome},
    )


@login_required
@require_GET
def desk_list(request, event_id):
    event = _desk(request, event_id)
    response = JsonResponse(checkin.desk_list(event))
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def desk_sync(request, event_id):
    event = _desk(request, event_id)
    try:
        sent = json.loads(request.body or b"{}")
        items = sent["items"]
        if not isinstance(items, list):
            raise TypeError
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"error": 'Send {"items": [...]}.'}, status=400)
    device = str(sent.get("device", ""))[:40]
    try:
        results = checkin.sync(request.user, event, items, device=device)
    except checkin.CheckInError as refusal:
        return JsonResponse({"error": str(refusal)}, status=refusal.status)
    return JsonResponse({"results": results, "counts": checkin.counts(event)})


def _own_badge(request, pk):
    registration = get_object_or_404(
        Registration.objects.select_related("event", "group", "user__profile"),
        pk=pk,
        user=request.user,
    )
    badge = badges.badge_for(registration)
    if badge is None:
        raise Http404
    return registration, badge


@login_required
def badge_view(request, pk):
    registration, badge = _own_badge(request, pk)
    return render(
        request,
        "participants/attendance/badge.html",
        {
            "registration": registration,
            "event": registration.event,
            "badge": badge,
            "printed_code": tokens.grouped(badge.code),
            "qr": badges.qr_svg(badge),
        },
    )


@login_required
def badge_pdf(request, pk):
    registration, badge = _own_badge(request, pk)
    badge.registration = registration
    made = badges.badges_pdf(registration.event, [badge], "single")
    return pdf.response(made, f"badge-{badge.code}.pdf")


@never_cache
def certificate_check(request, code):
    """A certificate's public address: valid (name, event, dates), revoked, or
    unknown; nothing more about the person."""
    found = certificates.verify(code)
    return render(
        request,
        "participants/attendance/certificate_check.html",
        {"found": found},
        status=200 if found else 404,
    )


@login_required
def certificate_pdf(request, pk):
    registration = get_object_or_404(
        Registration.objects.select_related("event", "user__profile"),
        pk=pk,
        user=request.user,
    )
    try:
        certificate = certificates.certificate_for(registration)
    except certificates.CertificateError as refusal:
        messages.error(request, str(refusal))
        return redirect("participants:registration", pk)
    certificate.registration = registration
    made = certificates.certificate_pdf(certificate)
    return pdf.response(made, f"certificate-{registration.event.slug}.pdf")
