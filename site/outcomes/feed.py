"""The Atom feed of published outcome summaries and session reports."""

from django.db.models import F
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Page

from convening.outcomes.models import OutcomePage
from events.models import EventPage
from events.queries import public
from sessions.models import SessionReportPage
from toolkit.addresses import absolute, page_address
from toolkit.feeds import TextAtomFeed

FEED_SIZE = 50


def events_of(pages):
    """Each page's event (an outcome's parent, a report's grandparent), one query."""
    steps = Page.steplen
    paths = {
        page.pk: [page.path[:n] for n in range(steps, len(page.path), steps)]
        for page in pages
    }
    wanted = {path for ancestors in paths.values() for path in ancestors}
    events = {e.path: e for e in EventPage.objects.filter(path__in=wanted)}
    return {
        pk: next((events[p] for p in ancestors if p in events), None)
        for pk, ancestors in paths.items()
    }


def outcomes_feed(request):
    """Published outcome summaries and session reports, newest first."""
    pages = (
        public(Page.objects.all())
        .type(OutcomePage, SessionReportPage)
        .order_by(F("first_published_at").desc(nulls_last=True))
        .specific()[:FEED_SIZE]
    )
    feed = TextAtomFeed(
        title=_("Outcomes and session reports"),
        link=absolute("/events/"),
        description=_("Outcome summaries and session reports as they are published."),
        feed_url=absolute(reverse("outcomes_feed")),
    )
    events = events_of(pages)
    for page in pages:
        url = page_address(page)
        event = events.get(page.pk)
        feed.add_item(
            # Named with its event: "Outcome summary" alone says nothing in a reader.
            title=f"{page.title} · {event.title}" if event else page.title,
            link=url,
            unique_id=url,
            description=page.search_description
            or page.specific_class._meta.verbose_name.capitalize(),
            pubdate=page.first_published_at,
            updateddate=page.last_published_at,
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response
