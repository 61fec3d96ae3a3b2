"""Read queries over events, shared by the home page and the events index."""

from django.utils import timezone


def upcoming(events, today=None):
    """Events that have not ended yet (running ones included), soonest first."""
    today = today or timezone.localdate()
    return events.filter(end_date__gte=today).order_by("start_date")


def past(events, today=None):
    """Events that have ended, most recent first."""
    today = today or timezone.localdate()
    return events.filter(end_date__lt=today).order_by("-start_date")
