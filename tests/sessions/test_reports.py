"""Session reports: due dates and the organisers' overview, the rapporteur's rights in
the admin, and the daily reminder."""

from datetime import date, datetime, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from wagtail.models import PageViewRestriction, Workflow

from sessions.models import SessionReportPage
from sessions.reports import services as reports
from tests.factories import (
    EventPageFactory,
    SessionPageFactory,
    UserFactory,
    rapporteur,
    report_form,
    report_page,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return EventPageFactory(start_date=date(2031, 5, 12), end_date=date(2031, 5, 13))


def session_on(event, day, title):
    start = event.start_date.replace(day=day)
    return SessionPageFactory(
        event=event,
        slug=title.lower(),
        title=title,
        start=datetime(start.year, start.month, day, 10, tzinfo=event.tzinfo),
    )


def statuses(event, today):
    return [
        (r.session.title, r.status, r.overdue) for r in reports.overview(event, today)
    ]


def test_report_is_due_two_weeks_after_its_session_unless_the_event_says_otherwise(
    event,
):
    session = session_on(event, 12, "opening")

    assert reports.due_date(session, event) == date(2031, 5, 26)
    event.report_due_days = 7
    assert reports.due_date(session, event) == date(2031, 5, 19)


def test_overview_tells_missing_drafted_in_review_published_and_overdue(
    event, admin_user
):
    missing = session_on(event, 12, "missing")
    drafted = session_on(event, 12, "drafted")
    review = session_on(event, 12, "review")
    published = session_on(event, 12, "published")
    report_page(drafted, live=False)
    Workflow.objects.get(name="Review before publishing").start(
        report_page(review, live=False), admin_user
    )
    report_page(published)

    assert statuses(event, date(2031, 5, 26)) == [
        ("drafted", "drafted", False),
        ("missing", "missing", False),
        ("published", "published", False),
        ("review", "in-review", False),
    ]
    assert statuses(event, date(2031, 5, 27)) == [
        ("drafted", "drafted", True),
        ("missing", "missing", True),
        ("published", "published", False),
        ("review", "in-review", True),
    ]
    assert missing.title == "missing"


def test_organisers_see_the_overview_in_the_admin(client, admin_user, event):
    report_page(session_on(event, 12, "Opening"), live=False)
    session_on(event, 13, "Closing")
    client.force_login(admin_user)

    page = client.get(f"/admin/events/{event.pk}/reports/").content.decode()

    assert "Missing: 1 · Drafted: 1 · In review: 0 · Published: 0 · Overdue: 0" in page
    assert '<tr class="report-status-missing">' in page
    assert '<tr class="report-status-drafted">' in page


def test_overview_is_not_shown_to_a_rapporteur(client, event):
    session = session_on(event, 12, "opening")
    client.force_login(rapporteur(session))

    assert client.get(f"/admin/events/{event.pk}/reports/").status_code == 404


def test_rapporteur_starts_and_edits_their_sessions_report(client, event):
    session = session_on(event, 12, "opening")
    user = rapporteur(session)
    client.force_login(user)

    started = client.post("/admin/my-reports/", {"session": session.pk})
    report = SessionReportPage.objects.child_of(session).get()
    edit_url = f"/admin/pages/{report.pk}/edit/"
    form = client.get(edit_url)

    assert started.url == edit_url
    assert form.status_code == 200
    assert not report.live
    assert report.permissions_for_user(user).can_edit()
    assert not session.permissions_for_user(user).can_edit()


def test_rapporteur_saves_a_draft_through_the_admin(client, event):
    session = session_on(event, 12, "opening")
    client.force_login(rapporteur(session))
    report = report_page(session, live=False, takeaways=())

    client.post(
        f"/admin/pages/{report.pk}/edit/",
        report_form(
            "Report: opening",
            takeaways=["Partners need a shared goal."],
            convergence="Everyone wants open data.",
        ),
    )

    draft = SessionReportPage.objects.get(pk=report.pk).get_latest_revision_as_object()
    assert draft.convergence == "Everyone wants open data."
    assert [t.text for t in draft.takeaways.all()] == ["Partners need a shared goal."]
    assert not SessionReportPage.objects.get(pk=report.pk).live


def test_rapporteur_submits_for_review_and_lands_on_their_reports(client, event):
    session = session_on(event, 12, "opening")
    client.force_login(rapporteur(session))
    report = report_page(session, live=False, takeaways=())

    response = client.post(
        f"/admin/pages/{report.pk}/edit/",
        report_form(
            "Report: opening", convergence="Open data.", **{"action-submit": "submit"}
        ),
    )
    landing = client.get(response["Location"])

    html = landing.content.decode()
    assert response["Location"] == "/admin/my-reports/"
    assert landing.status_code == 200
    assert "has been submitted for moderation" in html
    assert "Sorry, you do not have permission" not in html
    workflow_state = SessionReportPage.objects.get(pk=report.pk).current_workflow_state
    assert workflow_state.workflow.name == "Review before publishing"
    assert workflow_state.current_task_state.task.name == (
        "An organiser reviews and publishes"
    )


def test_an_organiser_submitting_a_report_stays_in_the_page_tree(
    client, admin_user, event
):
    session = session_on(event, 12, "opening")
    client.force_login(admin_user)
    report = report_page(session, live=False, takeaways=())

    response = client.post(
        f"/admin/pages/{report.pk}/edit/",
        report_form("Report: opening", **{"action-submit": "submit"}),
    )

    assert response["Location"] == f"/admin/pages/{session.pk}/"  # Wagtail's own


def test_rapporteur_cannot_touch_another_sessions_report(client, event):
    own = session_on(event, 12, "own")
    other = session_on(event, 13, "other")
    client.force_login(rapporteur(own))
    theirs = report_page(other, live=False, convergence="Not yours to change.")

    edit = client.get(f"/admin/pages/{theirs.pk}/edit/")
    post = client.post(f"/admin/pages/{theirs.pk}/edit/", {"title": "Mine now"})
    start = client.post("/admin/my-reports/", {"session": other.pk})

    # Wagtail answers a page the user may not edit with a redirect to the dashboard.
    assert (edit.status_code, edit["Location"]) == (302, "/admin/")
    assert (post.status_code, post["Location"]) == (302, "/admin/")
    assert start.status_code == 404
    assert SessionReportPage.objects.get(
        pk=theirs.pk
    ).get_latest_revision_as_object().title == ("Report: other")


def test_someone_without_a_role_does_not_enter_the_admin(client, event):
    session_on(event, 12, "opening")
    client.force_login(UserFactory())

    assert client.get("/admin/my-reports/").status_code == 302


def test_reminders_go_once_before_the_due_date_and_once_when_overdue(event):
    session = session_on(event, 12, "opening")
    rapporteur(session)
    report_page(session_on(event, 12, "done"))
    rapporteur(SessionReportPage.objects.get().get_parent().specific)
    due = date(2031, 5, 26)

    sent = [
        reports.send_reminders(event, today)
        for today in [
            due - timedelta(days=4),
            due - timedelta(days=3),
            due - timedelta(days=1),
            due + timedelta(days=1),
            due + timedelta(days=2),
        ]
    ]

    assert sent == [0, 1, 0, 1, 0]
    assert [m.subject for m in mail.outbox] == [
        "Due 26 May: your report on “opening”",
        "Overdue: your report on “opening”",
    ]


def test_reminder_command_can_run_daily():
    past = EventPageFactory(start_date=date(2025, 3, 3), end_date=date(2025, 3, 4))
    session = session_on(past, 3, "Past")
    rapporteur(session)

    call_command("remind_rapporteurs")
    call_command("remind_rapporteurs")

    assert [m.subject for m in mail.outbox] == ["Overdue: your report on “Past”"]


@pytest.fixture
def hidden_pages(event):
    """A rapporteur's session and draft report beside another session's draft report
    and a private session: what a rapporteur may and may not find in the admin."""
    own = session_on(event, 12, "opening")
    report_page(own, live=False, takeaways=())
    report_page(session_on(event, 13, "other"), live=False, takeaways=())
    private = session_on(event, 13, "Closed-briefing")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    return own


def chooser(client, address, **query):
    """The page chooser's listing as the admin's modal shows it."""
    response = client.get(address, query)
    assert response.status_code == 200
    if response["Content-Type"].startswith("application/json"):
        return response.json()["html"]
    return response.content.decode()


def chooser_search(client, query):
    return chooser(client, "/admin/choose-page/search/", q=query)


def test_a_rapporteur_finds_only_public_pages_and_their_own_report(
    client, event, hidden_pages
):
    client.force_login(rapporteur(hidden_pages))

    reports_found = chooser_search(client, "Report")
    private_found = chooser_search(client, "Closed")
    browsed = chooser(client, f"/admin/choose-page/{event.pk}/")

    assert "Report: opening" in reports_found
    assert "Report: other" not in reports_found
    assert "Closed-briefing" not in private_found
    assert "opening" in browsed
    assert "Closed-briefing" not in browsed


def test_an_organiser_finds_drafts_and_private_pages(client, admin_user, hidden_pages):
    client.force_login(admin_user)

    assert "Report: other" in chooser_search(client, "Report")
    assert "Closed-briefing" in chooser_search(client, "Closed")
