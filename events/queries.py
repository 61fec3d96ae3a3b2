"""Read queries over events, shared by the home page and the events index."""

from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from django.utils import timezone
from wagtail.models import PageViewRestriction

from toolkit.page_languages import sources


def public(pages, *, inside=None):
    """What an anonymous reader may see of `pages`: live, with no view restriction
    (password, sign-in or groups) on a page or on any of its ancestors. Every public
    listing and export reads through here, so a private session, event or report is
    never listed with its title and summary.

    `inside`: a page being served, whose own restrictions (and its ancestors') Wagtail
    has already checked for this reader: a private event's programme lists its
    sessions to those who may open the event, never a session restricted on its own.

    Wagtail's `.public()` does the same but first reads every restriction in a query
    of its own; here the check is a subquery of the listing's one (a restricted page
    is one whose path starts with the path of a restricted page).

    Translations are never listed themselves: each is read through its English page."""
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    if inside is not None:
        restricted = restricted.filter(page__depth__gt=inside.depth)
    # English pages only: a translation is read through its source page, in the
    # language of the address (toolkit.page_languages).
    return sources(pages).live().exclude(Exists(restricted))


def is_public(page):
    """`public` for one page: whether an anonymous reader may see it."""
    return public(type(page).objects.filter(pk=page.pk)).exists()


def upcoming(events, today=None):
    """Events that have not ended yet (running ones included), soonest first."""
    today = today or timezone.localdate()
    return events.filter(end_date__gte=today).order_by("start_date")


def past(events, today=None):
    """Events that have ended, most recent first."""
    today = today or timezone.localdate()
    return events.filter(end_date__lt=today).order_by("-start_date")
