"""What goes over the Q&A websocket: questions as each audience may see them, frames
encoded once per audience, and the groups they are sent to (docs/architecture.md,
"Live Q&A")."""

import json
import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from sessions.qa.visibility import public_author, shown_to_public
from toolkit.resilient_cache import UNREACHABLE as LAYER_UNREACHABLE

logger = logging.getLogger("convening.qa")

PUBLIC = "public"
MODERATORS = "moderators"
AUDIENCES = (PUBLIC, MODERATORS)
LAYER_TYPE = "qa.question"  # handled by QuestionConsumer.qa_question
# Every moderators' socket of every session listens here for changes of anyone's rights.
ROLES_GROUP = "qa.roles"
ROLES_TYPE = "qa.roles"  # handled by QuestionConsumer.qa_roles


# What each frame a client sends may carry, and of which JSON type (null for any of them
# leaves it to the form, which says what is missing). Other keys are ignored.
FIELDS = {
    "resync": {"since": int},
    "ask": {"text": str, "anonymous": bool, "guiding_question": int},
    "vote": {"question": int},
    "unvote": {"question": int},
    "moderate": {"question": int, "action": str, "reason": str, "text": str},
    "withdraw": {"question": int},
    "correct": {"question": int, "text": str},
    # A poll's answer: `chosen` lists option ids, comma-separated, in the
    # participant's order.
    "answer": {"poll": int, "chosen": str, "rating": int, "words": str},
    # The speaking queue (sessions.floor): a participant's request and its withdrawal,
    # and a moderator's act on the queue (`place`: 1 is next).
    "speak": {
        "topic": str,
        "guiding_question": int,
        "reply": bool,
        "name_public": bool,
    },
    "unspeak": {"request": int},
    "floor": {"action": str, "request": int, "reason": str, "place": int},
}
# What a field of each type must be, as one whole sentence each (`key`: its name).
MUST_BE = {
    str: gettext_lazy("%(key)s must be text."),
    int: gettext_lazy("%(key)s must be a whole number."),
    bool: gettext_lazy("%(key)s must be true or false."),
}
# Ids beyond what a browser's numbers hold exactly are nobody's.
MAX_INT = 2**53


