from django import template

from sessions import languages

register = template.Library()


@register.simple_tag
def languages_described(session):
    """How the session can be followed, in sentences (sessions.languages)."""
    return languages.described(session)
