from django.db.models import F
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.models import Page

from events.archive import theme_archive
from events.models import OutcomePage, Theme
from events.queries import public
from sessions.models import SessionReportPage
from toolkit.feeds import TextAtomFeed

FEED_SIZE = 50


def theme_index(request):
    return TemplateResponse(
        request, "events/theme_index.html", {"themes": Theme.objects.all()}
    )


def theme_view(request, slug):
    theme = get_object_or_404(Theme, slug=slug)
    context = {"theme": theme, **theme_archive(theme)}
    return TemplateResponse(request, "events/theme_page.html", context)


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
        link=request.build_absolute_uri("/events/"),
        description="Outcome summaries and session reports as they are published.",
        feed_url=request.build_absolute_uri(reverse("outcomes_feed")),
    )
    for page in pages:
        url = page.get_full_url(request)
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
