"""Checking people in: who may (the event's organisers and its check-in helpers),
what a scanned or typed badge gives, the check-in itself (once a person and day,
whichever device is first), a device's queue of offline check-ins synced at once,
and the list a device keeps to work without a network."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Page

from events.models import EventPage
from events.services import can_manage
from participants.attendance import badges, tokens
from participants.attendance.models import Badge, CheckIn, CheckInHelper
from participants.models import Registration
from toolkit.rates import over_limit

# A sync carries at most this many check-ins (a device queues a few hundred at most).
SYNC_LIMIT = 1_000
# A device's clock may be this far ahead; later than that, the server's time is used.
CLOCK_SLACK = timedelta(minutes=5)
# A check-in this much older than its sync is taken as made now: the device's clock
# was days behind (a desk offline for a day still syncs before this).
OLDEST = timedelta(days=2)


@dataclass
class DeskSession:
    """A session the desk may check people in at: its page pk, what the desk shows,
    and its room's seats (None: no limit)."""

    pk: int
    label: str
    capacity: int | None


# What the programme (a higher layer, which sets it in its ready()) tells the desk:
# (event, day) -> [DeskSession] of that day.
sessions_source = None


def desk_sessions(event, day):
    return sessions_source(event, day) if sessions_source else []


class CheckInError(Exception):
    """A refusal of the whole request, worded for the helper, with its HTTP status."""

    def __init__(self, message, status):
        super().__init__(message)
        self.status = status


@dataclass
class Outcome:
    """What the desk shows for one badge: "in" (checked in now), "already" (by
    this or another device before) or "refused", with whom and why."""

    status: str
    message: str
    registration: Registration | None = None
    at: datetime | None = None

    def as_json(self):
        person = self.registration
        return {
            "status": self.status,
            "message": self.message,
            "name": person_name(person) if person else "",
            "at": self.at.isoformat() if self.at else None,
        }


def may_check_in(user, event):
    """The event's organisers and its check-in helpers."""
    if not user.is_authenticated:
        return False
    return CheckInHelper.objects.filter(event=event, user=user).exists() or can_manage(
        user, event
    )


def desk_event(user, event_id):
    """The event `event_id` if `user` may check people in there; None otherwise
    (the views answer 404: a helper sees no other event)."""
    event = EventPage.objects.filter(pk=event_id).first()
    if event is None or not may_check_in(user, event):
        return None
    return event


def helping_at(user):
    """The events whose desk `user` helps at, soonest first."""
    if not user.is_authenticated:
        return EventPage.objects.none()
    helper = CheckInHelper.objects.filter(event=OuterRef("pk"), user=user)
    return EventPage.objects.filter(Exists(helper)).order_by("start_date")


def person_name(registration):
    user = registration.user
    profile = getattr(user, "profile", None) if user else None
    return (profile and profile.full_name) or (user.email if user else "")


def person_organisation(registration):
    profile = getattr(registration.user, "profile", None)
    return profile.organisation if profile else ""


def _moment(at, now):
    """When a check-in happened: the device's time, unless it is missing, ahead of
    the server's by more than CLOCK_SLACK or behind by more than OLDEST."""
    if at is None or at > now + CLOCK_SLACK or at < now - OLDEST:
        return now
    return at


def check_in(actor, event, text, *, at=None, device="", session=None):
    """Check in the person whose badge `text` (scanned or typed) names, at the event
    on the day of `at`, or at `session` (a DeskSession's pk, its room's seats
    counted): the Outcome. Two devices give one check-in."""
    now = timezone.now()
    try:
        registration = badges.read(event, text)
    except badges.BadgeError as error:
        return Outcome("refused", str(error))
    if registration.mode != Registration.Mode.IN_PERSON:
        return Outcome(
            "refused",
            _("Registered to take part online: register at the desk for a seat."),
            registration,
        )
    at = _moment(at, now)
    day = at.astimezone(event.tzinfo).date()
    if session:
        return _at_session(actor, event, registration, session, at, day, device)
    try:
        with transaction.atomic():
            row = CheckIn.objects.create(
                event=event,
                registration=registration,
                day=day,
                at=at,
                by=actor,
                device=device[:40],
            )
    except IntegrityError:  # this person is in today already
        row = CheckIn.objects.filter(
            registration=registration, day=day, session=None
        ).first()
        if row is None:  # another constraint: not a check-in made before
            return Outcome("refused", _("Could not record this check-in: try again."))
        said = _("Already in since %(time)s.") % {"time": _clock(row.at, event)}
        return Outcome("already", said, registration, row.at)
    return Outcome("in", _("Checked in."), registration, row.at)


def _clock(at, event):
    """The time of day of `at` on the event's clock, as the desk shows it."""
    return dateformat.format(at.astimezone(event.tzinfo), _("H:i"))


