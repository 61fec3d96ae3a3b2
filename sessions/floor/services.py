"""Every act on a session's floor: participants request to speak and withdraw;
moderators open it, call the next speaker, skip or move a request (with a reason kept
on record), run the speaking clock and set the limit and the groups' budgets. Views,
consumers and commands call these; none repeats a rule. Refusals are QAError: the
Q&A's socket carries the floor too.

Every change locks the floor's row first, then the session's board (its seq orders the
frames, sessions.floor.live): one session's floor changes one after the other, so two
moderators calling the same next speaker find exactly one of them did."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from events.models import StakeholderGroup
from events.regions import region_of
from events.tree import parent_path
from participants.models import Registration
from sessions.floor import live
from sessions.floor.models import Floor, FloorBudget, FloorEntry, SpeakRequest
from sessions.floor.rules import elapsed
from sessions.qa import services as qa
from sessions.qa.models import QABoard
from sessions.qa.services import QAError, can_moderate

NOT_FOUND = gettext_lazy("That request to speak does not exist.")
ACTIONS = ["call", "skip", "move", "start", "stop", "finish"]


# Participants' acts ----------------------------------------------------------------


def request(
    user, session, *, topic="", guiding_question=None, reply=False, name_public=True
):
    """The participant joins the end of the queue, numbered; one waiting request
    each."""
    if not user.is_authenticated:
        raise QAError("sign-in", _("Sign in to request the floor."))
    registration = _registration(user, session)
    topic = " ".join(str(topic or "").split())
    if len(topic) > SpeakRequest.MAX_TOPIC:
        most = SpeakRequest.MAX_TOPIC
        raise QAError(
            "invalid",
            ngettext(
                "A topic has at most %(n)s character.",
                "A topic has at most %(n)s characters.",
                most,
            )
            % {"n": most},
        )
    qa.check_guiding_question(session, guiding_question)
    qa._limit(user, "floor")
    with transaction.atomic():
        floor = _lock_floor(session)
        if floor.status != Floor.Status.OPEN:
            raise QAError("closed", _("The floor is not open for requests."))
        rows = SpeakRequest.objects.filter(session=session)
        if rows.filter(user=user, status=SpeakRequest.Status.WAITING).exists():
            raise QAError("already", _("You are in the queue already."))
        last = rows.filter(status=SpeakRequest.Status.WAITING).order_by("-position")
        last = last.values_list("position", flat=True).first()
        try:
            with transaction.atomic():
                item = SpeakRequest.objects.create(
                    session=session,
                    user=user,
                    number=floor.next_number,
                    name_public=bool(name_public),
                    **speaker(registration),
                    topic=topic,
                    guiding_question_id=guiding_question,
                    reply=bool(reply),
                    position=0 if last is None else last + 1,
                )
        except IntegrityError as error:  # a second tab's request came first
            raise QAError("already", _("You are in the queue already.")) from error
        floor.next_number += 1
        floor.save(update_fields=["next_number"])
        _announce(floor)
    return item


def speaker(registration):
    """Who asks, as a request keeps them: from their registration (group, mode) and
    profile (name, region, gender), copied so the record stands."""
    profile = getattr(registration.user, "profile", None)
    return {
        "name": profile.full_name if profile else "",
        "group": registration.group or (profile.group if profile else None),
        "region": region_of(profile.country) if profile else None,
        "gender": profile.gender if profile else "",
        "mode": SpeakRequest.Mode.ONLINE
        if registration.mode == Registration.Mode.ONLINE
        else SpeakRequest.Mode.ONSITE,
    }


def withdraw(user, session, request_id):
    """ "Decline to speak for now": the participant's own waiting request leaves the
    queue (kept on record)."""
    if not user.is_authenticated:
        raise QAError("sign-in", _("Sign in to request the floor."))
    with transaction.atomic():
        floor = _lock_floor(session)
        item = _request(session, request_id)
        if item.user_id != user.pk:
            raise QAError("not-found", str(NOT_FOUND))  # someone else's: as if none
        if item.status != SpeakRequest.Status.WAITING:
            raise QAError(
                "invalid", _("Only a request still waiting can be withdrawn.")
            )
        item.status = SpeakRequest.Status.WITHDRAWN
        item.save(update_fields=["status"])
        _record(item, FloorEntry.Action.WITHDRAWN, user)
        _announce(floor)
    return item


# Moderators' acts ------------------------------------------------------------------


def configure(user, session, *, status=None, speaking_limit=None, budgets=None):
    """Open or close the floor, set each speaker's limit (seconds) and the groups'
    budgets ({group id: seconds, or None for no budget})."""
    _moderator(user, session)
    if status is not None and status not in Floor.Status.values:
        raise QAError("invalid", _("Unknown floor status."))
    if speaking_limit is not None and not 10 <= speaking_limit <= 3600:
        raise QAError("invalid", _("A speaking limit is 10 seconds to 60 minutes."))
    with transaction.atomic():
        Floor.objects.get_or_create(session=session)
        floor = _lock_floor(session)
        if status is not None:
            floor.status = status
        if speaking_limit is not None:
            floor.speaking_limit = speaking_limit
        floor.save(update_fields=["status", "speaking_limit"])
        if budgets is not None:
            _set_budgets(floor, budgets)
        _announce(floor)
    return floor


def _set_budgets(floor, budgets):
    known = set(StakeholderGroup.objects.values_list("pk", flat=True))
    if set(budgets) - known:
        raise QAError("invalid", _("Choose among the stakeholder groups."))
    for group_id, seconds in budgets.items():
        if seconds:
            FloorBudget.objects.update_or_create(
                floor=floor, group_id=group_id, defaults={"seconds": seconds}
            )
        else:
            FloorBudget.objects.filter(floor=floor, group_id=group_id).delete()


def act(user, session, action, *, request_id=None, reason="", place=None):
    """A moderator's act on the queue: `action` one of ACTIONS."""
    _moderator(user, session)
    if action not in ACTIONS:
        raise QAError("invalid", _("Unknown act on the queue."))
    reason = " ".join(str(reason or "").split())[:300]
    with transaction.atomic():
        floor = _lock_floor(session)
        if not floor.enabled:
            raise QAError("closed", _("The speaking queue is off for this session."))
        now = timezone.now()
        if action in ("call", "skip", "move"):
            item = _request(session, request_id)
            done = {"call": _call, "skip": _skip, "move": _move}[action]
            done(session, item, user=user, reason=reason, place=place, now=now)
        else:
            item = _speaker(session)
            if action == "finish":
                _finish(item, user, now)
            else:
                _run_clock(item, running=action == "start", now=now)
        _announce(floor)
    return item


