"""Vote counts, coalesced: a storm of votes is one "votes" frame per WINDOW per
session and process, not one frame per vote to every viewer.

The first vote after a quiet spell is sent at once (a lone vote shows without delay);
votes during the next WINDOW seconds are gathered and sent together when it ends,
which opens another window. A frame carries the counts as the database holds them
when it is built (with the board's `vote_seq`, read under the board's lock), so the
last frame of a storm is exact, whichever process sent it; clients keep, per question,
the count with the highest `vote_seq` (docs/architecture.md, "Live Q&A").

Windows live on the event loop that runs the server's sockets. A vote made where no
loop keeps running (a management command, a test's client) is sent at once, alone."""

import asyncio
import contextvars

from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async

from sessions.qa import services, wire

WINDOW = 0.25  # seconds
_gathered = {}  # (loop, session id) -> question ids voted on since the last frame


def counted(session_id, question_id):
    """After a vote on `question_id` committed (from the vote's thread)."""
    async_to_sync(_counted)(session_id, question_id)


async def _counted(session_id, question_id):
    loop = asyncio.get_running_loop()
    for gone in [key for key in _gathered if key[0].is_closed()]:
        del _gathered[gone]  # a loop made for one call: its window never ended
    key = (loop, session_id)
    if key in _gathered:  # a window is open: sent when it ends
        _gathered[key].add(question_id)
        return
    _gathered[key] = set()
    _later(loop, key)
    await _send(session_id, {question_id})


def _later(loop, key):
    # In a context of its own: this one belongs to the vote's thread (asgiref's
    # executor for it), which has moved on by the time the window ends.
    loop.call_later(WINDOW, _window_ends, key, context=contextvars.Context())


def _window_ends(key):
    loop, session_id = key
    ids = _gathered.pop(key)
    if ids:
        _gathered[key] = set()
        _later(loop, key)
        loop.create_task(_send(session_id, ids))


async def _send(session_id, question_ids):
    text = await database_sync_to_async(services.votes_frame)(session_id, question_ids)
    if text is not None:
        await wire.abroadcast(session_id, wire.same_for_all(text))
