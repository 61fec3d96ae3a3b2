"""The event page's link to its call for proposals, shown while the call is open."""

from django import template

from sessions.proposals.models import CallPage

register = template.Library()


@register.simple_tag
def open_call(event):
    call = CallPage.objects.child_of(event).live().public().first()
    return call if call and call.is_open() else None