def _call(session, item, *, user, now, **_rest):
    """The request at the head of the queue takes the floor; whoever had it finishes."""
    if item.status != SpeakRequest.Status.WAITING:
        raise QAError(
            "taken",
            _("#%(number)s is no longer waiting: another moderator acted first.")
            % {"number": item.number},
        )
    head = _waiting(session).first()
    if head.pk != item.pk:
        raise QAError(
            "not-next",
            _("#%(number)s is not next in the queue; move it up first (with a reason).")
            % {"number": item.number},
        )
    current = SpeakRequest.objects.filter(
        session=session, status=SpeakRequest.Status.SPEAKING
    ).first()
    if current is not None:
        _finish(current, user, now)
    item.status = SpeakRequest.Status.SPEAKING
    item.called_at = item.clock_since = now
    item.save(update_fields=["status", "called_at", "clock_since"])
    _record(item, FloorEntry.Action.CALLED, user)


def _skip(session, item, *, user, reason, **_rest):
    if item.status != SpeakRequest.Status.WAITING:
        raise QAError("invalid", _("Only a request still waiting can be skipped."))
    if not reason:
        raise QAError(
            "invalid", _("Say why the request is skipped: it is kept on record.")
        )
    item.status = SpeakRequest.Status.SKIPPED
    item.save(update_fields=["status"])
    _record(item, FloorEntry.Action.SKIPPED, user, reason)


