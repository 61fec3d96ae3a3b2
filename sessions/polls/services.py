"""Every act on a session's polls: prepare, launch, answer, close (by hand or when its
time is up), reveal and moderate a word cloud's entries, plus the reads. Views,
consumers and commands call these; none repeats a rule. Refusals are QAError, as the
Q&A's: the same socket carries both.

Answers and closing meet on the poll's row: an answer holds it shared (answers run side
by side) and a close takes it exclusively, so a close waits for the answers under way
and every answer after it is refused. An answer acknowledged is therefore in the
results frozen at the close. A moderator's act locks the poll, then the session's
board (its seq orders the frames, sessions.polls.live); an answer never locks the
board."""

from datetime import timedelta

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from sessions.polls import answers as rules
from sessions.polls import live
from sessions.polls.models import Poll, PollAnswer, PollChoice, PollOption
from sessions.polls.results import results
from sessions.qa import services as qa
from sessions.qa.models import QABoard
from sessions.qa.services import QAError, can_moderate, is_registered

NOT_FOUND = gettext_lazy("That poll does not exist.")


# Reads ---------------------------------------------------------------------------


def polls_of(session):
    """The session's polls in their order, with their options."""
    return Poll.objects.filter(session=session).prefetch_related("options")


def public_results(poll):
    """The results anyone may see now: frozen once closed; None while hidden."""
    if not poll.results_public:
        return None
    if poll.status == Poll.Status.CLOSED and poll.final_results is not None:
        return poll.final_results
    return results(poll)


def answer_of(user, poll):
    """The participant's own answer, shown back to them; None before they answer."""
    if not user.is_authenticated:
        return None
    return (
        PollAnswer.objects.filter(poll=poll, user=user)
        .prefetch_related("choices")
        .first()
    )


# Moderators' acts ------------------------------------------------------------------


def _moderator(user, session):
    if not can_moderate(user, session):
        raise QAError(
            "forbidden", _("Only this session's moderators can run its polls.")
        )


def _poll(session, poll_id, *, lock=False):
    rows = Poll.objects.filter(session=session, pk=poll_id)
    if lock:
        rows = rows.select_for_update()
    poll = rows.first()
    if poll is None:
        raise QAError("not-found", str(NOT_FOUND))
    return poll


def prepare(user, session, *, question, kind, options=(), **settings):
    """A poll ready to launch, after the session's others. `settings`: the poll's
    switches (max_choices, scale, named, results_live, words_premoderated, duration)."""
    _moderator(user, session)
    question = " ".join(str(question or "").split())
    if not question:
        raise QAError("invalid", _("Type the poll's question."))
    if len(question) > Poll.MAX_QUESTION:
        raise QAError(
            "invalid",
            ngettext(
                "A question has at most %(n)s character.",
                "A question has at most %(n)s characters.",
                Poll.MAX_QUESTION,
            )
            % {"n": Poll.MAX_QUESTION},
        )
    if kind not in Poll.Kind.values:
        raise QAError("invalid", _("Choose a kind of poll."))
    texts = [" ".join(str(text).split()) for text in options]
    texts = [text for text in texts if text]
    if kind in Poll.WITH_OPTIONS:
        if len(texts) < 2:
            raise QAError("invalid", _("Give at least two options."))
        if len(texts) > Poll.MAX_OPTIONS:
            raise QAError(
                "invalid",
                ngettext(
                    "Give at most %(n)s option.",
                    "Give at most %(n)s options.",
                    Poll.MAX_OPTIONS,
                )
                % {"n": Poll.MAX_OPTIONS},
            )
        if any(len(text) > PollOption.MAX_TEXT for text in texts):
            raise QAError(
                "invalid",
                ngettext(
                    "An option has at most %(n)s character.",
                    "An option has at most %(n)s characters.",
                    PollOption.MAX_TEXT,
                )
                % {"n": PollOption.MAX_TEXT},
            )
    else:
        texts = []
    most = settings.get("max_choices")
    if kind == Poll.Kind.MULTIPLE and most is not None and not 1 <= most <= len(texts):
        raise QAError(
            "invalid",
            _("The most options to choose is 1 to %(n)s.") % {"n": len(texts)},
        )
    with transaction.atomic():
        # The board's seq orders the poll's changes on the live socket.
        QABoard.objects.get_or_create(session=session)
        last = Poll.objects.filter(session=session).order_by("-position").first()
        poll = Poll.objects.create(
            session=session,
            question=question,
            kind=kind,
            position=last.position + 1 if last else 0,
            **settings,
        )
        PollOption.objects.bulk_create(
            PollOption(poll=poll, text=text, position=n) for n, text in enumerate(texts)
        )
    return poll


