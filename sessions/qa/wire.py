"""What goes over the Q&A websocket: questions as each audience may see them, frames
encoded once per audience, and the groups they are sent to (DESIGN.md, "Live Q&A
protocol")."""

import json

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from sessions.qa.visibility import public_author, shown_to_public

PUBLIC = "public"
MODERATORS = "moderators"
AUDIENCES = (PUBLIC, MODERATORS)
LAYER_TYPE = "qa.question"  # handled by QuestionConsumer.qa_question
# Every moderators' socket of every session listens here for changes of anyone's rights.
ROLES_GROUP = "qa.roles"
ROLES_TYPE = "qa.roles"  # handled by QuestionConsumer.qa_roles


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


def snapshot(board_row, questions, counts, audience):
    visible = [
        question(item, audience, board_row)
        for item in questions
        if audience == MODERATORS or shown_to_public(item, board_row)
    ]
    return encode(
        {
            "type": "snapshot",
            "seq": board_row.seq,
            "board": board(board_row),
            "questions": visible,
            "counts": counts,
        }
    )


def change_messages(board_row, counts, *, item=None):
    """One layer message per audience for one change. A question's author, who may see
    more than the public, gets a second text in the public message: still encoded once,
    picked by the consumer that belongs to that author."""
    seq = board_row.seq
    messages = {}
    for audience in AUDIENCES:
        if item is not None:
            frame = {
                "type": "question",
                "seq": seq,
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
        # The audience travels along: a socket moved to the public drops what was
        # already queued for it as a moderator.
        messages[audience] = {
            "type": LAYER_TYPE,
            "audience": audience,
            "text": encode(frame),
        }
    if item is not None and item.author_id and not shown_to_public(item, board_row):
        own = {
            "type": "question",
            "seq": seq,
            "question": question(item, PUBLIC, board_row, mine=True),
            "counts": counts,
        }
        messages[PUBLIC].update(author=item.author_id, own=encode(own))
    return messages


def broadcast(session_id, messages):
    layer = get_channel_layer()
    send = async_to_sync(layer.group_send)
    for audience, message in messages.items():
        send(group(session_id, audience), message)


def roles_changed():
    async_to_sync(get_channel_layer().group_send)(ROLES_GROUP, {"type": ROLES_TYPE})