def _move(session, item, *, user, reason, place, **_rest):
    """To `place` (1 is next) in the queue; the others keep their order."""
    if item.status != SpeakRequest.Status.WAITING:
        raise QAError("invalid", _("Only a request still waiting can be moved."))
    if not reason:
        raise QAError(
            "invalid", _("Say why the request is moved: it is kept on record.")
        )
    waiting = [row for row in _waiting(session) if row.pk != item.pk]
    if place is None or not 1 <= place <= len(waiting) + 1:
        raise QAError(
            "invalid",
            _("Choose a place from 1 to %(n)s.") % {"n": len(waiting) + 1},
        )
    waiting.insert(place - 1, item)
    for position, row in enumerate(waiting):
        row.position = position
    SpeakRequest.objects.bulk_update(waiting, ["position"])
    _record(item, FloorEntry.Action.MOVED, user, f"To place {place}: {reason}")


def _finish(item, user, now):
    item.spoken = elapsed(item, now)
    item.clock_since = None
    item.status = SpeakRequest.Status.SPOKE
    item.ended_at = now
    item.save(update_fields=["spoken", "clock_since", "status", "ended_at"])
    _record(item, FloorEntry.Action.FINISHED, user)


def _run_clock(item, *, running, now):
    if running == (item.clock_since is not None):
        raise QAError(
            "invalid",
            _("The clock runs already.") if running else _("The clock is stopped."),
        )
    if running:
        item.clock_since = now
    else:
        item.spoken, item.clock_since = elapsed(item, now), None
    item.save(update_fields=["spoken", "clock_since"])


# Shared steps ----------------------------------------------------------------------


def _moderator(user, session):
    if not can_moderate(user, session):
        raise QAError(
            "forbidden", _("Only this session's moderators can run the floor.")
        )


def _registration(user, session):
    """The participant's confirmed registration for the session's event."""
    registration = (
        Registration.objects.filter(
            user=user,
            status=Registration.Status.CONFIRMED,
            event__path=parent_path(session),
        )
        .select_related("group", "user__profile")
        .first()
    )
    if registration is None:
        raise QAError(
            "not-registered",
            _(
                "Only participants with a confirmed registration for this event can "
                "request the floor."
            ),
        )
    return registration


def _lock_floor(session):
    """The floor's row, locked until the transaction ends. The UPDATE takes the lock,
    on SQLite too, where it is the database's write lock: taken before anything is
    read, as a read lock could not become a write lock while another writer waits."""
    if not Floor.objects.filter(session=session).update(next_number=F("next_number")):
        raise QAError("closed", _("The floor is not open for requests."))
    return Floor.objects.select_for_update().get(session=session)


def _request(session, request_id):
    item = (
        SpeakRequest.objects.select_for_update()
        .filter(session=session, pk=request_id)
        .first()
    )
    if item is None:
        raise QAError("not-found", str(NOT_FOUND))
    return item


def _waiting(session):
    return SpeakRequest.objects.filter(
        session=session, status=SpeakRequest.Status.WAITING
    ).order_by("position", "number")


def _speaker(session):
    item = (
        SpeakRequest.objects.select_for_update()
        .filter(session=session, status=SpeakRequest.Status.SPEAKING)
        .first()
    )
    if item is None:
        raise QAError("invalid", _("Nobody has the floor."))
    return item


def _record(item, action, actor, reason=""):
    FloorEntry.objects.create(request=item, action=action, actor=actor, reason=reason)


def _announce(floor):
    """The floor's change takes the session's next seq; its frames go after commit."""
    QABoard.objects.get_or_create(session_id=floor.session_id)
    board_row = qa._lock_board(floor.session_id)
    messages = live.change_messages(board_row, floor)
    session_id, seq = floor.session_id, board_row.seq
    transaction.on_commit(lambda: qa._publish(session_id, seq, messages))


def forget_speaker(user):
    """When an account goes, its requests stay on the record, nameless; each floor
    is announced again, so no snapshot or screen keeps the name."""
    for session_id in (
        SpeakRequest.objects.filter(user=user)
        .values_list("session_id", flat=True)
        .distinct()
    ):
        with transaction.atomic():
            floor = Floor.objects.select_for_update().get(session_id=session_id)
            SpeakRequest.objects.filter(session_id=session_id, user=user).update(
                name="", name_public=False
            )
            _announce(floor)
