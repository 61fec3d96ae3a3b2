import logging
from functools import wraps

from allauth.core import ratelimit
from django import forms
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from wagtail import views as wagtail_views
from wagtail.documents.views import serve as wagtaildocs_views
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction

from convening import health
from convening.archive import search_scope
from convening.search_terms import search_query
from events.models import EventPage, Theme
from events.queries import public
from events.tree import attach_enclosing_events
from participants import signin
from toolkit import limits
from toolkit.ids import IdChoiceField
from toolkit.page_languages import as_sources, readable

logger = logging.getLogger("convening")

SEARCH_PAGE_SIZE = 20


@never_cache
def healthz(request):
    """200 when every check passed; 503 naming what failed, for a load balancer."""
    problems = health.problems()
    reasons = [reason for reason in problems.values() if reason]
    body = {
        "status": "unavailable" if reasons else "ok",
        **{check: reason is None for check, reason in problems.items()},
    }
    if reasons:
        body["reasons"] = reasons
    return JsonResponse(body, status=503 if reasons else 200)


class SearchFilters(forms.Form):
    event = IdChoiceField(
        public(EventPage.objects.order_by("-start_date")),
        label=_("Event"),
        required=False,
        empty_label=_("All events"),
    )
    theme = forms.ModelChoiceField(
        Theme.objects.all(),
        label=_("Theme"),
        required=False,
        empty_label=_("All themes"),
        to_field_name="slug",
    )
    year = forms.TypedChoiceField(
        label=_("Year"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = public(EventPage.objects.all()).dates(
            "start_date", "year", order="DESC"
        )
        self.fields["year"].choices = [("", gettext("All years"))] + [
            (day.year, day.year) for day in years
        ]


def search(request):
    query = request.GET.get("q", "").strip()
    shortened = len(query) > limits.SEARCH_QUERY
    query = query[: limits.SEARCH_QUERY]
    filters = SearchFilters(request.GET)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    results = Page.objects.none()
    scope = search_scope(**{k: v for k, v in chosen.items() if v})
    if query or scope is not None:
        # Wagtail's own .public() (events.queries.public's rule): the search backend
        # takes its path filters but not a subquery.
        # In the language being read: its translations, and English where a page
        # has none (toolkit.page_languages).
        pages = readable(Page.objects.live().public())
        if scope is not None:  # English pages, and their translations
            within = Page.objects.filter(
                translation_key__in=scope.values("translation_key")
            )
            pages = pages.filter(pk__in=list(within.values_list("pk", flat=True)))
        results = (
            pages.specific().search(search_query(query))
            if query
            else pages.order_by("-first_published_at").specific()
        )
    page = Paginator(results, SEARCH_PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = as_sources(list(page.object_list))  # read once, annotated
    attach_enclosing_events(page.object_list)  # each result names its event and year
    params = {k: v for k, v in request.GET.items() if k != "page" and v}
    return TemplateResponse(
        request,
        "convening/search.html",
        {
            "query": query,
            "shortened": shortened,
            "query_limit": limits.SEARCH_QUERY,
            "results": page,
            "filters": filters,
            "searched": bool(query or scope is not None),
            "params": urlencode(params),
        },
    )


def limit_password_guesses(view, restriction_model, restriction_argument):
    """Wagtail's form for a view password, refused with a 429 once there have been too
    many wrong guesses (participants.signin.view_password_refused)."""

    @wraps(view)
    def limited(request, **kwargs):
        if request.method != "POST":
            return view(request, **kwargs)
        restriction = get_object_or_404(
            restriction_model, pk=kwargs[restriction_argument]
        )
        if signin.view_password_refused(request, restriction):
            return ratelimit.respond_429(request)
        response = view(request, **kwargs)
        if not restriction.accept_request(request):
            signin.count_wrong_view_password(request, restriction)
        return response

    return limited


authenticate_with_page_password = limit_password_guesses(
    wagtail_views.authenticate_with_password,
    PageViewRestriction,
    "page_view_restriction_id",
)
authenticate_with_document_password = limit_password_guesses(
    wagtaildocs_views.authenticate_with_password,
    CollectionViewRestriction,
    "restriction_id",
)


def service_worker(request):
    """The offline copy's service worker (templates/offline/sw.js). Browsers check it
    for a new version on their own; no-cache makes them ask us each time."""
    response = TemplateResponse(
        request, "offline/sw.js", content_type="text/javascript; charset=utf-8"
    )
    response["Cache-Control"] = "no-cache"
    return response
