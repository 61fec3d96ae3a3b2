"""A page's event. Sessions and outcomes are children of their event (and reports of
their session), so the parent is read from the page's own tree path: no query for the
path and one for the event, where `get_parent().specific` takes two."""

from django.db.models.functions import Length, Substr
from wagtail.models import Page

from events.models import EventPage
from toolkit.page_languages import in_reading_language


def parent_path(page):
    """The tree path of `page`'s parent."""
    return page.path[: -Page.steplen]


def parent_path_sql(field="path"):
    """`parent_path` in SQL, for annotating and filtering querysets."""
    return Substr(field, 1, Length(field) - Page.steplen)


def event_of(page):
    """The event that a session or an outcome page belongs to: one query at most. The
    parent that Wagtail keeps on a page it routed through is used as it is, and the
    event found is kept there in turn (treebeard's `get_parent` cache)."""
    parent = page.__dict__.get("_cached_parent_obj")
    if parent is None:
        parent = EventPage.objects.get(path=parent_path(page))
    elif not isinstance(parent, EventPage):
        parent = parent.specific
    in_reading_language([parent])  # its title in the language being read
    page._cached_parent_obj = parent
    return parent


def attach_events(pages):
    """Sets `.event` on each of `pages` (children of events): one query for them all."""
    paths = {parent_path(page) for page in pages}
    events = {event.path: event for event in EventPage.objects.filter(path__in=paths)}
    in_reading_language(events.values())
    for page in pages:
        page.event = events.get(parent_path(page))
    return pages


def attach_enclosing_events(pages):
    """Sets `.event` on each of `pages` to the event it is, or lies under (a report,
    two levels down, too), or None: one query for them all."""
    steps = Page.steplen

    def ancestry(page):
        return [page.path[:end] for end in range(steps, len(page.path) + 1, steps)]

    paths = {path for page in pages for path in ancestry(page)}
    events = {event.path: event for event in EventPage.objects.filter(path__in=paths)}
    in_reading_language(events.values())
    for page in pages:
        found = [events[path] for path in ancestry(page) if path in events]
        page.event = found[-1] if found else None
    return pages
