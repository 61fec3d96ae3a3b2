"""Rules about events themselves."""

from django.utils.translation import gettext as _


def event_date_problems(start_date, end_date):
    """Field errors for an event's dates, empty when they are fine."""
    if start_date and end_date and end_date < start_date:
        return {"end_date": _("The event cannot end before it starts.")}
    return {}


def can_manage(user, event):
    """Organiser rights on an event are edit rights on its page."""
    return event.permissions_for_user(user).can_edit()
