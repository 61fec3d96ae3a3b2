"""What the Q&A pages show one viewer: the session page's panel, the question wall and
the moderators' page read the same few rows here, in a fixed number of queries however
many questions a session has. Rules stay in services; this only reads and sorts."""

from dataclasses import dataclass, field

from django.db.models import Q

from events.services import can_manage
from events.tree import event_of
from sessions.qa import services
from sessions.qa.forms import AskForm, BoardForm
from sessions.qa.models import QABoard, Question, Vote
from sessions.qa.visibility import public_author, shown_to_public

PAGE = "page"
WALL = "wall"
MODERATE = "moderate"


@dataclass
class Panel:
    session: object
    board: QABoard
    view: str
    counts: dict
    moderator: bool = False
    organiser: bool = False
    registered: bool = False
    signed_in: bool = False
    questions: list = field(default_factory=list)
    guiding: dict = field(default_factory=dict)
    ask_form: AskForm = None
    board_form: BoardForm = None
    sort: str = "popular"

    @property
    def shown(self):
        """The panel shows once moderators switch the Q&A on (open, paused, closed)."""
        return self.board.enabled

    @property
    def may_ask(self):
        return self.registered and self.board.status != QABoard.Status.OFF

    @property
    def accepts_questions(self):
        return self.registered and self.board.accepts_questions

    def _with(self, statuses):
        return [item for item in self.questions if item.status in statuses]

    @property
    def open(self):
        shown = self._with([Question.Status.APPROVED])
        if self.view == MODERATE:
            return shown
        return [item for item in shown if shown_to_public(item, self.board)]

    @property
    def answered(self):
        return self._with([Question.Status.ANSWERED])

    @property
    def pending(self):
        return self._with([Question.Status.PENDING])

    @property
    def hidden(self):
        return self._with([Question.Status.HIDDEN])

    @property
    def mine(self):
        """The viewer's own questions that the public does not see."""
        return [
            item
            for item in self.questions
            if item.mine and not shown_to_public(item, self.board)
        ]


# How a participant may order the questions (?sort=): pinned ones always come first.
SORTS = {
    "popular": lambda item: (not item.pinned, -item.votes, item.created_at, item.pk),
    "recent": lambda item: (not item.pinned, -item.created_at.timestamp(), -item.pk),
}


def build(request, session, view=PAGE, *, ask_form=None):
    user = request.user
    board = services.board_of(session)
    panel = Panel(
        session=session,
        board=board,
        view=view,
        counts=services.counts(session.pk),
        signed_in=user.is_authenticated,
    )
    if user.is_authenticated:
        panel.moderator = services.can_moderate(user, session)
        panel.registered = view == PAGE and services.is_registered(user, session)
    if view == MODERATE and panel.moderator:
        panel.organiser = can_manage(user, event_of(session))
        panel.board_form = BoardForm(
            initial={"status": board.status, "premoderation": board.premoderation}
        )
    if not (board.enabled or view == MODERATE):
        return panel
    panel.guiding = {g.pk: g.text for g in session.guiding_questions.all()}
    panel.questions = _questions(session, user, view, panel.guiding)
    if view == PAGE and request.GET.get("sort") in SORTS:
        panel.sort = request.GET["sort"]
        panel.questions.sort(key=SORTS[panel.sort])
    if panel.may_ask:
        panel.ask_form = ask_form or AskForm(session=session)
    return panel


def _questions(session, user, view, guiding):
    rows = services.ordered(session.pk, Question.ALL)
    if view != MODERATE:
        visible = Q(status__in=Question.PUBLIC)
        if view == PAGE and user.is_authenticated:
            visible |= Q(author=user)  # the viewer's own, awaiting moderation
        rows = rows.filter(visible)
    rows = list(rows)
    voted = set()
    if view == PAGE and user.is_authenticated:
        voted = set(
            Vote.objects.filter(question__session=session, user=user).values_list(
                "question_id", flat=True
            )
        )
    for item in rows:
        item.mine = user.is_authenticated and item.author_id == user.pk
        item.voted = item.pk in voted
        item.guiding_text = guiding.get(item.guiding_question_id, "")
        # Moderators know who asked; nobody else learns it from the page.
        item.shown_author = (
            item.author_name if view == MODERATE else public_author(item) or ""
        )
    return rows
