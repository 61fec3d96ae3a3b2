"""Rules about a session's place in the programme."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from events.tree import event_of
from sessions.models import SessionPage, SessionRole


def clock(moment, event):
    """`moment` as HH:MM on the event's wall clock, as organisers read it."""
    return f"{timezone.localtime(moment, event.tzinfo):%H:%M}"


def overlapping(event, start, end, *, exclude=()):
    """Sessions of `event`, not cancelled, that overlap [start, end), but for the
    sessions whose pks are in `exclude`."""
    found = (
        SessionPage.objects.child_of(event)
        .filter(start__lt=end, end__gt=start)
        .exclude(status=SessionPage.Status.CANCELLED)
    )
    return found.exclude(pk__in=exclude) if exclude else found


def schedule_problems(event, start, end, room, status, *, exclude=(), booked=None):
    """Field errors that refuse a session's times or room; empty when it fits.

    A room holds one session at a time: a double booking is refused. A cancelled session
    keeps its slot on record but frees the room. Sessions whose pks are in `exclude`
    (the one being edited, or all that an import moves) do not hold their slots.
    `booked`: the event's sessions, read once by a caller that checks many (an
    import), in order of start; by default they are queried here.
    """
    problems = {}
    if not (start and end):
        return problems
    if end <= start:
        problems["end"] = _("The session must end after it starts.")
        return problems
    local_start = timezone.localtime(start, event.tzinfo).date()
    local_end = timezone.localtime(end, event.tzinfo).date()
    if local_start < event.start_date or local_end > event.end_date:
        problems["start"] = _(
            "The session must take place during the event, %(first)s to %(last)s "
            "(%(zone)s)."
        ) % {
            "first": date_format(event.start_date),
            "last": date_format(event.end_date),
            "zone": event.time_zone,
        }
    if room and status != SessionPage.Status.CANCELLED:
        if booked is None:
            clash = (
                overlapping(event, start, end, exclude=exclude)
                .filter(room=room)
                .order_by("start")
                .first()
            )
        else:
            clash = next(
                (
                    other
                    for other in booked
                    if other.room_id == room.pk
                    and other.start < end
                    and start < other.end
                    and other.status != SessionPage.Status.CANCELLED
                    and other.pk not in exclude
                ),
                None,
            )
        if clash:
            problems["room"] = _(
                "%(room)s is already booked for “%(title)s” from %(start)s to %(end)s."
            ) % {
                "room": room,
                "title": clash.title,
                "start": clock(clash.start, event),
                "end": clock(clash.end, event),
            }
    return problems


def code_problems(event, code, *, exclude=()):
    """A session's code identifies it within its event (imports match on it)."""
    if not code:
        return {}
    taken = (
        SessionPage.objects.child_of(event).filter(code=code).exclude(pk__in=exclude)
    )
    if taken.exists():
        return {
            "code": _("Another session of this event already has the code %(code)s.")
            % {"code": code}
        }
    return {}


def person_clashes(session):
    """[(person, other session)] for people of `session` booked elsewhere at the same
    time. Warned about, not refused: a speaker may look in on two sessions."""
    if session.is_cancelled:
        return []
    people = {role.person_id: role.person for role in session.roles.all()}
    if not people:
        return []
    event = event_of(session)
    others = overlapping(event, session.start, session.end, exclude=[session.pk])
    rows = (
        SessionRole.objects.filter(session__in=others, person_id__in=people)
        .select_related("session")
        .order_by("session__start")
    )
    return [(people[row.person_id], row.session) for row in rows]


def free_code(event, code, *, exclude=()):
    """A code for a copy of the session coded `code` in `event`: the same if free
    there, else the first of code-2, code-3... that no session of the event has (but
    those whose pks are in `exclude`: the copy itself)."""
    if not code:
        return ""
    taken = set(
        SessionPage.objects.child_of(event)
        .filter(code__startswith=code)
        .exclude(pk__in=exclude)
        .values_list("code", flat=True)
    )
    number, candidate = 1, code
    while candidate in taken:
        number += 1
        candidate = f"{code}-{number}"
    return candidate


def usual_track(event, *, room=None):
    """The track a new session of `event` most likely has: that of the session added
    last (in `room`, when given), or none."""
    sessions = SessionPage.objects.child_of(event).exclude(track="")
    if room is not None:
        sessions = sessions.filter(room=room)
    return sessions.order_by("-pk").values_list("track", flat=True).first() or ""
