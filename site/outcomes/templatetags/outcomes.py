from django import template

from convening.outcomes.models import OutcomePage
from events.queries import public

register = template.Library()


@register.simple_tag
def event_outcome(event):
    """The event's published outcome page, or None: the event page links to it."""
    return public(OutcomePage.objects.child_of(event)).first()