def launch(user, session, poll_id):
    """Live from now; the poll live before it, if any, closes. The session's polls are
    locked together, so two launches at once end with the later one live."""
    _moderator(user, session)
    now = timezone.now()
    with transaction.atomic():
        polls = list(Poll.objects.filter(session=session).select_for_update())
        poll = next((poll for poll in polls if poll.pk == poll_id), None)
        if poll is None:
            raise QAError("not-found", str(NOT_FOUND))
        if poll.status != Poll.Status.PREPARED:
            raise QAError("invalid", _("Only a poll not yet launched can be launched."))
        for earlier in polls:
            if earlier.status == Poll.Status.LIVE:
                _close(earlier, now)
        poll.status = Poll.Status.LIVE
        poll.launched_at = now
        poll.closes_at = (
            now + timedelta(seconds=poll.duration) if poll.duration else None
        )
        poll.save(update_fields=["status", "launched_at", "closes_at"])
        _announce(poll)
    return poll


def close(user, session, poll_id):
    _moderator(user, session)
    with transaction.atomic():
        poll = _poll(session, poll_id, lock=True)  # waits for the answers under way
        if poll.status != Poll.Status.LIVE:
            raise QAError("invalid", _("Only a live poll can be closed."))
        _close(poll, timezone.now())
    return poll


def _close(poll, now):
    """Closed, at its set time if that came first, with its results frozen."""
    poll.status = Poll.Status.CLOSED
    poll.closed_at = min(now, poll.closes_at) if poll.closes_at else now
    poll.final_results = results(poll)
    poll.save(update_fields=["status", "closed_at", "final_results"])
    _announce(poll)


def _announce(poll):
    """The poll's change takes the session's next seq; its frames go after commit."""
    board_row = qa._lock_board(poll.session_id)
    messages = live.change_messages(board_row, poll)
    session_id, seq = poll.session_id, board_row.seq
    transaction.on_commit(lambda: qa._publish(session_id, seq, messages))


def close_due(now=None):
    """Polls whose time is up, closed (the scheduler calls this every run); how many.
    Until then an answer after `closes_at` is refused already."""
    now = now or timezone.now()
    closed = 0
    due = Poll.objects.filter(status=Poll.Status.LIVE, closes_at__lte=now)
    for poll_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            poll = Poll.objects.select_for_update().filter(pk=poll_id).first()
            if poll and poll.status == Poll.Status.LIVE:
                _close(poll, now)
                closed += 1
    return closed


def reveal(user, session, poll_id, revealed=True):
    """Results shown to everyone (or hidden again)."""
    _moderator(user, session)
    with transaction.atomic():
        poll = _poll(session, poll_id, lock=True)
        poll.revealed = revealed
        poll.save(update_fields=["revealed"])
        _announce(poll)
    return poll


def moderate_words(user, session, answer_id, action):
    """A word cloud's entry approved or hidden."""
    _moderator(user, session)
    statuses = {"approve": PollAnswer.Status.APPROVED, "hide": PollAnswer.Status.HIDDEN}
    if action not in statuses:
        raise QAError("invalid", _("Approve or hide the entry."))
    with transaction.atomic():
        entry = (
            PollAnswer.objects.select_for_update()
            .filter(pk=answer_id, poll__session=session, poll__kind=Poll.Kind.WORDS)
            .first()
        )
        if entry is None:
            raise QAError("not-found", _("That answer does not exist."))
        entry.status = statuses[action]
        entry.save(update_fields=["status", "changed_at"])
        poll = entry.poll
        transaction.on_commit(lambda: live.answered(poll))  # the cloud changed
    return entry


