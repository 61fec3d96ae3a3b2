"""Read-only figures for organisers: the quota dashboard, registration lists, the
stakeholder balance and whether a draft's quotas wait for publish. Each reads its rows
in a fixed number of queries."""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.utils.translation import gettext as _

from events.models import Country, EventPage
from events.regions import country_regions, region_of
from participants.models import CheckIn, Profile, Registration, RegistrationEvent


def registrations(event, filters=None):
    """The event's registrations with their people, filtered as the list offers."""
    rows = (
        Registration.objects.filter(event=event)
        .select_related("user", "user__profile", "group")
        .order_by("created_at", "pk")
    )
    f = filters or {}
    for key in ("status", "mode"):
        if f.get(key):
            rows = rows.filter(**{key: f[key]})
    if f.get("group"):
        rows = rows.filter(group=f["group"])
    if f.get("country"):
        rows = rows.filter(user__profile__country=f["country"])
    if f.get("region"):
        codes = Country.objects.filter(region=f["region"]).values("code")
        rows = rows.filter(user__profile__country__in=codes)
    if f.get("q"):
        q = f["q"]
        rows = rows.filter(
            Q(user__email__icontains=q)
            | Q(user__profile__full_name__icontains=q)
            | Q(user__profile__organisation__icontains=q)
        )
    return rows


def waiting_line(mode, group_id):
    """The line a waiting registration stands in: its group's (in person) or the one
    online line. Each line is served first come, first served (created_at, then pk)."""
    return (mode, group_id if mode == Registration.Mode.IN_PERSON else None)


def waiting_position(registration):
    """1 for the first in its line."""
    mode, group_id = waiting_line(registration.mode, registration.group_id)
    line = Registration.objects.filter(
        event_id=registration.event_id, mode=mode, status=Registration.Status.WAITING
    )
    if group_id is not None:
        line = line.filter(group_id=group_id)
    earlier = Q(created_at__lt=registration.created_at) | Q(
        created_at=registration.created_at, pk__lt=registration.pk
    )
    return line.filter(earlier).count() + 1


def waiting_positions(event):
    """{registration pk: place in its line}, all lines in one query."""
    lines = Counter()
    positions = {}
    waiting = Registration.objects.filter(
        event=event, status=Registration.Status.WAITING
    )
    for pk, group, mode in waiting.order_by("created_at", "pk").values_list(
        "pk", "group", "mode"
    ):
        line = waiting_line(mode, group)
        lines[line] += 1
        positions[pk] = lines[line]
    return positions


@dataclass
class QuotaLine:
    label: str
    seats: int | None  # None: unlimited
    confirmed: int = 0
    pending: int = 0
    waiting: int = 0

    @property
    def free(self):
        if self.seats is None:
            return None
        return max(self.seats - self.confirmed - self.pending, 0)

    @property
    def over(self):
        """Held beyond the seats: possible only after a quota was lowered."""
        return self.seats is not None and self.confirmed + self.pending > self.seats


