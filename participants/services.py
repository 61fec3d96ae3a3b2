"""Every change of a registration's state: register, cancel, approve, decline, move,
promote_waiting, and deleting an account. One transaction each.

Seats are counted from registration rows. A change that may take or free an in-person
seat first locks the quota rows involved (its group's and the open pool), in primary-key
order, so that sign-ups for one group queue while other groups go on and nothing
deadlocks; online places lock the event's row when they are limited. A lock that is not
granted within PARTICIPANTS_LOCK_TIMEOUT_MS becomes RegistrationBusy, never a hang.
"""

from contextlib import contextmanager

from django.conf import settings
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import EventPage, Quota
from events.services import can_manage
from participants.emails import PROMOTED, queue_state_mail
from participants.models import Profile, Registration, RegistrationEvent
from toolkit.rates import over_limit

LOCK_NOT_AVAILABLE = "55P03"  # PostgreSQL's SQLSTATE for an expired lock_timeout


class RegistrationError(Exception):
    """A refusal, worded for the person who asked."""


class AccountError(Exception):
    """A refusal to delete an account, worded for its owner; `field` is the form field
    it is about (None for the whole form)."""

    def __init__(self, message, *, field=None):
        super().__init__(message)
        self.field = field


class RegistrationBusy(RegistrationError):
    def __init__(self):
        super().__init__(
            _("Many people are registering right now. Please try again in a moment.")
        )


def _may_act(user, registration, *, organiser_only=False):
    """Someone else's registration answers 404, as if it did not exist."""
    if can_manage(user, registration.event):
        return
    if organiser_only or registration.user_id != user.pk:
        raise Http404


@contextmanager
def _seat_transaction():
    try:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                timeout = int(getattr(settings, "PARTICIPANTS_LOCK_TIMEOUT_MS", 3000))
                with connection.cursor() as cursor:
                    cursor.execute(f"SET LOCAL lock_timeout = {timeout}")
            yield
    except OperationalError as error:
        if getattr(error.__cause__, "sqlstate", None) == LOCK_NOT_AVAILABLE:
            raise RegistrationBusy from error
        raise


def lock_seats(event, groups, mode):
    """Lock what a change in `groups` may take a seat from, in pk order: their quotas
    and the open pool in person, the event's row for limited online places."""
    if mode == Registration.Mode.ONLINE:
        if event.online_capacity is not None:
            list(
                EventPage.objects.select_for_update(of=("self",))
                .filter(pk=event.pk)
                .values_list("pk")
            )
        return []
    return list(
        Quota.objects.select_for_update()
        .filter(event=event)
        .filter(Q(group__in=groups) | Q(group__isnull=True))
        .order_by("pk")
    )


class Seats:
    """Free seats of the locked quotas, counted from registrations once and then
    kept up to date in memory while one transaction places people."""

    def __init__(self, event, quotas, mode):
        self.event, self.mode = event, mode
        self.own = {q.group_id: q.seats for q in quotas if q.group_id}
        self.pool = next((q.seats for q in quotas if q.group_id is None), None)
        holding = Registration.objects.holding_seats().filter(event=event, mode=mode)
        if mode == Registration.Mode.ONLINE:
            self.online_held = holding.count()
            return
        self.held = {
            (row["group"], row["open_pool"]): row["n"]
            for row in holding.values("group", "open_pool").annotate(n=Count("pk"))
        }
        self.pool_held = sum(n for (_, pool), n in self.held.items() if pool)

    def any_free(self):
        """Whether a locked quota (or the online places) has a seat free: someone
        waiting may be owed it."""
        if self.mode == Registration.Mode.ONLINE:
            capacity = self.event.online_capacity
            return capacity is not None and self.online_held < capacity
        own_free = any(
            self.held.get((group, False), 0) < seats
            for group, seats in self.own.items()
        )
        return own_free or (self.pool is not None and self.pool_held < self.pool)

    def offers(self, group_id):
        return self.mode == Registration.Mode.ONLINE or (
            group_id in self.own or self.pool is not None
        )

    def take(self, group_id):
        """Take a seat for the group: (True, open_pool) or (False, False) if full."""
        if self.mode == Registration.Mode.ONLINE:
            capacity = self.event.online_capacity
            if capacity is None or self.online_held < capacity:
                self.online_held += 1
                return True, False
            return False, False
        if self.held.get((group_id, False), 0) < self.own.get(group_id, 0):
            self.held[(group_id, False)] = self.held.get((group_id, False), 0) + 1
            return True, False
        if self.pool is not None and self.pool_held < self.pool:
            self.pool_held += 1
            return True, True
        return False, False


