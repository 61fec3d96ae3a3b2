"""Reads of calls and proposals that several callers share."""

from django.db.models import Prefetch, Q
from django.db.models.functions import Lower
from django.utils import timezone

from events.models import Theme
from events.tree import attach_events, parent_path_sql
from sessions.models.session import SessionPage, SessionRole
from sessions.proposals.models import Proposal, ProposalPerson, Review
from sessions.reports.models import SessionReportPage
from sessions.reports.services import due_date
from toolkit.page_languages import of_sources


def theme_queryset(call, event):
    """The themes a proposal may take: the call's, else its event's, else all."""
    for themes in (call.themes.all(), event.themes.all()):
        if themes.exists():
            return themes
    return Theme.objects.all()


def call_themes(call, event):
    return list(theme_queryset(call, event))


def own_proposals(user, call):
    """The proposals `user` may edit in `call`: made by them or shared with them."""
    return (
        Proposal.objects.filter(call=call)
        .filter(Q(proposer=user) | Q(co_proposers=user))
        .distinct()
        .order_by("-updated_at")
    )


def own_proposal(user, call, pk):
    """One of `own_proposals`; anyone else's raises Proposal.DoesNotExist (a 404)."""
    return for_screening(own_proposals(user, call)).get(pk=pk)


def for_screening(proposals):
    return proposals.prefetch_related(
        Prefetch("people", ProposalPerson.objects.select_related("group")),
        "themes",
        "co_proposers",
    )


def owed_reports(*, users, emails, besides, now=None):
    """{user pk or lower-cased email: ["session (event)", ...]} for the people given,
    of the sessions in other events than `besides` they had a role in whose report is
    overdue and unpublished. Four queries."""
    now = now or timezone.now()
    emails = {email.casefold() for email in emails}
    if not users and not emails:
        return {}
    roles = list(
        SessionRole.objects.annotate(
            email=Lower("person__email"), account_email=Lower("person__user__email")
        )
        .filter(
            Q(person__user__in=users)
            | Q(email__in=emails)
            | Q(account_email__in=emails)
        )
        .filter(
            **of_sources("session"),
            session__live=True,
            session__status=SessionPage.Status.SCHEDULED,
            session__end__lt=now,
        )
        .exclude(session__path__startswith=besides.path)
        .select_related("session", "person")
    )
    sessions = attach_events(
        list({role.session_id: role.session for role in roles}.values())
    )
    reported = set(
        SessionReportPage.objects.live()
        .annotate(session_path=parent_path_sql())
        .filter(session_path__in=[session.path for session in sessions])
        .values_list("session_path", flat=True)
    )
    today = timezone.localdate(now)
    late = {
        session.pk: session
        for session in sessions
        if session.event
        and session.path not in reported
        and today > due_date(session, session.event)
    }
    owed = {}
    for role in roles:
        session = late.get(role.session_id)
        if session:
            title = f"{session.title} ({session.event.title})"
            for key in (role.person.user_id, role.email, role.account_email):
                if key in users or key in emails:
                    owed.setdefault(key, set()).add(title)
    return {key: sorted(titles) for key, titles in owed.items()}


def reviews_by_proposal(call):
    """{proposal pk: [Review]} of `call`, in order of writing, without those of
    reviewers who declared a conflict; each with its reviewer. One query."""
    reviews = {}
    for row in (
        Review.objects.filter(
            allocation__proposal__call=call, allocation__conflict=False
        )
        .select_related("allocation__reviewer")
        .order_by("pk")
    ):
        reviews.setdefault(row.allocation.proposal_id, []).append(row)
    return reviews
