"""VTIMEZONE components written as yearly rules (RRULE), read from Python's zone
database. icalendar's own writer lists every transition of a span of years as RDATEs,
which ical.js (Thunderbird, many web calendars) misreads: summer sessions came out an
hour late. Rules are what calendar apps themselves write, and every reader knows them.

Each year's changes of offset are found in the zone and described as "the n-th (or
last) weekday of a month at a local time"; consecutive years with the same description
become one observance with an RRULE (ending with UNTIL where the rule changed), a
change that does not repeat stays a single DTSTART. A zone that never changes in the
span is one STANDARD observance."""

import calendar as months
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def _offset(tz, moment):
    local = moment.astimezone(tz)
    return local.utcoffset(), local.dst(), local.tzname()


def changes(tz, year):
    """(UTC moment, offset before, offset after, dst after, name after) of each change
    of offset in `year`, to the minute."""
    found = []
    day = datetime(year, 1, 1, tzinfo=UTC)
    before = _offset(tz, day)
    while day.year == year:
        after = _offset(tz, day + timedelta(days=1))
        if after[0] != before[0] or after[1] != before[1]:
            low, high = 0, 24 * 60  # minutes into the day: before at low, after at high
            while high - low > 1:
                middle = (low + high) // 2
                probe = _offset(tz, day + timedelta(minutes=middle))
                if probe[:2] == before[:2]:
                    low = middle
                else:
                    high = middle
            moment = day + timedelta(minutes=high)
            found.append((moment, before[0], *_offset(tz, moment)))
            before = _offset(tz, moment)
        day += timedelta(days=1)
    return found


def rule_of(local):
    """(month, BYDAY, time) describing the date of `local` as a weekday rule: "-1SU" for
    the last Sunday of its month, "2SU" for the second."""
    last = months.monthrange(local.year, local.month)[1]
    nth = -1 if local.day + 7 > last else (local.day - 1) // 7 + 1
    return local.month, f"{nth}{DAYS[local.weekday()]}", local.time()


@lru_cache(maxsize=256)
def vtimezone(key, first_year, last_year):
    """The VTIMEZONE of zone `key` for sessions from `first_year` to `last_year`."""
    tz = ZoneInfo(key)
    component = Timezone()
    component.add("tzid", key)
    # From the year before: January's offset is set by last year's autumn change.
    found = [
        c for year in range(first_year - 1, last_year + 1) for c in changes(tz, year)
    ]
    if not found:
        offset, dst, name = _offset(tz, datetime(first_year, 1, 1, tzinfo=UTC))
        standard = TimezoneStandard()
        standard.add("dtstart", datetime(first_year - 1, 1, 1))
        standard.add("tzoffsetfrom", offset)
        standard.add("tzoffsetto", offset)
        standard.add("tzname", name)
        component.add_component(standard)
        return component.to_ical()
    groups = []  # [key, [(local start, utc moment), ...]]
    for moment, before, after, dst, name in found:
        local = (moment + before).replace(tzinfo=None)  # wall time before the change
        kind = bool(dst)
        group_key = (kind, *rule_of(local), before, after, name)
        same_kind = [g for g in groups if g[0][0] == kind]
        if same_kind and same_kind[-1][0] == group_key:
            same_kind[-1][1].append((local, moment))
        else:
            groups.append((group_key, [(local, moment)]))
    later = {}  # whether a group of the same kind follows (its rule then ends)
    for index, (group_key, _) in enumerate(groups):
        later[index] = any(g[0][0] == group_key[0] for g in groups[index + 1 :])
    for index, ((kind, month, byday, _, before, after, name), dates) in enumerate(
        groups
    ):
        observance = TimezoneDaylight() if kind else TimezoneStandard()
        observance.add("dtstart", dates[0][0])
        observance.add("tzoffsetfrom", before)
        observance.add("tzoffsetto", after)
        observance.add("tzname", name)
        if len(dates) > 1:
            rule = {"freq": "yearly", "bymonth": month, "byday": byday}
            if later[index]:
                rule["until"] = dates[-1][1]
            observance.add("rrule", rule)
        component.add_component(observance)
    return component.to_ical()
