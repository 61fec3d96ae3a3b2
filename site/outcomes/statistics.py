"""Participation figures of an event, from who attended where attendance was recorded
(participants.attendance: check-ins at the desk, online attendance of sessions) with
confirmed registrations beside them, else from confirmed registrations; the people on
its sessions; and the disclosure rule every published copy of them goes through.

`participation` counts; its plain JSON is frozen into the outcome page at the first
publish. `published` applies `disclose` to each breakdown of those figures, and every
output (the page, outcomes.json, outcomes.csv, the pages API) shows only its result, so
figures frozen before the rule (or by any version of it) are protected as well.

The labels of the frozen figures are data, in English whatever the language of the
publish ("In person", "Woman"); the page translates them as it shows them."""

import json
from collections import Counter

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from events.models import Country, Gender, Region, StakeholderGroup
from participants.attendance.online import RULE as ATTENDANCE_RULE
from participants.attendance.online import rule as attendance_rule
from participants.models import CheckIn, Registration
from sessions.floor.models import SpeakRequest
from sessions.models import SessionPage, SessionRole
from toolkit.disclosure import HIDDEN, SMALL_GROUP, disclose, is_small

__all__ = [
    "ATTENDANCE_RULE",
    "HIDDEN",
    "RULE",
    "SMALL_GROUP",
    "attendance_rule",
    "disclose",
    "participation",
    "published",
]
# The breakdowns of people that have a second column, of registrations, when the
# first counts who attended.
PEOPLE_TABLES = ("modes", "groups", "regions", "development", "gender")


RULE_TEXT = gettext_noop(
    "So that nobody can be identified, a group of fewer than %(small)s "
    "participants is not shown, nor, where the total minus the groups shown would "
    "still give it away, the next smallest group; with fewer than "
    "%(small)s participants in all, no group is shown. "
    "Speakers, moderators and rapporteurs are named in the programme, so they are "
    "counted in full; the women among them are shown by the same rule."
)
# In English, as open data publishes it; `rule()` says it in the active language.
RULE = RULE_TEXT % {"small": SMALL_GROUP}


def rule():
    return gettext(RULE_TEXT) % {"small": SMALL_GROUP}


def _disclose_lines(lines, total, key="count"):
    counts = disclose([line[key] for line in lines], total)
    for line, count in zip(lines, counts, strict=True):
        line[key] = count


def published(statistics):
    """Frozen figures as they may be shown: `disclose` over every breakdown. Each
    participant breakdown counts out of all confirmed participants (so that people in
    no line count as hidden); each development status is a breakdown of its own (in the
    status or not); a role's women are a breakdown of its people; the in-person column
    of the groups is disclosed down the column and along each row."""
    stats = json.loads(json.dumps(statistics))  # a copy; the frozen figures stay
    if not stats:
        return stats
    confirmed = stats["confirmed"]
    if stats.get("basis") == "attendance":
        # Each line's registrations, out of all confirmed, as the attendees below.
        for key in PEOPLE_TABLES:
            lines = stats.get(key, [])
            if key == "development":
                for line in lines:
                    _disclose_lines([line], confirmed, key="registered")
            else:
                _disclose_lines(lines, confirmed, key="registered")
        if is_small(confirmed):
            stats["confirmed"] = stats["registered_countries"] = None
        counted = stats["attended"]
        if is_small(counted):
            stats["attended"] = stats["countries"] = None
    else:
        counted = confirmed
        if is_small(confirmed):
            stats["confirmed"] = stats["countries"] = None
    total = counted or 0
    for key in ("modes", "regions", "gender"):
        _disclose_lines(stats.get(key, []), total)
    for line in stats.get("development", []):
        _disclose_lines([line], total)
    groups = stats.get("groups", [])
    _disclose_lines(groups, total)
    _disclose_in_person(groups, _count(stats.get("modes", []), "In person"))
    for line in stats.get("roles", []):
        # The role's people are on the public programme; their genders are not.
        _disclose_lines([line], line["count"], key="women")
    _disclose_floor(stats)
    return stats


def _disclose_floor(stats):
    """Who took the floor: each breakdown out of everyone who did; a group's speeches
    and minutes go with its count of people."""
    speakers = stats.get("floor_speakers")
    if speakers is None:
        return
    if is_small(speakers):
        stats["floor_speakers"] = None
    for key in ("floor_groups", "floor_gender"):
        _disclose_lines(stats.get(key, []), speakers)
    for line in stats.get("floor_groups", []):
        if line["count"] is None:
            line["speeches"] = line["minutes"] = None


def _count(lines, label):
    return next((line["count"] for line in lines if line["label"] == label), None)


def _disclose_in_person(groups, in_person_total):
    """In person within each group (beside its online rest), and down the column
    (against the in-person total), until neither hides any more."""
    for line in groups:
        if line["count"] is None:
            line["in_person"] = None
    while True:
        before = [line["in_person"] for line in groups]
        for line in groups:
            if line["count"] is not None:
                _disclose_lines([line], line["count"], key="in_person")
        if in_person_total is not None:
            _disclose_lines(groups, in_person_total, key="in_person")
        if [line["in_person"] for line in groups] == before:
            return


def _line(label, count, **extra):
    return {"label": str(label), "count": count, **extra}


def _gender_lines(genders):
    counts = Counter(genders)
    return [
        _line(label, counts[key])
        for key, label in [*Gender.choices, ("", gettext_noop("Not given"))]
        if counts.get(key)
    ]


