from django import template

from participants import queries

register = template.Library()


@register.simple_tag
def online_link(event, user):
    """The event's online link for a confirmed registrant, "" for anyone else."""
    return queries.online_link(event, user)
