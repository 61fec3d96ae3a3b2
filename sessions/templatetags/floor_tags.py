"""The speaking clock's figures as people read them."""

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def floor_clock(seconds):
    """Seconds as m:ss (floor.js writes them the same way)."""
    seconds = int(seconds or 0)
    return f"{seconds // 60}:{seconds % 60:02d}"


@register.filter
def floor_topic(entry):
    """What a speaker wants to speak about, from a request's entry (live.entry)."""
    if not entry:
        return ""
    about = entry.get("topic") or entry.get("about") or ""
    if entry.get("reply"):
        if about:
            return _("Reply to the speaker: %(topic)s") % {"topic": about}
        return _("Reply to the speaker")
    return about
