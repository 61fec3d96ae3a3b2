"""The knowledge archive: everything tagged with a theme across events and years, and
the filters search offers. Each list is one query, whatever its length."""

from django.db.models import F, Q
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from wagtail.models import Page

from convening.outcomes.models import OutcomePage, Recommendation
from events.models import EventPage, Theme
from events.queries import public
from events.tree import attach_events, parent_path_sql
from sessions.models import SessionPage, SessionReportPage
from toolkit.page_languages import in_reading_language, rows_in_reading_language


def theme_archive(theme):
    sessions = in_reading_language(
        attach_events(
            list(public(SessionPage.objects.filter(themes=theme)).order_by("-start"))
        )
    )
    by_path = {session.path: session for session in sessions}
    reports = list(
        public(SessionReportPage.objects.all())
        .annotate(session_path=parent_path_sql())
        .filter(session_path__in=list(by_path))
    )
    in_reading_language(reports)
    for report in reports:
        report.session = by_path[report.session_path]
    reports.sort(key=lambda report: report.session.start, reverse=True)
    # Each with its event, dated by the event (not by when the summary went online).
    outcomes = attach_events(
        list(
            public(
                OutcomePage.objects.filter(
                    Q(themes=theme) | Q(recommendations__theme=theme)
                )
            ).distinct()
        )
    )
    outcomes.sort(key=lambda outcome: outcome.event.start_date, reverse=True)
    in_reading_language(outcomes)
    recommendations = rows_in_reading_language(
        list(
            Recommendation.objects.filter(
                theme=theme, outcome__in=public(OutcomePage.objects.all())
            )
            .select_related("group")
            .order_by(
                F("outcome__first_published_at").desc(nulls_last=True), "sort_order"
            )
        )
    )
    # Their outcomes are among those listed (tagged through them), already read.
    by_pk = {outcome.pk: outcome for outcome in outcomes}
    for recommendation in recommendations:
        recommendation.outcome = by_pk[recommendation.outcome_id]
    return {
        "sessions": sessions,
        "reports": reports,
        "outcomes": outcomes,
        "recommendations": recommendations,
    }


def search_scope(*, event=None, theme=None, year=None):
    """The pages a filtered search may return, as a Page queryset, or None when no
    filter applies. Sessions carry themes; their reports inherit them."""
    if not (event or theme or year):
        return None
    pages = Page.objects.all()
    if event:
        pages = pages.descendant_of(event, inclusive=True)
    if year:
        years = Q()
        for path in EventPage.objects.filter(start_date__year=year).values_list(
            "path", flat=True
        ):
            years |= Q(path__startswith=path)
        pages = pages.filter(years) if years else pages.none()
    if theme:
        tagged = Q(pk__in=EventPage.objects.filter(themes=theme).values("pk")) | Q(
            pk__in=OutcomePage.objects.filter(themes=theme).values("pk")
        )
        for path in SessionPage.objects.filter(themes=theme).values_list(
            "path", flat=True
        ):
            tagged |= Q(path__startswith=path)
        pages = pages.filter(tagged)
    return pages


def theme_index(request):
    return TemplateResponse(
        request, "convening/theme_index.html", {"themes": Theme.objects.all()}
    )


def theme_view(request, slug):
    theme = get_object_or_404(Theme, slug=slug)
    context = {"theme": theme, **theme_archive(theme)}
    return TemplateResponse(request, "convening/theme_page.html", context)
