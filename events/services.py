"""Rules about events themselves."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _


def event_date_problems(start_date, end_date):
    """Field errors for an event's dates, empty when they are fine."""
    if start_date and end_date and end_date < start_date:
        return {"end_date": _("The event cannot end before it starts.")}
    return {}


def can_manage(user, event):
    """Organiser rights on an event are edit rights on its page."""
    return event.permissions_for_user(user).can_edit()


def managed_event(user, event_id):
    """The event for an organiser's screen; 404 to anyone else, as if it did not
    exist."""
    from events.models import EventPage  # the models import this module

    event = get_object_or_404(EventPage, pk=event_id)
    if not can_manage(user, event):
        raise Http404
    return event