def _change(registration, status, actor, reason, *, open_pool=None, typed=False):
    before = registration.status
    registration.status = status
    if open_pool is not None:
        registration.open_pool = open_pool
    registration.save(update_fields=["status", "open_pool", "updated_at"])
    _log(registration, before, actor, reason, typed=typed)


def _log(registration, before, actor, reason, *, typed=False):
    """Record the change from `before` to the registration's status and mail it;
    `typed`: the reason is the actor's own words, which the mail quotes."""
    entry = RegistrationEvent.objects.create(
        registration=registration,
        actor=actor,
        from_status=before,
        to_status=registration.status,
        reason=reason,
        reason_typed=typed,
    )
    queue_state_mail(entry.pk)


def _seat_status(event):
    return (
        Registration.Status.PENDING
        if event.registration_mode == EventPage.RegistrationMode.APPROVAL
        else Registration.Status.CONFIRMED
    )


def register(
    user,
    event,
    *,
    mode=Registration.Mode.IN_PERSON,
    group=None,
    token=None,
    at_desk_by=None,
):
    """Register `user` in the stakeholder group of their profile; `group` is the one
    the form showed, refused if the profile changed since. A second submit of the
    same form (`token`) returns the registration the first one made. A walk-in
    registered by a helper at the desk (`at_desk_by`) may come after registration
    closed, and needs no approval; the quotas, locks and waiting lines are the same."""
    profile = Profile.objects.filter(user=user).values_list("group_id").first()
    if profile is None:
        raise RegistrationError(_("Please complete your profile before registering."))
    (group_id,) = profile
    if group is not None and group.pk != group_id:
        raise RegistrationError(
            _(
                "Your stakeholder group has changed since this page was loaded; "
                "please check it and submit again."
            )
        )
    if at_desk_by is None and not event.registration_is_open():
        raise RegistrationError(_("Registration for this event is not open."))
    if mode not in event.attendance_modes:
        raise RegistrationError(_("This event does not offer that way of taking part."))
    try:
        with _seat_transaction():
            seats = Seats(event, lock_seats(event, [group_id], mode), mode)
            mine = Registration.objects.filter(event=event, user=user)
            if token and (done := mine.filter(token=token).first()):
                return done
            if mine.active().exists():
                raise RegistrationError(_("You are already registered for this event."))
            if not seats.offers(group_id):
                raise RegistrationError(
                    _("This event has no in-person seats for your stakeholder group.")
                )
            _serve_the_line(seats)
            seated, open_pool = seats.take(group_id)
            # Inserted with its status, one statement; the log still starts from "".
            status = Registration.Status.WAITING
            if seated:
                status = (
                    Registration.Status.CONFIRMED if at_desk_by else _seat_status(event)
                )
            registration = Registration.objects.create(
                event=event,
                user=user,
                group_id=group_id,
                mode=mode,
                status=status,
                open_pool=open_pool,
                **({"token": token} if token else {}),
            )
            if at_desk_by:
                _log(registration, "", at_desk_by, "Registered at the desk")
            else:
                _log(registration, "", user, "Registered")
            return registration
    except IntegrityError:
        # Two tabs raced past the checks above without a lock (online, unlimited).
        done = Registration.objects.filter(event=event, user=user, token=token).first()
        if token and done:
            return done
        raise RegistrationError(
            _("You are already registered for this event.")
        ) from None


def _serve_the_line(seats):
    """Before a newcomer is seated: a seat left free (its promotion met a lock) is
    owed to the people waiting for it."""
    return _promote(seats, None)


