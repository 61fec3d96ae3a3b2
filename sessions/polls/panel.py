"""What the poll parts of the session page, the wall and the moderators' page show one
viewer, in a fixed number of queries however many polls a session has: closed polls
show the results frozen at their close, and only the live one is counted."""

from dataclasses import dataclass, field

from sessions.polls import services
from sessions.polls.forms import AnswerForm, PrepareForm
from sessions.polls.models import Poll, PollAnswer
from sessions.polls.results import results


@dataclass
class PollsPanel:
    live: Poll | None = None
    answer_form: AnswerForm | None = None
    answered: bool = False
    earlier: list = field(default_factory=list)  # closed, results shown
    polls: list = field(default_factory=list)  # moderators: every poll
    prepare_form: PrepareForm | None = None
    pending_words: list = field(default_factory=list)

    may_answer: bool = False

    @property
    def shown(self):
        return bool(self.live or self.earlier or self.polls)

    @property
    def key(self):
        """What the section shows, as polls.js writes it too: it redraws the section
        only when this changes."""
        live = ""
        if self.live:
            live = f"{self.live.pk}-{'r' if self.live.shown_results else ''}"
        return f"{live}|{','.join(str(poll.pk) for poll in self.earlier)}"

    @property
    def wall_key(self):
        """The wall shows the live poll alone."""
        return self.key.split("|")[0] + "|"


def build(request, session, *, moderator=False, registered=False, answer_form=None):
    """For the session page and the wall (`moderator` False) or the moderators' page."""
    polls = list(services.polls_of(session))
    panel = PollsPanel()
    panel.live = next((p for p in polls if p.status == Poll.Status.LIVE), None)
    for poll in polls:
        poll.shown_results = _results(poll, moderator)
    if moderator:
        panel.polls = polls
        panel.prepare_form = PrepareForm()
        if panel.live and panel.live.kind == Poll.Kind.WORDS:
            panel.pending_words = list(
                PollAnswer.objects.filter(
                    poll=panel.live, status=PollAnswer.Status.PENDING
                ).order_by("created_at")
            )
        return panel
    panel.earlier = [
        poll
        for poll in reversed(polls)
        if poll.status == Poll.Status.CLOSED and poll.shown_results
    ]
    panel.may_answer = registered
    if panel.live and registered and services.is_open(panel.live):
        answer = services.answer_of(request.user, panel.live)
        panel.answered = answer is not None
        panel.answer_form = answer_form or AnswerForm(
            panel.live, initial=AnswerForm.initial_for(panel.live, answer)
        )
    return panel


def _results(poll, moderator):
    """The results this viewer may see, each count with its share of the answers."""
    if poll.status == Poll.Status.PREPARED:
        return None
    if moderator:
        figures = poll.final_results or results(poll)
    else:
        figures = services.public_results(poll)
    if figures is None:
        return None
    figures = dict(figures)
    total = figures["answers"]
    for key in ("options", "words"):
        if key in figures:
            figures[key] = [
                {
                    **row,
                    "percent": round(100 * row.get("count", 0) / total) if total else 0,
                }
                for row in figures[key]
            ]
    if "counts" in figures:
        figures["scale_counts"] = [
            {
                "value": value,
                "count": n,
                "percent": round(100 * n / total) if total else 0,
            }
            for value, n in enumerate(figures["counts"], 1)
        ]
    return figures
