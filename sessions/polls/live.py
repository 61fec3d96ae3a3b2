"""Polls on the live socket (the Q&A's, one per session): what each audience sees of a
poll, the frames of its changes, and its results, coalesced.

A launch, a close or a reveal is a change of the session's live state:
it takes the board's next seq (sessions.qa.services) and sends a "poll" frame per
audience, the poll whole; snapshots carry the live poll and the closed ones shown.
Answers take no seq (they would serialise on the board's row): after each commits, the
results (and after a word cloud's entry is approved or hidden) are sent as a
"poll_results" frame, coalesced as the Q&A's vote counts are (sessions.qa.windows: one
frame per WINDOW per poll and process) and ordered by an answers counter in the
shared cache, which clients compare, keeping the highest."""

from channels.db import database_sync_to_async
from django.core.cache import cache

from sessions.polls.models import Poll
from sessions.polls.results import results
from sessions.qa import wire
from sessions.qa.windows import Windows, soon

WINDOW = 0.25  # seconds
RESULTS_KEPT = 1  # seconds a results frame is shared by the sockets that connect


def shown_results(poll, audience):
    """Moderators see results always; the public once they are public."""
    if poll.status == Poll.Status.PREPARED:
        return None
    if audience != wire.MODERATORS and not poll.results_public:
        return None
    if poll.status == Poll.Status.CLOSED and poll.final_results is not None:
        return poll.final_results
    return results(poll)


def view(poll, audience):
    """The poll as `audience` sees it (a prepared one only moderators see)."""
    return {
        "id": poll.pk,
        "question": poll.question,
        "kind": poll.kind,
        "status": poll.status,
        "options": [{"id": o.pk, "text": o.text} for o in poll.options.all()],
        "max_choices": poll.max_choices,
        "scale": poll.scale,
        "named": poll.named,
        "words_premoderated": poll.words_premoderated,
        "closes_at": poll.closes_at.isoformat() if poll.closes_at else None,
        "revealed": poll.revealed,
        "results_live": poll.results_live,
        "results": shown_results(poll, audience),
    }


def shown_polls(session_id, audience):
    """What a snapshot carries: every poll for moderators; the live one and the closed
    ones with results shown for the public."""
    polls = Poll.objects.filter(session_id=session_id).prefetch_related("options")
    if audience != wire.MODERATORS:
        polls = [
            p
            for p in polls
            if p.status == Poll.Status.LIVE
            or (p.status == Poll.Status.CLOSED and p.results_public)
        ]
    return [view(poll, audience) for poll in polls]


def change_messages(board_row, poll):
    """One layer message per audience: the poll at `board_row.seq`."""
    return {
        audience: {
            "type": wire.LAYER_TYPE,
            "audience": audience,
            "text": wire.encode(
                {"type": "poll", "seq": board_row.seq, "poll": view(poll, audience)}
            ),
        }
        for audience in wire.AUDIENCES
    }


# Results as answers come in ---------------------------------------------------------


def _answers_key(poll_id):
    return f"poll:answers:{poll_id}"


def answered(poll):
    """After an answer to `poll` committed (from the answer's thread, which does not
    wait for the frame)."""
    try:
        cache.add(_answers_key(poll.pk), 0, None)
        cache.incr(_answers_key(poll.pk))
    except ValueError:  # gone between the two (evicted): counted afresh
        cache.add(_answers_key(poll.pk), 1, None)
    soon(windows.notice, (poll.session_id, poll.pk), poll.pk)


async def _send(key, _):
    """The poll's results as they are now: one frame for however many answers."""
    session_id, poll_id = key
    messages = await database_sync_to_async(results_messages)(poll_id)
    if messages:
        await wire.abroadcast(session_id, messages)


def results_messages(poll_id):
    """A "poll_results" frame per audience that may see them; the counter is read
    before the results, so a frame holds every answer its counter counts."""
    version = cache.get(_answers_key(poll_id)) or 0
    poll = Poll.objects.filter(pk=poll_id).first()
    if poll is None:
        return {}
    messages = {}
    for audience in wire.AUDIENCES:
        figures = shown_results(poll, audience)
        if figures is not None:
            frame = {
                "type": "poll_results",
                "poll": poll.pk,
                "answers_seq": version,
                "results": figures,
            }
            messages[audience] = {
                "type": wire.LAYER_TYPE,
                "audience": audience,
                "text": wire.encode(frame),
            }
    return messages


def results_keys(session_id, audience, version):
    """Where live_results keeps "none to show" (until `version` moves) and the frame."""
    return (
        f"poll:no-results:{session_id}:{audience}:{version}",
        f"poll:live-results:{session_id}:{audience}",
    )


def live_results(session_id, audience, version, found=None):
    """The live poll's results frame for a socket that connects, shared through the
    cache for RESULTS_KEPT seconds; None when there is none to show, which holds until
    the board's `version` moves (a launch, close or reveal moves it), so a crowd
    connecting to a session without one reads no row. `found`: the cache's values of
    results_keys, read already with others."""
    none_key, key = results_keys(session_id, audience, version)
    if found is None:
        found = cache.get_many([none_key, key])
    if found.get(none_key):
        return None
    text = found.get(key)
    if text is None:
        poll = Poll.objects.filter(
            session_id=session_id, status=Poll.Status.LIVE
        ).first()
        messages = results_messages(poll.pk) if poll else {}
        if audience not in messages:
            cache.set(none_key, True, 300)
            return None
        text = messages[audience]["text"]
        cache.set(key, text, RESULTS_KEPT)
    return text


windows = Windows(WINDOW, _send)