class BadFrame(Exception):
    """A frame refused before it means anything: `code` for clients."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


def read_frame(text):
    """A client's frame as a flat dict of str, int, bool and None, its "type" one of
    FIELDS and each known field of its type; BadFrame otherwise. Bounded before it is
    parsed (QA_MAX_FRAME_CHARS), so no frame costs more than a small one."""
    if len(text) > settings.QA_MAX_FRAME_CHARS:
        most = settings.QA_MAX_FRAME_CHARS
        raise BadFrame(
            "too-large",
            ngettext(
                "A frame has at most %(n)s character.",
                "A frame has at most %(n)s characters.",
                most,
            )
            % {"n": most},
        )
    try:
        frame = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise BadFrame("malformed", _("That frame is not JSON.")) from error
    if not isinstance(frame, dict) or not isinstance(frame.get("type"), str):
        raise BadFrame("malformed", _('A frame is a JSON object with a "type".'))
    for key, value in frame.items():
        if not _scalar(value) or not _unicode(key):
            raise BadFrame(
                "invalid",
                _("%(key)s must be text, a number or true/false.") % {"key": repr(key)},
            )
        if isinstance(value, str) and not _unicode(value):
            # A lone surrogate ("\ud800") is valid JSON but no text: the database
            # could not store it.
            raise BadFrame(
                "invalid", _("%(key)s is not valid text.") % {"key": repr(key)}
            )
    fields = FIELDS.get(frame["type"])
    if fields is None:
        raise BadFrame(
            "unknown-type",
            _("Unknown frame type %(type)s.") % {"type": repr(frame["type"])},
        )
    for key, kind in fields.items():
        value = frame.get(key)
        if value is not None and not _of_type(value, kind):
            raise BadFrame("invalid", MUST_BE[kind] % {"key": repr(key)})
    return frame


def _scalar(value):
    if isinstance(value, int) and not isinstance(value, bool):
        return -MAX_INT <= value <= MAX_INT
    return value is None or isinstance(value, str | bool)


def _of_type(value, kind):
    # JSON's true is no number, though Python's bool is an int.
    return isinstance(value, kind) and (kind is bool or not isinstance(value, bool))


def _unicode(text):
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def group(session_id, audience):
    return f"qa.{session_id}.{audience}"


def encode(frame):
    return json.dumps(frame, separators=(",", ":"), ensure_ascii=False)


def question(item, audience, board_row, *, mine=False):
    """The question as `audience` sees it on `board_row`. The public sees only what
    visibility.shown_to_public lets through (else only that the question exists) and
    never the name behind an anonymous question; its author sees their own question
    whole."""
    if audience == PUBLIC and not mine and not shown_to_public(item, board_row):
        return {"id": item.pk, "status": item.status}
    shown = {
        "id": item.pk,
        "status": item.status,
        "text": item.text,
        "author": item.author_name if audience == MODERATORS else public_author(item),
        "pinned": item.pinned,
        "votes": item.votes,
        "guiding_question": item.guiding_question_id,
        "created": item.created_at.isoformat(),
        "edited": bool(item.original_text),
    }
    if mine:
        shown["mine"] = True
    if audience == MODERATORS:
        shown.update(
            anonymous=item.anonymous,
            original_text=item.original_text,
            hidden_reason=item.hidden_reason,
        )
    return shown


def board(item):
    return {
        "status": item.status,
        "premoderation": item.premoderation,
        "untaken_published": item.untaken_published,
    }


def snapshot(board_row, questions, counts, audience, polls=(), floor=None):
    visible = [
        question(item, audience, board_row)
        for item in questions
        if audience == MODERATORS or shown_to_public(item, board_row)
    ]
    return encode(
        {
            "type": "snapshot",
            "seq": board_row.seq,
            "vote_seq": board_row.vote_seq,
            "board": board(board_row),
            "questions": visible,
            "counts": counts,
            "polls": list(polls),
            "floor": floor,
        }
    )


def changes(texts):
    """Frames already encoded, as one `changes` frame: joined, not decoded again."""
    return '{"type":"changes","frames":[' + ",".join(texts) + "]}"


def change_messages(board_row, counts, *, item=None, public_questions=None):
    """One layer message per audience for one change. A question's author, who may see
    more than the public, gets a second text in the public message: still encoded once,
    picked by the consumer that belongs to that author. `public_questions`: the board
    changed what the public sees, which gets a snapshot of them instead of the board."""
    seq = board_row.seq
    messages = {}
    for audience in AUDIENCES:
        if item is not None:
            frame = {
                "type": "question",
                "seq": seq,
                "vote_seq": board_row.vote_seq,
                "question": question(item, audience, board_row),
                "counts": counts,
            }
        else:
            frame = {
                "type": "board",
                "seq": seq,
                "board": board(board_row),
                "counts": counts,
            }
        text = encode(frame)
        if audience == PUBLIC and public_questions is not None:
            text = snapshot(board_row, public_questions, counts, PUBLIC)
        # The audience travels along: a socket moved to the public drops what was
        # already queued for it as a moderator.
        messages[audience] = {"type": LAYER_TYPE, "audience": audience, "text": text}
    if item is not None and item.author_id and not shown_to_public(item, board_row):
        own = {
            "type": "question",
            "seq": seq,
            "vote_seq": board_row.vote_seq,
            "question": question(item, PUBLIC, board_row, mine=True),
            "counts": counts,
        }
        messages[PUBLIC].update(author=item.author_id, own=encode(own))
    return messages


def same_for_all(text):
    """One layer message per audience, all carrying the same text."""
    return {
        audience: {"type": LAYER_TYPE, "audience": audience, "text": text}
        for audience in AUDIENCES
    }


async def abroadcast(session_id, messages):
    """Best effort, after the change committed: with the layer down the change stands
    (the database is the truth) and viewers catch up from their next snapshot."""
    layer = get_channel_layer()
    try:
        for audience, message in messages.items():
            await layer.group_send(group(session_id, audience), message)
    except LAYER_UNREACHABLE as error:
        logger.warning("Q&A change of session %s not broadcast: %s", session_id, error)


def broadcast(session_id, messages):
    """`abroadcast` from a thread (a change's after-commit step)."""
    async_to_sync(abroadcast)(session_id, messages)


def roles_changed():
    try:
        async_to_sync(get_channel_layer().group_send)(ROLES_GROUP, {"type": ROLES_TYPE})
    except LAYER_UNREACHABLE as error:  # moderators' sockets recheck on their timer
        logger.warning("Change of moderators' rights not broadcast: %s", error)