def quota_lines(event):
    """One line per group quota, the open pool and online places."""
    counts = defaultdict(Counter)
    rows = (
        Registration.objects.filter(event=event)
        .values("mode", "group", "open_pool", "status")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        if row["mode"] == Registration.Mode.ONLINE:
            key = "online"
        elif row["open_pool"] and row["status"] in Registration.HOLDING:
            key = "pool"
        else:
            key = row["group"]
        counts[key][row["status"]] += row["n"]
    lines = []
    open_pool_last = F("group__sort_order").asc(nulls_last=True)
    for quota in event.quotas.select_related("group").order_by(open_pool_last):
        key = quota.group_id or "pool"
        lines.append(
            QuotaLine(
                str(quota.group or _("Open pool (any group)")),
                quota.seats,
                **_status_counts(counts[key]),
            )
        )
    if event.registration_online:
        lines.append(
            QuotaLine(
                _("Online"), event.online_capacity, **_status_counts(counts["online"])
            )
        )
    return lines


def quotas_wait_for_publish(event):
    """Whether `event` as edited (a draft of a live event, its quota rows in memory)
    offers other seats than its live page: seats change only when it is published."""
    if not event.live:
        return False
    return _seats(event) != _seats(EventPage.objects.get(pk=event.pk))


def _seats(event):
    return sorted((quota.group_id or 0, quota.seats) for quota in event.quotas.all())


def _status_counts(counter):
    return {
        "confirmed": counter[Registration.Status.CONFIRMED],
        "pending": counter[Registration.Status.PENDING],
        "waiting": counter[Registration.Status.WAITING],
    }


def shares(counter, total):
    return [
        (label, n, round(100 * n / total) if total else 0)
        for label, n in counter.most_common()
    ]


def participant_balance(event):
    """Shares of group, region and gender among confirmed participants, with each
    group's target share from the quotas, and beside each line how many of them
    attended (participants.attendance), where attendance was recorded."""
    regions = country_regions()
    confirmed = Profile.objects.filter(
        user__registrations__event=event,
        user__registrations__status=Registration.Status.CONFIRMED,
    ).select_related("group")
    came = set(
        CheckIn.objects.filter(event=event)
        .values_list("registration__user", flat=True)
        .distinct()
    )
    counts = {kind: (Counter(), Counter()) for kind in ("group", "region", "gender")}
    for profile in confirmed:
        labels = {
            "group": str(profile.group),
            "region": str(region_of(profile.country, regions=regions) or _("Unknown")),
            "gender": profile.get_gender_display() or _("Not given"),
        }
        for kind, label in labels.items():
            counts[kind][0][label] += 1
            counts[kind][1][label] += profile.user_id in came
    by_group, attended_by_group = counts["group"]
    total = sum(by_group.values())
    seats = {
        str(q.group): q.seats
        for q in event.quotas.select_related("group").exclude(group=None)
    }
    all_seats = sum(seats.values())
    groups = [
        {
            "label": label,
            "count": by_group[label],
            "share": round(100 * by_group[label] / total) if total else 0,
            "target": round(100 * seats.get(label, 0) / all_seats) if all_seats else 0,
            "attended": attended_by_group[label],
        }
        for label in sorted(set(seats) | set(by_group))
    ]
    return {
        "total": total,
        "attended": sum(attended_by_group.values()),
        "recorded": bool(came),
        "groups": groups,
        "regions": _with_attended(*counts["region"], total),
        "genders": _with_attended(*counts["gender"], total),
    }


def _with_attended(counter, attended, total):
    return [
        {"label": label, "count": n, "share": share, "attended": attended[label]}
        for label, n, share in shares(counter, total)
    ]


def online_places_left(event):
    """Whether the event offers online places and has one free now."""
    if Registration.Mode.ONLINE not in event.attendance_modes:
        return False
    if event.online_capacity is None:
        return True
    held = Registration.objects.holding_seats().filter(
        event=event, mode=Registration.Mode.ONLINE
    )
    return held.count() < event.online_capacity


def online_offer_open(registration):
    """Whether a waiting in-person registrant may take an online place instead."""
    return (
        registration.status == Registration.Status.WAITING
        and registration.mode == Registration.Mode.IN_PERSON
        and registration.event.registration_is_open()
        and online_places_left(registration.event)
    )


def online_link(event, user):
    """The online participation link, for a participant whose registration is
    confirmed; "" for anyone else. Public outputs (the pages API, calendars,
    schedules) never carry it."""
    if not (event.online_link and user.is_authenticated):
        return ""
    confirmed = Registration.objects.filter(
        event=event, user=user, status=Registration.Status.CONFIRMED
    ).exists()
    return event.online_link if confirmed else ""


def promoted_since(event, since, reason):
    """Names of the people of `event` given a place from a waiting list since `since`
    (a log entry with `reason`, participants.services.PROMOTED), in that order."""
    rows = (
        RegistrationEvent.objects.filter(
            registration__event=event, at__gte=since, reason=reason
        )
        .order_by("at", "pk")
        .values_list(
            "registration__user__profile__full_name", "registration__user__email"
        )
    )
    return [name or email for name, email in rows]
