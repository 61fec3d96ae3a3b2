"""Template tags for the language switch and the page's language (registered as the
`languages` library in settings)."""

from django import template
from django.utils import translation
from django.utils.safestring import mark_safe

from toolkit import languages

register = template.Library()


@register.simple_tag(takes_context=True)
def language_alternatives(context):
    request = context.get("request")
    return languages.alternatives(request) if request else []


@register.simple_tag
def page_direction():
    return languages.direction(translation.get_language())


@register.simple_tag
def in_language(path, code=None):
    """A site path ("/events/") in the language shown, or in `code`."""
    return languages.in_language(path, code or translation.get_language())


@register.simple_tag
def language_query(first="?"):
    """ "?lang=<code>" for an address without a language of its own (a websocket), or
    "" in the source language; first="&amp;" when the query has begun."""
    code = translation.get_language()
    if not code or languages.prefix(code) == "":
        return ""
    return mark_safe(f"{first}lang={code}")  # a code from settings.LANGUAGES
