"""Rules about events themselves."""

import zoneinfo

from django.utils.translation import gettext as _


def event_date_problems(start_date, end_date):
    """Field errors for an event's dates, empty when they are fine."""
    if start_date and end_date and end_date < start_date:
        return {"end_date": _("The event cannot end before it starts.")}
    return {}


def registration_problems(opens_at, closes_at, in_person, online):
    """Field errors for an event's registration settings, empty when they are fine."""
    problems = {}
    if opens_at and closes_at and closes_at <= opens_at:
        problems["registration_closes_at"] = _(
            "Registration must close after it opens."
        )
    if not (in_person or online):
        problems["registration_in_person"] = _(
            "Choose how people attend: in person, online, or both."
        )
    return problems


def real_time_zones():
    """The zones an organiser may pick: places (Area/Location) and UTC, without
    zoneinfo's aliases and leftovers such as "Factory", "localtime" or "EST5EDT"."""
    areas = (
        "Africa/", "America/", "Antarctica/", "Asia/", "Atlantic/", "Australia/",
        "Europe/", "Indian/", "Pacific/",
    )  # fmt: skip
    return sorted(
        name for name in zoneinfo.available_timezones() if name.startswith(areas)
    ) + ["UTC"]


def can_manage(user, event):
    """Organiser rights on an event are edit rights on its page."""
    return event.permissions_for_user(user).can_edit()
