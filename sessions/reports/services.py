"""Session reports: who may write one, when it is due, where each stands, and the
reminders rapporteurs get. The admin screens and the daily command call these."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page, WorkflowState
from wagtail.permission_policies.pages import PagePermissionPolicy

from events.tree import parent_path, parent_path_sql
from participants import languages
from sessions.models import (
    ReportReminder,
    SessionPage,
    SessionReportPage,
    SessionRole,
)
from toolkit.page_languages import sources

MISSING = "missing"
DRAFTED = "drafted"
IN_REVIEW = "in-review"
PUBLISHED = "published"
STATUS_LABELS = {
    MISSING: gettext_lazy("Missing"),
    DRAFTED: gettext_lazy("Drafted"),
    IN_REVIEW: gettext_lazy("In review"),
    PUBLISHED: gettext_lazy("Published"),
}
RAPPORTEURS_GROUP = "Rapporteurs"
# A rapporteur hears first this many days before the report is due.
REMIND_DAYS_BEFORE = 3


class ReportError(Exception):
    pass


def is_rapporteur(user, page):
    """`page` is a session or its report; the user is a rapporteur of the session."""
    if not user.is_authenticated:
        return False
    session_path = page.path if isinstance(page, SessionPage) else parent_path(page)
    return SessionRole.objects.filter(
        session__path=session_path, role=SessionRole.Role.RAPPORTEUR, person__user=user
    ).exists()


# Any of these on some page makes an organiser or an editor, who browses the whole tree.
PAGE_ACTIONS = {"add", "change", "publish", "bulk_delete", "lock", "unlock"}


def own_reports(user):
    """The report pages of the sessions `user` is a rapporteur of."""
    session_paths = sources(
        SessionPage.objects.filter(
            roles__role=SessionRole.Role.RAPPORTEUR, roles__person__user=user
        )
    ).values("path")
    return SessionReportPage.objects.annotate(session_path=parent_path_sql()).filter(
        session_path__in=session_paths
    )


def browsable(pages, user):
    """What of `pages` the admin's page chooser and explorer show `user`. Organisers
    and editors (a page permission of any kind) see them all; anyone else in the admin
    (a rapporteur, who edits one report) sees the live public pages and their own
    reports, never another's draft or a private page. Path and id filters only: the
    chooser's search takes no subquery."""
    if PagePermissionPolicy().user_has_any_permission(user, PAGE_ACTIONS):
        return pages
    own = list(own_reports(user).values_list("pk", flat=True))
    return pages.filter((Q(live=True) & ~pages.private_q()) | Q(pk__in=own))


def sync_rapporteurs_group(**kwargs):
    """The "Rapporteurs" group (admin access, no page rights) holds exactly the
    accounts linked to a rapporteur of some session. Signal receiver."""
    group, created = Group.objects.get_or_create(name=RAPPORTEURS_GROUP)
    if created:
        group.permissions.add(
            Permission.objects.get(
                content_type__app_label="wagtailadmin", codename="access_admin"
            )
        )
    wanted = set(
        SessionRole.objects.filter(
            role=SessionRole.Role.RAPPORTEUR, person__user__isnull=False
        ).values_list("person__user_id", flat=True)
    )
    members = set(group.user_set.values_list("pk", flat=True))
    group.user_set.add(*(wanted - members))
    group.user_set.remove(*(members - wanted))


def due_date(session, event):
    """The day a session's report is due: the event's delay after the session ends."""
    ends = timezone.localdate(session.end, timezone=event.tzinfo)
    return ends + timedelta(days=event.report_due_days)


@dataclass
class ReportRow:
    session: SessionPage
    report: SessionReportPage | None
    status: str
    due: date
    overdue: bool

    @property
    def status_label(self):
        label = STATUS_LABELS[self.status]
        return _("%(status)s, overdue") % {"status": label} if self.overdue else label


def overview(event, today=None):
    """One row per scheduled session of the event, in programme order: four queries."""
    today = today or timezone.localdate(timezone=event.tzinfo)
    sessions = list(
        SessionPage.objects.child_of(event)
        .filter(status=SessionPage.Status.SCHEDULED)
        .order_by("start", "title")
    )
    reports = {
        parent_path(report): report
        for report in SessionReportPage.objects.descendant_of(event)
    }
    in_review = set(
        WorkflowState.objects.active()
        .filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=[str(r.pk) for r in reports.values()],
        )
        .values_list("object_id", flat=True)
    )
    rows = []
    for session in sessions:
        report = reports.get(session.path)
        if report is None:
            status = MISSING
        elif report.live:
            status = PUBLISHED
        elif str(report.pk) in in_review:
            status = IN_REVIEW
        else:
            status = DRAFTED
        due = due_date(session, event)
        rows.append(
            ReportRow(session, report, status, due, status != PUBLISHED and today > due)
        )
    return rows


def start_report(user, session):
    """The session's report page, created as an unpublished draft on first use, for
    its rapporteur or anyone who may add pages under the session."""
    if not (
        is_rapporteur(user, session)
        or session.permissions_for_user(user).can_add_subpage()
    ):
        raise ReportError(_("Only the session's rapporteur may write its report."))
    with transaction.atomic():
        session = SessionPage.objects.select_for_update().get(pk=session.pk)
        report = SessionReportPage.objects.child_of(session).first()
        if report is None:
            report = SessionReportPage(
                title=f"Report: {session.title}", slug="report", live=False, owner=user
            )
            session.add_child(instance=report)
            report.save_revision(user=user, log_action=True)
    return report


def send_reminders(event, today=None):
    """Mails each rapporteur of an unpublished report once when it is due within
    REMIND_DAYS_BEFORE days, and once more when it is overdue. Safe to run daily:
    a reminder row is written before its mail, so a second run sends nothing."""
    today = today or timezone.localdate(timezone=event.tzinfo)
    sent = 0
    for row in overview(event, today):
        if row.status == PUBLISHED:
            continue
        if row.overdue:
            kind = ReportReminder.Kind.OVERDUE
        elif row.due - today <= timedelta(days=REMIND_DAYS_BEFORE):
            kind = ReportReminder.Kind.DUE_SOON
        else:
            continue
        for role in row.session.roles.select_related("person__user__profile"):
            user = role.person.user
            if (
                role.role != SessionRole.Role.RAPPORTEUR
                or user is None
                or not user.email
            ):
                continue
            try:
                with transaction.atomic():
                    ReportReminder.objects.create(
                        session=row.session, user=user, kind=kind
                    )
            except IntegrityError:
                continue  # sent on an earlier run
            context = {"row": row, "event": event, "user": user, "kind": kind}
            with languages.writing_to(user):
                send_mail(
                    render_to_string(
                        "sessions/email/report_reminder_subject.txt", context
                    ).strip(),
                    render_to_string("sessions/email/report_reminder.txt", context),
                    settings.DEFAULT_FROM_EMAIL,
                    [user.email],
                )
            sent += 1
    return sent