# Participants' acts ----------------------------------------------------------------


def answer(user, session, poll_id, *, chosen=(), rating=None, words=""):
    """The participant's answer, new or changed (one each, changeable until the poll
    closes)."""
    if not user.is_authenticated:
        raise QAError("sign-in", _("Sign in to answer the poll."))
    if not is_registered(user, session):
        raise QAError(
            "not-registered",
            _(
                "Only participants with a confirmed registration for this event can "
                "answer."
            ),
        )
    qa._limit(user, "poll")
    with transaction.atomic():
        poll = _hold_open(session, poll_id)
        reply = rules.read(
            poll, option_ids_of(poll), chosen=chosen, rating=rating, words=words
        )
        status = (
            PollAnswer.Status.PENDING
            if poll.kind == Poll.Kind.WORDS and poll.words_premoderated
            else PollAnswer.Status.APPROVED
        )
        fields = {"rating": reply.rating, "words": reply.words, "status": status}
        entry = _own_answer(poll, user, fields)
        if entry.fresh:
            _add_choices(entry, reply.choices)
        else:
            PollChoice.objects.filter(answer=entry).delete()
            _add_choices(entry, reply.choices)
            for name, value in fields.items():
                setattr(entry, name, value)
            entry.save()
        transaction.on_commit(lambda: live.answered(poll))
    entry.changed = not entry.fresh  # an earlier answer changed
    return entry


# A poll's options never change once prepared (nothing edits them): each process keeps
# their ids, so an answer does not read them again. Keyed by the poll's id and when it
# was made, as an id a rolled-back test database gives again names another poll.
_OPTION_IDS = {}


def option_ids_of(poll):
    if poll.kind not in Poll.WITH_OPTIONS:
        return []
    key = (poll.pk, poll.created_at)
    ids = _OPTION_IDS.get(key)
    if ids is None:
        ids = list(PollOption.objects.filter(poll=poll).values_list("pk", flat=True))
        if len(_OPTION_IDS) > 1000:  # a long-lived process forgets the oldest
            _OPTION_IDS.pop(next(iter(_OPTION_IDS)))
        _OPTION_IDS[key] = ids
    return ids


def _hold_open(session, poll_id):
    """The poll, open for answers and held so until the transaction ends: shared on
    PostgreSQL (answers side by side, a close waits for them); on SQLite, one writer at
    a time, by taking the write lock before reading."""
    if connection.vendor == "postgresql":
        table = Poll._meta.db_table
        query = f"SELECT * FROM {table} WHERE id = %s AND session_id = %s FOR SHARE"
        poll = next(iter(Poll.objects.raw(query, [poll_id, session.pk])), None)
    else:
        Poll.objects.filter(pk=poll_id).update(status=F("status"))
        poll = Poll.objects.filter(pk=poll_id, session=session).first()
    if poll is None:
        raise QAError("not-found", str(NOT_FOUND))
    if not is_open(poll):
        raise QAError("closed", _("This poll is closed."))
    return poll


def is_open(poll, now=None):
    return poll.status == Poll.Status.LIVE and (
        poll.closes_at is None or (now or timezone.now()) < poll.closes_at
    )


def _own_answer(poll, user, fields):
    """The participant's answer row, locked: their tabs answering at once change it one
    after the other. A first answer is inserted at once with its `fields` (`fresh`);
    when there is one already (or another tab's insert comes first, which this one
    waits for), that one is read, locked, to be changed."""
    try:
        with transaction.atomic():
            entry = PollAnswer.objects.create(poll=poll, user=user, **fields)
    except IntegrityError:
        entry = PollAnswer.objects.select_for_update().get(poll=poll, user=user)
        entry.fresh = False
    else:
        entry.fresh = True
    return entry


def _add_choices(entry, choices):
    PollChoice.objects.bulk_create(
        PollChoice(answer=entry, option_id=option, rank=rank)
        for option, rank in choices
    )
