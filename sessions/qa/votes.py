"""Vote counts, coalesced (sessions.qa.windows): a storm of votes is one "votes"
frame per WINDOW per session and process, not one frame per vote to every viewer. A
frame carries the counts as the database holds them when it is built (with the board's
`vote_seq`, read under the board's lock), so the last frame of a storm is exact,
whichever process sent it; clients keep, per question, the count with the highest
`vote_seq` (docs/architecture.md, "Live Q&A")."""

from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async

from sessions.qa import services, wire
from sessions.qa.windows import Windows

WINDOW = 0.25  # seconds


def counted(session_id, question_id):
    """After a vote on `question_id` committed (from the vote's thread)."""
    async_to_sync(windows.notice)(session_id, question_id)


async def _send(session_id, question_ids):
    text = await database_sync_to_async(services.votes_frame)(session_id, question_ids)
    if text is not None:
        await wire.abroadcast(session_id, wire.same_for_all(text))


windows = Windows(WINDOW, _send)
