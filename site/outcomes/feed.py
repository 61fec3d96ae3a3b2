"""The Atom feed of published outcome summaries and session reports."""

from django.db.models import F
from django.http import HttpResponse
from django.urls import reverse
from wagtail.models import Page

from convening.outcomes.models import OutcomePage
from events.queries import public
from sessions.models import SessionReportPage
from toolkit.addresses import absolute, page_address
from toolkit.feeds import TextAtomFeed

FEED_SIZE = 50


def outcomes_feed(request):
    """Published outcome summaries and session reports, newest first."""
    pages = (
        public(Page.objects.all())
        .type(OutcomePage, SessionReportPage)
        .order_by(F("first_published_at").desc(nulls_last=True))
        .specific()[:FEED_SIZE]
    )
    feed = TextAtomFeed(
        title="Outcomes and session reports",
        link=absolute("/events/"),
        description="Outcome summaries and session reports as they are published.",
        feed_url=absolute(reverse("outcomes_feed")),
    )
    for page in pages:
        url = page_address(page)
        feed.add_item(
            title=page.title,
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
