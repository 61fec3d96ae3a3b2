"""The programme's models, by aggregate; they belong to the app labelled `programme`.
Imported in this order: each module uses only those above it (isort would reorder
them, hence the noqa)."""

from sessions.floor.models import Floor, FloorBudget, FloorEntry, SpeakRequest
from sessions.models.agenda import AgendaFeed, AgendaItem
from sessions.models.changes import ProgrammeChange, ScheduleRecord
from sessions.models.people import Person
from sessions.models.session import (
    GuidingQuestion,
    SessionDocument,
    SessionPage,
    SessionRole,
)
from sessions.polls.models import Poll, PollAnswer, PollChoice, PollOption
from sessions.proposals.models import (
    Allocation,
    CallCriterion,
    CallPage,
    Expertise,
    Proposal,
    ProposalPerson,
    Review,
)
from sessions.qa.models import QABoard, Question, Vote
from sessions.reports.models import (
    CallToAction,
    PollHighlight,
    QAHighlight,
    RapporteurPermissionTester,
    ReportReminder,
    ReportTakeaway,
    SessionReportPage,
)

__all__ = [
    "Allocation",
    "AgendaFeed",
    "AgendaItem",
    "CallCriterion",
    "CallPage",
    "Expertise",
    "CallToAction",
    "Floor",
    "FloorBudget",
    "FloorEntry",
    "GuidingQuestion",
    "Person",
    "Poll",
    "PollAnswer",
    "PollChoice",
    "PollHighlight",
    "PollOption",
    "ProgrammeChange",
    "Proposal",
    "ProposalPerson",
    "QABoard",
    "QAHighlight",
    "Question",
    "RapporteurPermissionTester",
    "Review",
    "ReportReminder",
    "ReportTakeaway",
    "ScheduleRecord",
    "SessionDocument",
    "SessionPage",
    "SessionReportPage",
    "SessionRole",
    "SpeakRequest",
    "Vote",
]
