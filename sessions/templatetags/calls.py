"""The event page's link to its call for proposals: "Propose a session" while the call
is open, "Call for proposals" before and after (where proposers answer decisions and
reviewers review)."""

from django import template

from sessions.proposals.models import CallPage

register = template.Library()


@register.simple_tag
def event_call(event):
    return CallPage.objects.child_of(event).live().public().first()