def _promote(seats, actor):
    """Give the free `seats` (of locked quotas) to the oldest waiting registrations
    they can serve: a group's seat to its own line, an open-pool seat to anyone's.
    The line's head first, always: `register` calls this before seating a newcomer."""
    if not seats.any_free():
        return []
    event, mode = seats.event, seats.mode
    waiting = Registration.objects.filter(
        event=event, mode=mode, status=Registration.Status.WAITING
    ).select_for_update()
    if mode == Registration.Mode.IN_PERSON and seats.pool is None:
        waiting = waiting.filter(group__in=list(seats.own))
    promoted = []
    for registration in waiting.order_by("created_at", "pk"):
        if (
            mode == Registration.Mode.IN_PERSON
            and registration.group_id not in seats.own
        ):
            seated, open_pool = seats.take(None)
        else:
            seated, open_pool = seats.take(registration.group_id)
        if seated:
            _change(
                registration,
                _seat_status(event),
                actor,
                PROMOTED,
                open_pool=open_pool,
            )
            promoted.append(registration)
    return promoted


def promote_waiting(event, *, actor=None):
    """Fill every free seat of the event from its waiting lists (after an organiser
    added seats, for instance)."""
    promoted = []
    with _seat_transaction():
        for mode in event.attendance_modes:
            groups = list(event.quotas.values_list("group", flat=True))
            quotas = lock_seats(event, groups, mode)
            promoted += _promote(Seats(event, quotas, mode), actor)
    return promoted


def fill_free_seats(today=None):
    """The scheduler's round: every seat of a coming event that is free while people
    wait goes to its line. A promotion that met a lock (RegistrationBusy, after an
    organiser added seats) is retried here until it runs. Says what it did."""
    today = today or timezone.localdate()
    events = EventPage.objects.live().filter(
        end_date__gte=today, registrations__status=Registration.Status.WAITING
    )
    promoted, busy = 0, 0
    for event in events.distinct().specific():
        try:
            promoted += len(promote_waiting(event))
        except RegistrationBusy:
            busy += 1
    said = [f"{promoted} waiting registration(s) given a seat"] if promoted else []
    if busy:
        said.append(f"{busy} event(s) busy, tried again next round")
    return ", ".join(said)


def _lock_registration(registration, groups=()):
    quotas = lock_seats(
        registration.event, [registration.group_id, *groups], registration.mode
    )
    locked = Registration.objects.select_for_update().get(pk=registration.pk)
    locked.event = registration.event
    return locked, quotas


def _end(actor, registration, status, reason, allowed, *, typed):
    with _seat_transaction():
        locked, quotas = _lock_registration(registration)
        if locked.status not in allowed:
            raise RegistrationError(
                _("This registration is already %(status)s.")
                % {"status": locked.get_status_display().lower()}
            )
        held = locked.status in Registration.HOLDING
        _change(locked, status, actor, reason, open_pool=False, typed=typed)
        if held:
            _promote(Seats(locked.event, quotas, locked.mode), actor)
    return locked


def cancel(actor, registration, *, reason=""):
    """The participant (or an organiser) cancels, or leaves the waiting list; a freed
    seat goes to the oldest waiting registration it can serve, in this transaction."""
    _may_act(actor, registration)
    by = "organiser" if actor.pk != registration.user_id else "participant"
    return _end(
        actor,
        registration,
        Registration.Status.CANCELLED,
        reason or f"Cancelled by the {by}",
        Registration.ACTIVE,
        typed=bool(reason),
    )


def decline(actor, registration, *, reason=""):
    _may_act(actor, registration, organiser_only=True)
    return _end(
        actor,
        registration,
        Registration.Status.DECLINED,
        reason or "Declined by an organiser",
        [Registration.Status.PENDING, Registration.Status.WAITING],
        typed=bool(reason),
    )