def participation(event):
    """The event's figures: of who attended, where any attendance was recorded, with
    each line's confirmed registrations beside it ("registered"); else of confirmed
    registrations. Frozen as they are into the outcome page, their labels in
    English."""
    with translation.override(settings.LANGUAGE_CODE):
        return _participation(event)


def _participation(event):
    confirmed = list(
        Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED)
        .select_related("user__profile")
        .order_by("pk")
    )
    attended = list(
        Registration.objects.filter(
            pk__in=CheckIn.objects.filter(event=event).values("registration")
        )
        .select_related("user__profile")
        .order_by("pk")
    )
    lookups = _Lookups(event)
    registered = _people(confirmed, lookups)
    roles = _roles(event)
    if not attended:
        return {**_floor(event, lookups.groups), **registered, "roles": roles}
    people = _people(attended, lookups)
    for key in PEOPLE_TABLES:
        people[key] = _beside(people[key], registered[key])
    return {
        **_floor(event, lookups.groups),
        **people,
        "basis": "attendance",
        "attended": len(attended),
        "confirmed": len(confirmed),
        "registered_countries": registered["countries"],
        "roles": roles,
    }


def _beside(attended, registered):
    """Attended lines with the registered count of the same label beside them; a
    label that only registrations have gets a line of its own."""
    counts = {line["label"]: line["count"] for line in registered}
    lines = [{**line, "registered": counts.pop(line["label"], 0)} for line in attended]
    others = [line for line in registered if line["label"] in counts]
    blank = {"in_person": 0} if attended and "in_person" in attended[0] else {}
    return lines + [
        {**line, **blank, "count": 0, "registered": line["count"]} for line in others
    ]


class _Lookups:
    """What every breakdown reads once: countries, regions, groups, seats."""

    def __init__(self, event):
        self.countries = {row.code.code: row for row in Country.objects.all()}
        self.regions = {region.pk: region.name for region in Region.objects.all()}
        self.groups = list(StakeholderGroup.objects.all())
        self.seats = {quota.group_id: quota.seats for quota in event.quotas.all()}


def _people(registrations, lookups):
    """The breakdowns of `registrations` (people with their profiles loaded)."""
    profiles = [
        getattr(r.user, "profile", None) if r.user else None for r in registrations
    ]
    countries, regions = lookups.countries, lookups.regions
    groups, seats = lookups.groups, lookups.seats

    by_group = Counter(r.group_id for r in registrations)
    in_person_by_group = Counter(
        r.group_id for r in registrations if r.mode == Registration.Mode.IN_PERSON
    )
    known = [countries.get(p.country.code) for p in profiles if p is not None]
    by_region = Counter(regions.get(row.region_id) for row in known if row)
    return {
        "confirmed": len(registrations),
        "modes": [
            _line(label, sum(r.mode == mode for r in registrations))
            for mode, label in Registration.Mode.choices
        ],
        "groups": [
            _line(
                group.name,
                by_group.get(group.pk, 0),
                in_person=in_person_by_group.get(group.pk, 0),
                target=seats.get(group.pk),
            )
            for group in groups
            if by_group.get(group.pk) or group.pk in seats
        ],
        "open_pool_seats": seats.get(None),
        "regions": [
            _line(name, by_region[name])
            for name in regions.values()
            if by_region.get(name)
        ],
        "development": [
            _line(label, sum(1 for row in known if row and getattr(row, field)))
            for field, label in [
                ("ldc", gettext_noop("Least developed countries")),
                ("lldc", gettext_noop("Landlocked developing countries")),
                ("sids", gettext_noop("Small island developing states")),
            ]
        ],
        "countries": len({p.country.code for p in profiles if p is not None}),
        "gender": _gender_lines(p.gender if p else "" for p in profiles),
    }


def _roles(event):
    """People on the programme by role, and the women among them."""
    roles = list(
        SessionRole.objects.filter(
            session__in=SessionPage.objects.live().child_of(event),
            session__status=SessionPage.Status.SCHEDULED,
        ).select_related("person")
    )
    return [
        _line(
            label,
            len({r.person_id for r in roles if r.role == key}),
            women=len(
                {
                    r.person_id
                    for r in roles
                    if r.role == key and r.person.gender == Gender.WOMAN
                }
            ),
        )
        for key, label in SessionRole.Role.choices
    ]


def _floor(event, groups):
    """Who took the floor in the event's sessions (sessions.floor): people, speeches
    and minutes by stakeholder group, and people by gender."""
    speeches = list(
        SpeakRequest.objects.filter(
            session__in=SessionPage.objects.live().child_of(event),
            status=SpeakRequest.Status.SPOKE,
        ).order_by("pk")
    )
    # A person is their account; a request whose account went counts on its own.
    person = {s.pk: s.user_id or f"request-{s.pk}" for s in speeches}
    people = {person[s.pk]: s for s in speeches}
    by_group = {}
    for s in speeches:
        line = by_group.setdefault(s.group_id, [set(), 0, 0])
        line[0].add(person[s.pk])
        line[1] += 1
        line[2] += s.spoken
    return {
        "floor_speakers": len(people),
        "floor_groups": [
            _line(
                group.name,
                len(by_group[group.pk][0]),
                speeches=by_group[group.pk][1],
                minutes=round(by_group[group.pk][2] / 60),
            )
            for group in groups
            if group.pk in by_group
        ],
        "floor_gender": _gender_lines(s.gender for s in people.values()),
    }
