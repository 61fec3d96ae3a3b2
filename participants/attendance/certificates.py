"""Certificates of attendance: who may have one (someone who attended, by the rule of
attendance.online.RULE, once the event is over), what it lists (the days on site,
the sessions attended, the roles held), the PDF with a QR code of its public
address, that address's answer (name, event and dates, nothing else), and revoking.

The programme's titles and roles come from the programme (a higher layer), which
registers them as `source` in its ready()."""

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

import segno
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from events.services import can_manage
from participants.attendance import pdf, tokens
from participants.attendance.checkin import person_name, person_organisation
from participants.attendance.models import Certificate, CheckIn
from participants.emails import dates_of
from participants.models import Registration
from toolkit.addresses import absolute

CODE_LENGTH = 16  # 80 random bits: no one finds a certificate by trying codes


class CertificateError(Exception):
    """A refusal, worded for the person who asked."""


@dataclass
class SessionsSource:
    """What the programme tells certificates: session titles and start times by
    page pk, and the roles a user held in an event's sessions."""

    sessions: Callable  # ([page pk]) -> {pk: (title, start)}
    roles: Callable  # (event, user) -> [(role label, session title)]


source = None


@dataclass
class Attendance:
    days: list = field(default_factory=list)  # dates on site
    sessions: list = field(default_factory=list)  # (title, start, "on site"/"online")
    roles: list = field(default_factory=list)  # (role label, session title)

    @property
    def attended(self):
        return bool(self.days or self.sessions)


def event_over(event, now=None):
    """Certificates wait for the end of the event's last day, in its zone."""
    ends = datetime.combine(event.end_date + timedelta(days=1), time.min, event.tzinfo)
    return (now or timezone.now()) >= ends


def attendance_of(registration):
    """What `registration` attended: its days on site, its sessions (titles from the
    programme) and the roles its person held."""
    rows = list(CheckIn.objects.filter(registration=registration).order_by("day", "at"))
    found = Attendance(days=sorted({r.day for r in rows if r.session_id is None}))
    by_session = {r.session_id: r for r in rows if r.session_id}
    titles = source.sessions(list(by_session)) if source and by_session else {}
    for pk, row in by_session.items():
        if pk in titles:
            title, start = titles[pk]
            found.sessions.append((title, start, row.get_mode_display().lower()))
    found.sessions.sort(key=lambda s: s[1])
    if source and registration.user:
        found.roles = source.roles(registration.event, registration.user)
    return found


def may_download(registration, now=None):
    """Whether the registration's page offers a certificate: the event is over and
    its person attended (a revoked one is refused when asked for, with why)."""
    return event_over(registration.event, now) and registration.check_ins.exists()


def certificate_for(registration, now=None):
    """The registration's certificate, issued now if it has none; CertificateError
    saying why when it may have none (yet)."""
    if not event_over(registration.event, now):
        raise CertificateError(
            _("Certificates of attendance are issued once the event is over.")
        )
    existing = Certificate.objects.filter(registration=registration).first()
    if existing is not None:
        if existing.revoked_at:
            raise CertificateError(_("This certificate was revoked by the organisers."))
        return existing
    if not CheckIn.objects.filter(registration=registration).exists():
        raise CertificateError(
            _(
                "There is no record of your attendance, so no certificate. If you "
                "came, please write to the organisers."
            )
        )
    try:
        with transaction.atomic():
            return Certificate.objects.create(registration=registration, code=_code())
    except IntegrityError:  # asked twice at once
        return Certificate.objects.get(registration=registration)


def _code():
    return "".join(secrets.choice(tokens.ALPHABET) for _ in range(CODE_LENGTH))


def address(certificate):
    return absolute(reverse("attendance:certificate", args=[certificate.code]))


def certificate_pdf(certificate):
    registration = certificate.registration
    event = registration.event
    link = address(certificate)
    return pdf.render(
        "participants/attendance/certificate_pdf.html",
        {
            "certificate": certificate,
            "event": event,
            "zone": event.tzinfo,  # times on the event's clock
            "dates": dates_of(event),
            "name": person_name(registration),
            "organisation": person_organisation(registration),
            "attendance": attendance_of(registration),
            "address": link,
            "qr": segno.make(link, error="m").svg_data_uri(scale=4, border=2),
        },
    )


def verify(code):
    """The certificate with `code` and what its public address may say: name, event
    and dates, and whether it was revoked. None if no certificate has the code."""
    certificate = (
        Certificate.objects.select_related("registration__event", "registration__user")
        .filter(code=(code or "").upper()[:CODE_LENGTH])
        .first()
    )
    if certificate is None:
        return None
    registration = certificate.registration
    return {
        "name": person_name(registration),
        "event": registration.event,
        "dates": dates_of(registration.event),
        "revoked_at": certificate.revoked_at,
    }


def revoke(actor, event, pk, reason=""):
    """Revoke certificate `pk` of `event`; its public address says so from now on."""
    if not can_manage(actor, event):
        raise CertificateError(_("Only the event's organisers revoke certificates."))
    changed = Certificate.objects.filter(
        pk=pk, registration__event=event, revoked_at=None
    ).update(revoked_at=timezone.now(), revoked_by=actor, revoke_reason=reason[:300])
    if not changed:
        raise CertificateError(_("This certificate is revoked already, or not found."))


def restore(actor, event, pk):
    """Undo a revocation made by mistake."""
    if not can_manage(actor, event):
        raise CertificateError(_("Only the event's organisers restore certificates."))
    Certificate.objects.filter(pk=pk, registration__event=event).update(
        revoked_at=None, revoked_by=None, revoke_reason=""
    )


def attendees(event):
    """The event's registrations that attended, with their certificates, by name."""
    attended = CheckIn.objects.filter(event=event).values("registration")
    return (
        Registration.objects.filter(pk__in=attended)
        .select_related("user__profile", "group", "certificate")
        .order_by("user__profile__full_name", "pk")
    )
