"""What the public sees of a question: the one rule that every public frame (snapshot,
change, the asker's own copy) and the public pages go through. Moderators see all."""

from sessions.qa.models import Question


def shown_to_public(item, board_row):
    """Answered questions always; approved ones while the session runs and, once its
    Q&A is closed, only after the organiser publishes the questions it did not take.
    Pending and hidden questions never: the public learns only that they exist."""
    if item.status == Question.Status.ANSWERED:
        return True
    return item.status == Question.Status.APPROVED and board_row.untaken_public


def public_statuses(board_row):
    """The statuses `shown_to_public` lets through on this board, for queries."""
    if board_row.untaken_public:
        return [Question.Status.APPROVED, Question.Status.ANSWERED]
    return [Question.Status.ANSWERED]


def public_author(item):
    """The asker's name as anyone but a moderator may see it: None when they asked
    anonymously or their account is gone."""
    return item.public_name or None
