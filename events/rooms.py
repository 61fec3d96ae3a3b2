"""The rooms an event is planned in: its venue's, and any others its sessions use.
The programme grid's columns, the grid's forms and the session form's room list all
read them here. (Not in queries.py or services.py: events.models imports those.)"""

from django.db.models import Q

from events.models import Room


def event_rooms(event, *, also=()):
    """The rooms a session of `event` may be put in, by venue and name: those of its
    venue, and those `also` names (pks, or a query of rooms or of their pks: the rooms
    its sessions use, or every room). No query when there is neither."""
    rooms = Q(pk__in=also)
    if event.venue:
        rooms |= Q(venue=event.venue)
    return Room.objects.filter(rooms).order_by("venue", "name")
