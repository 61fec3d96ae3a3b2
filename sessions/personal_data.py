"""The programme's part of a person's "My data" download: their Q&A questions and
votes, their poll answers, their requests to speak, their agenda and its private feed,
the Person they are linked to with its roles and reports, the session proposals they
made or co-propose and the reviews they wrote. Registered with
participants.personal_data in SessionsConfig.ready.
"""

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from sessions.floor.models import SpeakRequest
from sessions.models import (
    AgendaFeed,
    AgendaItem,
    Person,
    ReportReminder,
    SessionReportPage,
    SessionRole,
)
from sessions.polls.models import PollAnswer
from sessions.proposals.models import Proposal, Review
from sessions.qa.models import Question, Vote


def _session(page):
    return {"title": page.title, "url": page.url}


def questions(user):
    """Their own questions with the moderation outcome; who moderated stays out (it is
    someone else's data)."""
    rows = (
        Question.objects.filter(author=user)
        .select_related("session")
        .order_by("created_at", "pk")
    )
    return [
        {
            "session": _session(q.session),
            "text": q.text,
            "original_text": q.original_text,
            "status": q.get_status_display(),
            "hidden_reason": q.hidden_reason,
            "anonymous": q.anonymous,
            "name_shown": q.author_name,
            "votes": q.votes,
            "created_at": q.created_at,
            "answered_at": q.answered_at,
        }
        for q in rows
    ]


def votes(user):
    """The questions they voted for; another person's question that is no longer
    public is named by nothing but the session."""
    rows = (
        Vote.objects.filter(user=user)
        .select_related("question__session")
        .order_by("created_at", "pk")
    )
    return [
        {
            "session": _session(v.question.session),
            "question": (
                v.question.text
                if v.question.is_public or v.question.author_id == user.pk
                else _("(a question no longer shown)")
            ),
            "created_at": v.created_at,
        }
        for v in rows
    ]


def poll_answers(user):
    """What they answered to each poll, as they answered it."""
    rows = (
        PollAnswer.objects.filter(user=user)
        .select_related("poll__session")
        .prefetch_related("choices__option")
        .order_by("created_at", "pk")
    )
    return [
        {
            "session": _session(a.poll.session),
            "poll": a.poll.question,
            "chosen": [
                c.option.text
                for c in sorted(a.choices.all(), key=lambda c: c.rank or 0)
            ],
            "rating": a.rating,
            "words": a.words,
            "answered_at": a.created_at,
            "changed_at": a.changed_at,
        }
        for a in rows
    ]


def speak_requests(user):
    """Their requests to speak, what became of each and what the moderators recorded
    about it (who acted stays out: someone else's data)."""
    rows = (
        SpeakRequest.objects.filter(user=user)
        .select_related("session")
        .prefetch_related("entries")
        .order_by("requested_at", "pk")
    )
    return [
        {
            "session": _session(r.session),
            "number": r.number,
            "topic": r.topic,
            "name_shown_to_public": r.name_public,
            "mode": r.get_mode_display(),
            "status": r.get_status_display(),
            "spoken_seconds": r.spoken,
            "requested_at": r.requested_at,
            "record": [
                {"action": e.get_action_display(), "reason": e.reason, "at": e.at}
                for e in r.entries.all()
            ],
        }
        for r in rows
    ]


def agenda(user):
    rows = (
        AgendaItem.objects.filter(user=user)
        .select_related("session")
        .order_by("added", "pk")
    )
    return [{"session": _session(item.session), "added": item.added} for item in rows]


def agenda_feed(user):
    feed = AgendaFeed.objects.filter(user=user).first()
    return feed and {
        "url": settings.WAGTAILADMIN_BASE_URL
        + reverse("agenda_feed", args=[feed.token]),
        "token": feed.token,
        "created_or_reset_at": feed.updated,
    }


def person(user):
    """The programme's record of them (speaker, moderator, rapporteur), when an
    organiser linked it to their account, with its roles and its sessions' reports."""
    row = (
        Person.objects.filter(user=user)
        .select_related("stakeholder_group")
        .prefetch_related("roles__session")
        .first()
    )
    if row is None:
        return None
    roles = list(row.roles.all())
    # A report is a child page of its session: one query for all of them.
    of_their_sessions = Q(pk__in=[])
    for r in roles:
        if r.role == SessionRole.Role.RAPPORTEUR:
            of_their_sessions |= Q(
                path__startswith=r.session.path, depth=r.session.depth + 1
            )
    reports = SessionReportPage.objects.filter(of_their_sessions).order_by("path")
    return {
        "name": row.name,
        "organisation": row.organisation,
        "position": row.position,
        "email": row.email,
        "stakeholder_group": str(row.stakeholder_group or ""),
        "country": row.country.code,
        "gender": row.get_gender_display(),
        "bio": row.bio,
        "roles": [
            {"session": _session(r.session), "role": r.get_role_display()}
            for r in roles
        ],
        "reports": [
            {"title": p.title, "published": p.live, "url": p.url} for p in reports
        ],
    }


def report_reminders(user):
    rows = (
        ReportReminder.objects.filter(user=user)
        .select_related("session")
        .order_by("sent_at", "pk")
    )
    return [
        {
            "session": _session(r.session),
            "kind": r.get_kind_display(),
            "sent_at": r.sent_at,
        }
        for r in rows
    ]


def proposals(user):
    """The proposals they made or co-propose, as written, with the decision as the
    proposers see it."""
    rows = (
        Proposal.objects.filter(Q(proposer=user) | Q(co_proposers=user))
        .distinct()
        .select_related("call")
        .prefetch_related("people", "themes")
        .order_by("created_at", "pk")
    )
    return [
        {
            "call": _session(p.call),
            "title": p.title,
            "status": p.status_for_proposers,
            "proposer": p.proposer_id == user.pk,
            "format": p.get_format_display(),
            "themes": [str(t) for t in p.themes.all()],
            "background": p.background,
            "questions": p.question_list(),
            "participation": p.participation,
            "minutes": p.duration,
            "people": [
                {
                    "role": person.get_role_display(),
                    "name": person.name,
                    "email": person.email,
                    "organisation": person.organisation,
                    "takes_part": person.get_mode_display(),
                    "agreed": person.agreed,
                }
                for person in p.people.all()
            ],
            "submitted_at": p.submitted_at,
            "decision": (
                p.decision_message
                if p.decision_public and p.status != "shortlisted"
                else ""
            ),
        }
        for p in rows
    ]


def reviews(user):
    """The reviews they wrote: scores by criterion pk and comments."""
    rows = (
        Review.objects.filter(allocation__reviewer=user)
        .select_related("allocation__proposal")
        .order_by("pk")
    )
    return [
        {
            "proposal": r.allocation.proposal.title,
            "scores": r.scores,
            "comment": r.comment,
            "updated_at": r.updated_at,
        }
        for r in rows
    ]


SECTIONS = {
    "questions": questions,
    "votes": votes,
    "poll_answers": poll_answers,
    "speak_requests": speak_requests,
    "agenda": agenda,
    "agenda_feed": agenda_feed,
    "person": person,
    "report_reminders": report_reminders,
    "proposals": proposals,
    "reviews": reviews,
}
