"""Participation figures of an event, from confirmed registrations and the people on
its sessions. The result is plain JSON, frozen into the outcome page at publish."""

from collections import Counter

from events.models import Country, Region, StakeholderGroup
from participants.models import Registration
from sessions.models import Person, SessionPage, SessionRole

# A gender line with fewer people than this is not counted out: nobody is identifiable.
SMALL_GROUP = 5


def _line(label, count, **extra):
    return {"label": label, "count": count, **extra}


def _gender_lines(genders):
    """Gender lines with the small-group rule: a count under 5 becomes None, shown as
    "fewer than 5"."""
    counts = Counter(genders)
    lines = []
    for key, label in [*Person.GENDERS, ("", "Not given")]:
        count = counts.get(key, 0)
        if count:
            lines.append(_line(label, count if count >= SMALL_GROUP else None))
    return lines


def participation(event):
    registrations = list(
        Registration.objects.filter(event=event, status=Registration.CONFIRMED)
        .select_related("user__profile")
        .order_by("pk")
    )
    profiles = [
        getattr(r.user, "profile", None) if r.user else None for r in registrations
    ]
    countries = {row.code.code: row for row in Country.objects.all()}
    regions = {region.pk: region.name for region in Region.objects.all()}
    groups = list(StakeholderGroup.objects.all())
    seats = {quota.group_id: quota.seats for quota in event.quotas.all()}

    by_group = Counter(r.group_id for r in registrations)
    in_person_by_group = Counter(
        r.group_id for r in registrations if r.mode == Registration.IN_PERSON
    )
    known = [countries.get(p.country.code) for p in profiles if p is not None]
    by_region = Counter(regions.get(row.region_id) for row in known if row)
    roles = list(
        SessionRole.objects.filter(
            session__in=SessionPage.objects.live().child_of(event),
            session__status=SessionPage.SCHEDULED,
        ).select_related("person")
    )

    return {
        "confirmed": len(registrations),
        "modes": [
            _line(label, sum(r.mode == mode for r in registrations))
            for mode, label in Registration.MODES
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
                ("ldc", "Least developed countries"),
                ("lldc", "Landlocked developing countries"),
                ("sids", "Small island developing states"),
            ]
        ],
        "countries": len({p.country.code for p in profiles if p is not None}),
        "gender": _gender_lines(p.gender if p else "" for p in profiles),
        "roles": [
            _line(
                label,
                len({r.person_id for r in roles if r.role == key}),
                women=_small(
                    len(
                        {
                            r.person_id
                            for r in roles
                            if r.role == key and r.person.gender == Person.WOMAN
                        }
                    )
                ),
            )
            for key, label in SessionRole.ROLES
        ],
    }


def _small(count):
    return count if count == 0 or count >= SMALL_GROUP else None
