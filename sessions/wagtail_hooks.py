from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from events.models import EventPage
from events.tree import event_of
from sessions import admin_views, copying, grid_views, import_views
from sessions.models import Person, SessionPage, SessionReportPage, SessionRole
from sessions.proposals import admin_views as proposal_admin_views
from sessions.qa import admin_views as qa_admin_views
from sessions.reports import admin_views as report_admin_views
from sessions.reports import services as reports
from sessions.services import clock, person_clashes


class PersonChooserViewSet(SnippetChooserViewSet):
    # The chooser of a session's people searches names and organisations, and its
    # "Create" tab adds someone new without leaving the session's form.
    form_fields = ["name", "organisation", "email"]


class PersonViewSet(SnippetViewSet):
    chooser_viewset_class = PersonChooserViewSet
    model = Person
    icon = "user"
    menu_label = gettext_lazy("People")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "organisation", "stakeholder_group", "country"]
    list_filter = ["stakeholder_group", "gender"]
    # No search_fields: the model's index (name, organisation) is searched whole,
    # since the SQLite search backend fails a search limited to named fields.


register_snippet(PersonViewSet)


@hooks.register("register_admin_urls")
def programme_admin_urls():
    return [
        path(
            "events/<id:event_id>/grid/",
            grid_views.EventGridView.as_view(),
            name="event_grid",
        ),
        path(
            "events/<id:event_id>/grid/add/",
            grid_views.GridAddView.as_view(),
            name="event_grid_add",
        ),
        path(
            "events/<id:event_id>/grid/<id:session_id>/move/",
            grid_views.GridMoveView.as_view(),
            name="event_grid_move",
        ),
        path(
            "events/<id:event_id>/sessions/",
            admin_views.EventSessionsView.as_view(),
            name="event_sessions",
        ),
        path(
            "events/<id:event_id>/import/",
            import_views.ImportView.as_view(),
            name="event_import",
        ),
        path(
            "events/<id:event_id>/proposals/",
            proposal_admin_views.EventProposalsView.as_view(),
            name="event_proposals",
        ),
        path(
            "events/<id:event_id>/proposals/figures/",
            proposal_admin_views.ProposalFiguresView.as_view(),
            name="event_proposal_figures",
        ),
        path(
            "events/<id:event_id>/proposals/export.csv",
            proposal_admin_views.export_csv,
            name="event_proposals_csv",
        ),
        path(
            "events/<id:event_id>/proposals/reviewers/<int:user_id>/",
            proposal_admin_views.ReviewerThemesView.as_view(),
            name="event_reviewer_themes",
        ),
        path(
            "events/<id:event_id>/reports/",
            report_admin_views.EventReportsView.as_view(),
            name="event_reports",
        ),
        path(
            "events/<id:event_id>/qa/",
            qa_admin_views.EventQAView.as_view(),
            name="event_qa",
        ),
        path(
            # Beside the registration screens: it sets registrants beside speakers.
            "events/<id:event_id>/registrations/balance/",
            admin_views.BalanceView.as_view(),
            name="event_balance",
        ),
        path(
            "my-reports/",
            report_admin_views.MyReportsView.as_view(),
            name="my_reports",
        ),
    ]


class MyReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return SessionRole.objects.filter(
            role=SessionRole.Role.RAPPORTEUR, person__user_id=request.user.pk
        ).exists()


@hooks.register("register_admin_menu_item")
def my_reports_menu_item():
    return MyReportsMenuItem(
        gettext_lazy("My session reports"),
        reverse("my_reports"),
        icon_name="doc-full",
        order=150,
    )


# (label, URL name, icon, priority) of the event's programme tools: Wagtail's page
# header and the tools panel on the event's form (events.panels) show them.
EVENT_BUTTONS = (
    (gettext_lazy("Proposals"), "event_proposals", "form", 10),
    (gettext_lazy("Programme grid"), "event_grid", "table", 11),
    (gettext_lazy("Sessions by day and room"), "event_sessions", "date", 12),
    (gettext_lazy("Import sessions"), "event_import", "upload", 13),
    (gettext_lazy("Stakeholder balance"), "event_balance", "group", 13),
    (gettext_lazy("Session reports"), "event_reports", "doc-full", 14),
    (gettext_lazy("Q&A"), "event_qa", "help", 16),
)


@hooks.register("register_page_header_buttons")
def event_sessions_button(page, user, view_name, next_url=None):
    if isinstance(page.specific_deferred, EventPage):
        for label, url_name, icon, priority in EVENT_BUTTONS:
            yield Button(
                label,
                reverse(url_name, args=[page.pk]),
                icon_name=icon,
                priority=priority,
            )


def warn_about_person_clashes(request, page):
    if not isinstance(page, SessionPage):
        return
    event = event_of(page)
    for person, other in person_clashes(page):
        messages.warning(
            request,
            _("Saved, but %(person)s is also in “%(title)s” at %(time)s (%(room)s).")
            % {
                "person": person.name,
                "title": other.title,
                "time": clock(other.start, event),
                "room": other.room or _("no room"),
            },
        )


hooks.register("before_copy_page", copying.before_copy)
hooks.register("after_copy_page", copying.after_copy)
hooks.register("after_create_page", warn_about_person_clashes)
hooks.register("after_edit_page", warn_about_person_clashes)


@hooks.register("after_edit_page")
def rapporteur_lands_on_their_reports(request, page):
    """After submitting a report for review (or any workflow step), Wagtail goes to the
    session's page listing, which a rapporteur may not see: they land on their own
    reports instead, with Wagtail's message."""
    if not isinstance(page, SessionReportPage):
        return None
    if not any(request.POST.get(key) for key in request.POST if key[:7] == "action-"):
        return None  # a draft saved: Wagtail stays on the edit form
    if page.get_parent().permissions_for_user(request.user).can_edit():
        return None
    return redirect("my_reports")


@hooks.register("construct_page_chooser_queryset")
def chooser_pages(pages, request):
    return reports.browsable(pages, request.user)


@hooks.register("construct_explorer_page_queryset")
def explorer_pages(parent_page, pages, request):
    return reports.browsable(pages, request.user)
