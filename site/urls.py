from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from convening import archive, views
from convening.api import api_router
from convening.outcomes import feed
from sessions import views as sessions_views
from toolkit import page_serving

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # At the root, so that the offline copy's worker may serve every page.
    path("sw.js", views.service_worker, name="service_worker"),
    # Everyone signs in and resets a password through allauth, so its rate limits,
    # address verification and the admin's two-factor step always apply: Wagtail's
    # own forms (the admin's, and the one login-restricted pages used) lead there.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
    ),
    path(
        "_util/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
    ),
    path(
        "admin/password_reset/",
        RedirectView.as_view(pattern_name="account_reset_password"),
    ),
    # Wagtail's view-password forms, with a limit on wrong guesses.
    path(
        "_util/authenticate_with_password/<id:page_view_restriction_id>/<id:page_id>/",
        views.authenticate_with_page_password,
    ),
    path(
        "documents/authenticate_with_password/<id:restriction_id>/",
        views.authenticate_with_document_password,
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# What people read, in each of settings.LANGUAGES: English at the addresses it always
# had, the others under their prefix (/fr/events/...). An unknown prefix is an unknown
# page (404). The admin follows each organiser's own language, the API is data.
urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("me/", include("participants.urls")),
    path("", include("participants.attendance.urls")),
    path("search/", views.search, name="search"),
    path("themes/", archive.theme_index, name="themes"),
    path("themes/<slug:slug>/", archive.theme_view, name="theme"),
    path("outcomes/feed.atom", feed.outcomes_feed, name="outcomes_feed"),
    path("me/agenda/", sessions_views.agenda_view, name="agenda"),
    path(
        "me/agenda/reset-link/", sessions_views.agenda_reset_view, name="agenda_reset"
    ),
    path(
        "agenda/<slug:token>.ics",
        sessions_views.agenda_feed_view,
        name="agenda_feed",
    ),
    # Named files of pages (programme.ics, schedule.xml), which Wagtail's own pattern
    # does not match, go on to the pages' routes.
    re_path(
        r"^(?P<path>(?:[\w-]+/)+[\w-]+\.(?:ics|xml|json|atom|csv))$",
        sessions_views.serve_file,
    ),
    # Wagtail's own patterns, with pages served from the English tree in every
    # language (toolkit.page_serving).
    *[found for found in wagtail_urls.urlpatterns if found.name != "wagtail_serve"],
    re_path(wagtail_urls.serve_pattern, page_serving.serve, name="wagtail_serve"),
    prefix_default_language=False,
)