def approve(actor, registration, *, reason=""):
    """Confirm a pending registration; its seat is already held, so this never
    overbooks."""
    _may_act(actor, registration, organiser_only=True)
    with _seat_transaction():
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        if locked.status != Registration.Status.PENDING:
            raise RegistrationError(
                _("Only pending registrations can be approved; this one is %(status)s.")
                % {"status": locked.get_status_display().lower()}
            )
        _change(locked, Registration.Status.CONFIRMED, actor, reason or "Approved")
    return locked


def take_online_place(actor, registration):
    """A registrant waiting for an in-person seat takes a free online place instead,
    leaving their group's line (queries.online_offer_open says when it is offered)."""
    _may_act(actor, registration)
    event = registration.event
    online = Registration.Mode.ONLINE
    if online not in event.attendance_modes or not event.registration_is_open():
        raise RegistrationError(_("This event offers no online places now."))
    with _seat_transaction():
        locked, quotas = _lock_registration(registration)  # its in-person line
        lock_seats(event, [], online)
        if (
            locked.status != Registration.Status.WAITING
            or locked.mode != Registration.Mode.IN_PERSON
        ):
            raise RegistrationError(
                _("Only a registration waiting for an in-person place can move online.")
            )
        seated, _pool = Seats(event, [], online).take(locked.group_id)
        if not seated:
            raise RegistrationError(_("No online place is free any more."))
        locked.mode = online
        locked.save(update_fields=["mode"])
        _change(locked, _seat_status(event), actor, "Took an online place")
    return locked


def move(actor, registration, group, *, reason=""):
    """Reassign an active registration to another stakeholder group: it takes a seat
    there if one is free (else joins that group's line); its old seat
    is passed on."""
    _may_act(actor, registration, organiser_only=True)
    with _seat_transaction():
        locked, quotas = _lock_registration(registration, [group.pk])
        if locked.status not in Registration.ACTIVE:
            raise RegistrationError(_("Only active registrations can be moved."))
        if locked.group_id == group.pk:
            return locked
        before = locked.status
        # Out of the old seat before counting, so the new group's seats are counted
        # without it; the log still shows the status it had.
        locked.group, locked.status = group, Registration.Status.WAITING
        locked.save(update_fields=["group", "status", "updated_at"])
        seats = Seats(locked.event, quotas, locked.mode)
        if not seats.offers(group.pk):
            raise RegistrationError(
                _("This event has no in-person seats for %(group)s.") % {"group": group}
            )
        seated, open_pool = seats.take(group.pk)
        status = Registration.Status.WAITING
        if seated:
            status = (
                before if before in Registration.HOLDING else _seat_status(locked.event)
            )
        locked.status = before
        _change(
            locked, status, actor, reason or f"Moved to {group}", open_pool=open_pool
        )
        if before in Registration.HOLDING:
            _promote(Seats(locked.event, quotas, locked.mode), actor)
    return locked


def release_registrations(user, *, reason="Account deleted"):
    """Cancel everything the person holds or waits for, so that their seats go on
    to the waiting lists before the account goes."""
    for registration in Registration.objects.active().filter(user=user):
        cancel(user, registration, reason=reason)


def delete_account(user):
    """Delete the account; its registrations stay, cancelled and anonymised, so the
    event's counts and history stay right, and so do its questions, without a name."""
    with transaction.atomic():
        release_registrations(user)
        user.delete()  # sessions' Q&A hears of it (pre_delete) and forgets the name


def delete_own_account(user, password):
    """The owner deletes their account: only with its password, a few tries a minute
    (PARTICIPANTS_DELETE_ACCOUNT_RATE), so a borrowed signed-in browser cannot."""
    if over_limit(
        user, "participants.delete_account", settings.PARTICIPANTS_DELETE_ACCOUNT_RATE
    ):
        raise AccountError(
            _(
                "Too many attempts. Please wait a minute, then try again. "
                "Your account is not deleted."
            )
        )
    if not user.has_usable_password():
        raise AccountError(
            _(
                "Your account has no password yet. Set one with "
                '"Forgot your password?" on the sign-in page, then delete your '
                "account here."
            ),
            field="password",
        )
    if not user.check_password(password):
        raise AccountError(
            _("That is not your password. Your account is not deleted."),
            field="password",
        )
    delete_account(user)