def _at_session(actor, event, registration, pk, at, day, device):
    """A check-in at a session's door: refused when its room is full. The session's
    page row is locked while its seats are counted, so two doors never both take
    the last seat. Whoever is at a session is at the event that day too."""
    found = {s.pk: s for s in desk_sessions(event, day)}.get(_id(pk))
    if found is None:
        return Outcome("refused", _("This session is not on today."), registration)
    fields = {"event": event, "registration": registration, "at": at, "by": actor}
    fields["device"] = device[:40]
    with transaction.atomic():
        _lock_session(found.pk)
        earlier = CheckIn.objects.filter(
            session_id=found.pk, registration=registration
        ).first()
        if earlier is not None:
            said = _("Already in this session since %(time)s.") % {
                "time": _clock(earlier.at, event)
            }
            return Outcome("already", said, registration, earlier.at)
        if _room_full(found):
            return Outcome(
                "refused",
                ngettext(
                    "The room is full (%(n)s seats). Not checked in.",
                    "The room is full (%(n)s seats). Not checked in.",
                    found.capacity,
                )
                % {"n": found.capacity},
                registration,
            )
        CheckIn.objects.create(session_id=found.pk, day=day, **fields)
        CheckIn.objects.bulk_create(
            [CheckIn(day=day, **fields)], ignore_conflicts=True
        )  # at the event that day, if not checked in at its entrance yet
    said = _("Checked in at %(session)s.") % {"session": found.label}
    return Outcome("in", said, registration, at)


def _lock_session(pk):
    """Hold the session's page row until the transaction ends: its doors queue."""
    Page.objects.select_for_update().filter(pk=pk).exists()


def _room_full(found):
    if found.capacity is None:
        return False
    here = CheckIn.objects.filter(session_id=found.pk, mode=CheckIn.Mode.ONSITE)
    return here.count() >= found.capacity


def _id(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def sync(actor, event, items, *, device=""):
    """Check in a device's queue ([{"id", "code", "at"}], in the order made); the
    outcomes by the queue's ids. A queue sent twice (the answer lost on the way)
    gives the same check-ins, now "already"."""
    if len(items) > SYNC_LIMIT:
        raise CheckInError(
            _("Send at most %(n)s check-ins at a time.") % {"n": SYNC_LIMIT}, 400
        )
    _limit(actor)
    results = {}
    for item in items:
        results[str(item.get("id", ""))[:40]] = check_in(
            actor,
            event,
            str(item.get("code", ""))[:200],
            at=_parsed(item.get("at")),
            device=device,
            session=item.get("session"),
        ).as_json()
    return results


def _parsed(text):
    try:
        at = datetime.fromisoformat(str(text))
    except ValueError:
        return None
    return at if at.tzinfo else None


def _limit(actor):
    if over_limit(actor, "attendance.sync", settings.ATTENDANCE_SYNC_RATE):
        raise CheckInError(
            _("Too many syncs in a minute. The check-ins stay queued."), 429
        )


def desk_list(event, now=None):
    """What a device keeps to check people in offline: each current badge's code
    with the name, organisation and group shown at the desk, and whether the person
    is in today. Only confirmed in-person registrations (their badges issued now if
    missing); the same queries however many."""
    now = now or timezone.now()
    today = now.astimezone(event.tzinfo).date()
    in_today = CheckIn.objects.filter(
        registration=OuterRef("registration"), day=today, session=None
    )
    registrations = Registration.objects.filter(
        event=event,
        status=Registration.Status.CONFIRMED,
        mode=Registration.Mode.IN_PERSON,
        user__isnull=False,
    )
    badges.issue_missing(registrations)
    rows = (
        Badge.objects.filter(registration__in=registrations, revoked_at=None)
        .annotate(in_today=Exists(in_today))
        .select_related("registration__user__profile", "registration__group")
        .order_by("pk")
    )
    return {
        "day": today.isoformat(),
        "sessions": [vars(found) for found in desk_sessions(event, today)],
        "people": [
            {
                "code": badge.code,
                "name": person_name(badge.registration),
                "organisation": person_organisation(badge.registration),
                "group": str(badge.registration.group),
                "in": badge.in_today,
            }
            for badge in rows
        ],
    }


def counts(event, now=None):
    """How many are in today, of how many badges the desk may see."""
    now = now or timezone.now()
    today = now.astimezone(event.tzinfo).date()
    return {
        "in": CheckIn.objects.filter(event=event, day=today, session=None).count(),
        "expected": Registration.objects.filter(
            event=event,
            status=Registration.Status.CONFIRMED,
            mode=Registration.Mode.IN_PERSON,
        ).count(),
    }


def search(event, words, limit=20):
    """Confirmed in-person registrations whose name or email holds `words`."""
    words = (words or "").strip()
    if len(words) < 2:
        return []
    rows = Registration.objects.filter(
        event=event,
        status=Registration.Status.CONFIRMED,
        mode=Registration.Mode.IN_PERSON,
    ).select_related("user__profile", "group")
    rows = rows.filter(
        Q(user__profile__full_name__icontains=words) | Q(user__email__icontains=words)
    ).order_by("user__profile__full_name")[:limit]
    found = list(rows)
    badges.issue_missing(Registration.objects.filter(pk__in=[r.pk for r in found]))
    current = Badge.objects.filter(registration__in=found, revoked_at=None)
    codes = dict(current.values_list("registration", "code"))
    for registration in found:
        registration.code = codes[registration.pk]
        registration.printed_code = tokens.grouped(registration.code)
    return found
