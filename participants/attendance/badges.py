"""Badges: who has one (a confirmed in-person registration), issuing one on first
need, reprinting (which revokes the old one), the QR code, and reading a badge back
at the desk with every refusal worded for the helper."""

import segno
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _

from events.regions import country_regions, region_of
from participants.attendance import pdf, tokens
from participants.attendance.models import Badge
from participants.models import Registration


class BadgeError(Exception):
    """A badge refused at the desk, worded for the helper."""


def has_badge(registration):
    return (
        registration.status == Registration.Status.CONFIRMED
        and registration.mode == Registration.Mode.IN_PERSON
    )


def badge_for(registration):
    """The registration's current badge, issued now if it has none; None if it has
    no right to one."""
    if not has_badge(registration):
        return None
    current = registration.badges.filter(revoked_at=None).first()
    if current is not None:
        return current
    try:
        with transaction.atomic():
            return Badge.objects.create(registration=registration, code=_free_code())
    except IntegrityError:  # issued meanwhile by another request
        return registration.badges.get(revoked_at=None)


def _free_code():
    while True:
        code = tokens.new_code()
        if not Badge.objects.filter(code=code).exists():
            return code


def reprint(registration):
    """Revoke the current badge (lost, or printed with a mistake) and issue another."""
    with transaction.atomic():
        Badge.objects.filter(registration=registration, revoked_at=None).update(
            revoked_at=timezone.now()
        )
        return badge_for(registration)


def badges_of(event):
    """The current badges of the event's confirmed in-person registrations, each
    issued if missing, in the order of names; with people and groups loaded."""
    rows = Registration.objects.filter(
        event=event,
        status=Registration.Status.CONFIRMED,
        mode=Registration.Mode.IN_PERSON,
        user__isnull=False,
    )
    issue_missing(rows)
    badges = (
        Badge.objects.filter(registration__in=rows, revoked_at=None)
        .select_related("registration__user__profile", "registration__group")
        .order_by("registration__user__profile__full_name", "pk")
    )
    return list(badges)


def issue_missing(registrations):
    """One insert for every registration still without a current badge."""
    current = Badge.objects.filter(registration=OuterRef("pk"), revoked_at=None)
    missing = registrations.exclude(Exists(current))
    pks = list(missing.values_list("pk", flat=True))
    try:
        with transaction.atomic():
            Badge.objects.bulk_create(
                Badge(registration_id=pk, code=tokens.new_code()) for pk in pks
            )
    except IntegrityError:  # a code drawn twice, or a badge issued meanwhile
        for registration in missing:
            badge_for(registration)


def badges_pdf(event, badges, layout):
    """The badges as one PDF: A4 sheets of eight to cut, or one badge a page (their
    registrations' people and groups loaded)."""
    regions = country_regions()
    for badge in badges:
        profile = getattr(badge.registration.user, "profile", None)
        badge.region = region_of(profile.country, regions=regions) if profile else None
        badge.qr = qr_data_uri(badge)
        badge.printed_code = tokens.grouped(badge.code)
    return pdf.render(
        "participants/attendance/badges_pdf.html",
        {"event": event, "sheets": _sheets(badges, layout), "layout": layout},
    )


PER_SHEET = 8  # 2 across, 4 down, 90 x 60 mm each, on A4 with 10-12 mm margins


def _sheets(badges, layout):
    size = PER_SHEET if layout == "sheet" else 1
    return [badges[n : n + size] for n in range(0, len(badges), size)]


def qr_svg(badge):
    """The badge's QR code as inline SVG (a few hundred bytes, drawn as one path)."""
    return _qr(badge).svg_inline(
        scale=4, border=2, svgclass="qr", lineclass=None, omitsize=True
    )


def qr_data_uri(badge):
    """The same QR code as a data: address, for the PDF (nothing fetched)."""
    return _qr(badge).svg_data_uri(scale=4, border=2)


def _qr(badge):
    return segno.make(tokens.token(badge.code), error="m", micro=False)


def read(event, text):
    """The registration a scanned or typed badge names at `event`; BadgeError with
    the reason otherwise (forged, unknown, replaced, another event's, not admitted)."""
    try:
        code = tokens.code_of(text)
    except tokens.TokenError as error:
        raise BadgeError(str(error)) from None
    badge = (
        Badge.objects.select_related(
            "registration__user__profile", "registration__group"
        )
        .filter(code=code)
        .first()
    )
    if badge is None:
        raise BadgeError(
            _("No badge has the code %(code)s.") % {"code": tokens.grouped(code)}
        )
    registration = badge.registration
    if registration.event_id != event.pk:
        raise BadgeError(_("This badge is for another event."))
    if badge.revoked_at is not None:
        raise BadgeError(
            _("This badge was replaced on %(day)s: ask for the badge printed since.")
            % {"day": dateformat.format(badge.revoked_at, _("j F"))}
        )
    if registration.status != Registration.Status.CONFIRMED:
        status = registration.get_status_display().lower()
        raise BadgeError(
            _("This registration is %(status)s: not admitted.") % {"status": status}
        )
    return registration
