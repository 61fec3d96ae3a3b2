"""Online attendance: a participant registered to take part online who opens a
session's page while it is on (or up to BEFORE ahead of its start) attends that
session online. Recorded once a person and session, like a check-in at its door."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from participants.attendance.models import CheckIn
from participants.models import Registration

BEFORE = timedelta(minutes=15)
RULE_TEXT = gettext_noop(
    "Someone attended when their badge was checked in at the desk on a day of the "
    "event, or, registered to take part online, when they opened a session's page "
    "while it was on (or in the %(minutes)s minutes before it began)."
)
# In English, as open data publishes it; `rule()` says it in the active language.
RULE = RULE_TEXT % {"minutes": BEFORE.seconds // 60}


def rule():
    return gettext(RULE_TEXT) % {"minutes": BEFORE.seconds // 60}


def is_on(start, end, now):
    return start - BEFORE <= now <= end


def record(user, event, session, now=None):
    """Count `user` as attending `session` (a page with start and end) online, if it
    is on and they hold a confirmed online registration; True if they do."""
    now = now or timezone.now()
    if not user.is_authenticated or not is_on(session.start, session.end, now):
        return False
    registration = (
        Registration.objects.filter(
            event=event,
            user=user,
            status=Registration.Status.CONFIRMED,
            mode=Registration.Mode.ONLINE,
        )
        .values_list("pk", flat=True)
        .first()
    )
    if registration is None:
        return False
    CheckIn.objects.bulk_create(
        [
            CheckIn(
                event=event,
                registration_id=registration,
                session_id=session.pk,
                mode=CheckIn.Mode.ONLINE,
                day=now.astimezone(event.tzinfo).date(),
                at=now,
            )
        ],
        ignore_conflicts=True,  # opened again, or checked in at the door
    )
    return True
