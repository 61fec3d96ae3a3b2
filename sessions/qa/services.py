"""Every act of the live Q&A: ask, vote, unvote, moderate, configure and
publish_untaken, plus the reads a viewer starts from. Consumers, views and commands call
these; none repeats a rule.

Each change opens with `_lock_board`, an UPDATE of its board's counter: that locks the
board row, so one session's changes commit one after another in seq order and, since the
board is always locked before any question, never deadlock. What the change depends on
(open or not, pre-moderated or not) is read from the row it returns, as locked: a switch
committed while the change waited for the lock counts. The frames are built inside the
transaction from the state at that seq and sent after commit: a rolled-back change is
never announced.
"""

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from events.services import can_manage
from events.tree import event_of, parent_path
from participants.models import Registration
from sessions.floor import live as floor_live
from sessions.floor.queries import own_requests
from sessions.models import GuidingQuestion, SessionPage, SessionRole
from sessions.polls import live as poll_live
from sessions.qa import visibility, wire
from sessions.qa.models import QABoard, Question, Vote
from toolkit import page_cache
from toolkit.rates import over_limit

MODERATING_ROLES = [SessionRole.Role.MODERATOR, SessionRole.Role.ONLINE_MODERATOR]
ACTIONS = ["approve", "hide", "answer", "pin", "unpin", "edit"]
ROLES_KEY = "qa:roles"


class QAError(Exception):
    """A refusal: `code` for clients, the message for the person who tried."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


# Reads ---------------------------------------------------------------------------


def board_of(session):
    """The session's board; an unsaved one with Q&A off when none was set up."""
    return QABoard.objects.filter(session=session).first() or QABoard(session=session)


def is_watchable(session):
    """Anyone may watch a live session that no view restriction hides."""
    return session.live and not session.get_view_restrictions().exists()


def watchable_id(session_id):
    """is_watchable by id, kept in the cache under the page cache's generation, which
    moves with every publish, unpublish, move and view restriction: a visitor's
    connect reads no row."""
    key = f"qa:watchable:{session_id}:{page_cache.generation()}"
    found = cache.get(key)
    if found is None:
        session = SessionPage.objects.filter(pk=session_id).first()
        found = session is not None and is_watchable(session)
        cache.set(key, found, 300)
    return found


def can_moderate(user, session):
    if not (user.is_authenticated and user.is_active):
        return False
    moderator = SessionRole.objects.filter(
        session=session, person__user=user, role__in=MODERATING_ROLES
    ).exists()
    return moderator or can_manage(user, event_of(session))


def roles_token():
    """Changes whenever anyone's right to moderate may have changed: a socket that read
    it before checking its role and finds it changed afterwards checks again."""
    return cache.get(ROLES_KEY, 0)


def roles_changed():
    """Someone may have gained or lost moderation (sessions/qa/signals.py): after
    commit, the token moves and every moderators' socket checks its role again. Once
    per transaction, however many rows it changed (publishing a page saves all its
    roles; seed_demo publishes hundreds)."""
    connection = transaction.get_connection()
    pending = (func for _, func, _ in connection.run_on_commit)
    if not (connection.in_atomic_block and _announce_roles in pending):
        transaction.on_commit(_announce_roles)


def _announce_roles():
    cache.add(ROLES_KEY, 0, None)
    cache.incr(ROLES_KEY)
    wire.roles_changed()


def is_registered(user, session):
    """A confirmed registration (onsite or online) for the session's event."""
    return (
        user.is_authenticated
        and Registration.objects.filter(
            user=user,
            status=Registration.Status.CONFIRMED,
            event__path=parent_path(session),
        ).exists()
    )


def counts(session_id):
    """What everyone may see of moderation: received, shown and answered."""
    return Question.objects.filter(
        session_id=session_id, status__in=Question.ALL
    ).aggregate(
        received=Count("pk"),
        shown=Count("pk", filter=Q(status__in=Question.PUBLIC)),
        answered=Count("pk", filter=Q(status=Question.Status.ANSWERED)),
    )


def ordered(session_id, statuses):
    """Pinned first, then most votes, then the oldest (the board's index order)."""
    return Question.objects.filter(session_id=session_id, status__in=statuses).order_by(
        "-pinned", "-votes", "created_at", "pk"
    )


def untaken(session):
    """Approved questions the session did not answer, once the organiser has published
    them (empty before)."""
    if not board_of(session).untaken_published:
        return Question.objects.none()
    return ordered(session.pk, [Question.Status.APPROVED])


def snapshot(session_id, audience, *, version=None, found=None):
    """The encoded snapshot: built once per seq and audience, then shared through the
    cache by every viewer who connects or resyncs before the next change. Read in the
    order seq, then questions: a snapshot may hold a change newer than its seq but never
    misses an older one, and a change applied twice is harmless (a frame carries the
    question whole). `version` and `found` (cache values) when read already."""
    if version is None:
        version = _current_version(session_id)
    key = _snapshot_key(session_id, audience, version)
    text = found.get(key) if found is not None else cache.get(key)
    if text is None:
        board_row = QABoard.objects.filter(session_id=session_id).first()
        if board_row is None:
            board_row = QABoard(session_id=session_id)
        statuses = Question.ALL
        if audience == wire.PUBLIC:
            statuses = visibility.public_statuses(board_row)
        questions = list(ordered(session_id, statuses))
        polls = poll_live.shown_polls(session_id, audience)
        floor = floor_live.shown_floor(session_id, audience)
        text = wire.snapshot(
            board_row, questions, counts(session_id), audience, polls, floor
        )
        cache.set(key, text, 300)
    return text


def _snapshot_key(session_id, audience, version):
    return f"qa:snapshot:{session_id}:{audience}:{version}"


def greeting(session_id, audience):
    """The snapshot, then the live poll's results frame if there is one to show (they
    take no seq; sessions.polls.live): both read from the cache in one trip."""
    version = _current_version(session_id)
    snapshot_key = _snapshot_key(session_id, audience, version)
    result_keys = poll_live.results_keys(session_id, audience, version)
    found = cache.get_many([snapshot_key, *result_keys])
    texts = [snapshot(session_id, audience, version=version, found=found)]
    results = poll_live.live_results(session_id, audience, version, found=found)
    return texts + ([results] if results else [])


def live_poll_results(session_id, audience):
    """The live poll's results frame for a socket that resyncs, or None."""
    return poll_live.live_results(session_id, audience, _current_version(session_id))


def mine(user, session_id):
    """What only this participant sees: their votes, their own questions that the
    public does not (awaiting moderation or hidden) and their requests to speak."""
    board_row = QABoard.objects.filter(session_id=session_id).first()
    board_row = board_row or QABoard(session_id=session_id)
    own = [
        item
        for item in Question.objects.filter(session_id=session_id, author=user)
        if not visibility.shown_to_public(item, board_row)
    ]
    voted = Vote.objects.filter(question__session_id=session_id, user=user)
    return wire.encode(
        {
            "type": "mine",
            "voted": list(voted.values_list("question_id", flat=True)),
            "questions": [
                wire.question(item, wire.PUBLIC, board_row, mine=True) for item in own
            ],
            "floor": own_requests(user, session_id),
        }
    )


# Changes -------------------------------------------------------------------------


def _limit(user, act):
    """Per-user limits in the shared cache, so they hold across processes."""
    if over_limit(user, f"qa.{act}", settings.QA_RATE_LIMITS[act]):
        raise QAError(
            "rate-limited", _("You are going too fast. Please wait a minute.")
        )


def _lock_board(session_id, counter="seq"):
    """The board row with its `counter` bumped (`vote_seq` for a vote, `seq` for any
    other change), locked until the transaction ends. The UPDATE takes the lock (on
    SQLite too, where the write lock is the database's); the read after it sees the row
    as the lock holder does."""
    updated = QABoard.objects.filter(session_id=session_id).update(
        **{counter: F(counter) + 1}
    )
    if not updated:
        raise QAError("closed", _("Q&A is not open for this session."))
    board_row = QABoard.objects.select_for_update().get(session_id=session_id)
    _version_moves(session_id, board_row.seq + board_row.vote_seq)
    return board_row


def _version(session_id):
    """How many changes the board has had, votes included: what a snapshot is of."""
    return (
        QABoard.objects.filter(session_id=session_id)
        .values_list(F("seq") + F("vote_seq"), flat=True)
        .first()
    )


# The committed version (seq + vote_seq) in the shared cache (QA_SEQ_IN_CACHE: Redis),
# so that connects and resyncs read no row. It is never ahead of the database and never
# left behind: a change adds it, at the version before its own, while it holds the
# board's lock (nobody else changes the board then), and adds one after it commits; a
# connect that finds it missing reads the row and adds it. An `add` never overwrites,
# so a value read before a change cannot replace one counted after it.


def _version_key(session_id):
    return f"qa:version:{session_id}"


def _version_moves(session_id, version):
    if settings.QA_SEQ_IN_CACHE:
        cache.add(_version_key(session_id), version - 1, None)
        transaction.on_commit(lambda: _version_moved(session_id))


def _version_moved(session_id):
    try:
        cache.incr(_version_key(session_id))
    except ValueError:  # gone meanwhile (evicted, emptied): the row is read again
        pass


def _current_version(session_id):
    if not settings.QA_SEQ_IN_CACHE:
        return _version(session_id)
    version = cache.get(_version_key(session_id))
    if version is None:
        version = _version(session_id)
        if version is not None:
            cache.add(_version_key(session_id), version, None)
    return version


def votes_frame(session_id, question_ids):
    """The counts of `question_ids` that the public may see, with the board's
    vote_seq, read under the board's lock (no vote commits in between); None when
    none of them is to be shown."""
    with transaction.atomic():
        board_row = QABoard.objects.select_for_update().filter(session_id=session_id)
        board_row = board_row.first()
        if board_row is None:
            return None
        counted = Question.objects.filter(
            session_id=session_id,
            pk__in=question_ids,
            status__in=visibility.public_statuses(board_row),
        ).values_list("pk", "votes")
        votes = {str(pk): n for pk, n in counted}
    if not votes:
        return None
    return wire.encode(
        {"type": "votes", "vote_seq": board_row.vote_seq, "votes": votes}
    )


def _announce(board_row, *, item=None, public_before=None):
    """The change at `board_row.seq`: of `item`, or of the board's switches. A switch
    that changes which questions the public sees (`public_before`, the board's
    `untaken_public` before it) sends the public its whole list again, so that no
    client decides visibility for itself."""
    session_id = board_row.session_id
    public_questions = None
    if public_before is not None and public_before != board_row.untaken_public:
        statuses = visibility.public_statuses(board_row)
        public_questions = list(ordered(session_id, statuses))
    messages = wire.change_messages(
        board_row, counts(session_id), item=item, public_questions=public_questions
    )
    seq = board_row.seq
    transaction.on_commit(lambda: _publish(session_id, seq, messages))


def _publish(session_id, seq, messages):
    """Kept for resyncs first, then sent: a viewer who sees the change and misses an
    earlier one finds that one kept."""
    cache.set_many(
        {
            _change_key(session_id, audience, seq): message["text"]
            for audience, message in messages.items()
        },
        REPLAY_KEEP,
    )
    wire.broadcast(session_id, messages)


# Resyncs. A client that misses a frame (seq gap) asks with `since`, its last seq; the
# frames of the changes after it, as they were sent, are kept in the cache for
# REPLAY_KEEP seconds, so the answer reads no row and costs what the missing changes
# weigh, not the whole board.

REPLAY_KEEP = 60  # seconds; a client asks within QA's gap wait (qa.js GAP_WAIT)
REPLAY_MAX = 50  # changes in one replay; further behind, a snapshot weighs less


def _change_key(session_id, audience, seq):
    return f"qa:change:{session_id}:{audience}:{seq}"


def changes_since(session_id, audience, since):
    """The frames of the changes after seq `since`, in order, as one `changes` frame;
    None when the first of them is not kept (expired, emptied, never sent) or there are
    REPLAY_MAX of them: a snapshot answers then. It may end before the newest change,
    which reaches the client by broadcast (sent after it is kept)."""
    if since is None or since < 0:
        return None
    seqs = range(since + 1, since + 1 + REPLAY_MAX)
    keys = [_change_key(session_id, audience, seq) for seq in seqs]
    kept = cache.get_many(keys)
    texts = []
    for key in keys:
        if key not in kept:
            break
        texts.append(kept[key])
    if not texts or len(texts) == REPLAY_MAX:
        return None
    return wire.changes(texts)


def _participant(user, session, *, asking=False):
    if not user.is_authenticated:
        raise QAError("sign-in", _("Sign in to take part in the Q&A."))
    _check_open(board_of(session), asking=asking)
    if not is_registered(user, session):
        raise QAError(
            "not-registered",
            _(
                "Only participants with a confirmed registration for this event can "
                "ask and vote."
            ),
        )


def _check_open(board_row, *, asking=False):
    """Checked before the work starts, to refuse early, and again on the locked row."""
    if board_row.status in (QABoard.Status.OFF, QABoard.Status.CLOSED):
        raise QAError("closed", _("Q&A for this session is closed."))
    if asking and board_row.status == QABoard.Status.PAUSED:
        raise QAError("closed", _("Questions are paused for the moment."))


def check_guiding_question(session, guiding_question):
    """A question asked, or a request to speak, about a guiding question of the issue
    note: one of this session's, or none."""
    if (
        guiding_question is not None
        and not GuidingQuestion.objects.filter(
            session=session, pk=guiding_question
        ).exists()
    ):
        raise QAError("invalid", _("Choose one of this session's guiding questions."))


def _at_most(n):
    return ngettext(
        "A question has at most %(n)s character.",
        "A question has at most %(n)s characters.",
        n,
    ) % {"n": n}


def _one_to(n):
    return ngettext(
        "A question has 1 to %(n)s character.",
        "A question has 1 to %(n)s characters.",
        n,
    ) % {"n": n}


def _question(session, question_id, *, lock=False):
    rows = Question.objects.filter(session=session, pk=question_id)
    if lock:
        rows = rows.select_for_update()
    item = rows.first()
    if item is None:
        raise QAError("not-found", _("That question does not exist."))
    return item


def ask(user, session, text, *, anonymous=False, guiding_question=None):
    _participant(user, session, asking=True)
    text = (text or "").strip()
    if not text:
        raise QAError("invalid", _("Type a question first."))
    if len(text) > Question.MAX_LENGTH:
        raise QAError("invalid", _at_most(Question.MAX_LENGTH))
    check_guiding_question(session, guiding_question)
    _limit(user, "ask")
    profile = getattr(user, "profile", None)
    with transaction.atomic():
        board_row = _lock_board(session.pk)
        _check_open(board_row, asking=True)
        item = Question.objects.create(
            session=session,
            author=user,
            author_name=profile.full_name if profile else "Participant",
            anonymous=anonymous,
            guiding_question_id=guiding_question,
            text=text,
            status=Question.Status.PENDING
            if board_row.premoderation
            else Question.Status.APPROVED,
        )
        _announce(board_row, item=item)
    return item


def vote(user, session, question_id):
    _participant(user, session)
    _limit(user, "vote")
    with transaction.atomic():
        board_row = _lock_board(session.pk, "vote_seq")
        _check_open(board_row)
        item = _question(session, question_id)
        if item.status != Question.Status.APPROVED:
            raise QAError("closed", _("This question is not open for votes."))
        if item.author_id == user.pk:
            raise QAError("own-question", _("You cannot upvote your own question."))
        try:
            with transaction.atomic():
                Vote.objects.create(question=item, user=user)
        except IntegrityError as duplicate:
            raise QAError(
                "already-voted", _("You have already voted for this question.")
            ) from duplicate
        _count(item, +1)
        _votes_counted(board_row, item)
    return item


def unvote(user, session, question_id):
    _participant(user, session)
    _limit(user, "vote")
    with transaction.atomic():
        board_row = _lock_board(session.pk, "vote_seq")
        _check_open(board_row)
        item = _question(session, question_id)
        deleted, _rows = Vote.objects.filter(question=item, user=user).delete()
        if not deleted:
            raise QAError("not-voted", _("You have not voted for this question."))
        _count(item, -1)
        _votes_counted(board_row, item)
    return item


def _votes_counted(board_row, item):
    """A vote is no change of its own to broadcast: its count goes out with others in
    one "votes" frame (sessions/qa/votes.py) after it commits. The voter hears it at
    once, ordered by `item.vote_seq`."""
    from sessions.qa import votes  # it sends what services build

    item.vote_seq = board_row.vote_seq
    session_id, question_id = board_row.session_id, item.pk
    transaction.on_commit(lambda: votes.counted(session_id, question_id))


def withdraw(user, session, question_id):
    """The asker takes back their question while no moderator has passed it."""
    return _change_own(user, session, question_id, status=Question.Status.WITHDRAWN)


def correct(user, session, question_id, text):
    """The asker mends their question's text while no moderator has passed it."""
    text = text.strip()
    if not 0 < len(text) <= Question.MAX_LENGTH:
        raise QAError("invalid", _one_to(Question.MAX_LENGTH))
    return _change_own(user, session, question_id, text=text)


def _change_own(user, session, question_id, **fields):
    _participant(user, session)
    _limit(user, "ask")
    with transaction.atomic():
        board_row = _lock_board(session.pk)
        _check_open(board_row)
        item = _question(session, question_id, lock=True)
        if item.author_id != user.pk:
            raise QAError("not-found", _("That question does not exist."))
        if item.status != Question.Status.PENDING:
            raise QAError(
                "moderated",
                _(
                    "A moderator has already dealt with this question; it can no "
                    "longer be changed."
                ),
            )
        for name, value in fields.items():
            setattr(item, name, value)
        item.save(update_fields=list(fields))
        _announce(board_row, item=item)
    return item


def _count(item, delta):
    """In the database, so that no concurrent vote is lost."""
    Question.objects.filter(pk=item.pk).update(votes=F("votes") + delta)
    item.refresh_from_db(fields=["votes"])


def moderate(user, session, question_id, action, *, reason="", text=""):
    if action not in ACTIONS:
        raise QAError("invalid", _("Unknown moderation action."))
    if not can_moderate(user, session):
        raise QAError("forbidden", _("Only this session's moderators can do that."))
    if board_of(session).status == QABoard.Status.OFF:
        raise QAError("closed", _("Q&A is off for this session."))
    reason, text = reason.strip(), text.strip()
    if action == "hide" and not reason:
        raise QAError("invalid", _("Give a reason for hiding it (kept on record)."))
    if action == "edit" and not 0 < len(text) <= Question.MAX_LENGTH:
        raise QAError("invalid", _one_to(Question.MAX_LENGTH))
    with transaction.atomic():
        board_row = _lock_board(session.pk)
        if board_row.status == QABoard.Status.OFF:
            raise QAError("closed", _("Q&A is off for this session."))
        item = _question(session, question_id, lock=True)
        changed = _apply(item, action, reason=reason, text=text)
        item.moderated_by, item.moderated_at = user, timezone.now()
        changed += ["moderated_by", "moderated_at"]
        item.save(update_fields=changed)
        _announce(board_row, item=item)
    return item


def _apply(item, action, *, reason, text):
    """Change `item` for `action`; the names of the fields changed."""
    if action == "approve":
        item.status, item.hidden_reason = Question.Status.APPROVED, ""
        return ["status", "hidden_reason"]
    if action == "hide":
        item.status, item.hidden_reason, item.pinned = (
            Question.Status.HIDDEN,
            reason,
            False,
        )
        return ["status", "hidden_reason", "pinned"]
    if action == "answer":
        if item.status != Question.Status.APPROVED:
            raise QAError("invalid", _("Only a shown question can be marked answered."))
        item.status, item.pinned, item.answered_at = (
            Question.Status.ANSWERED,
            False,
            timezone.now(),
        )
        return ["status", "pinned", "answered_at"]
    if action == "pin":
        if item.status != Question.Status.APPROVED:
            raise QAError("invalid", _("Only a shown question can be pinned."))
        # One pin per session: the previous one drops back into the list.
        Question.objects.filter(session_id=item.session_id, pinned=True).update(
            pinned=False
        )
        item.pinned = True
        return ["pinned"]
    if action == "unpin":
        item.pinned = False
        return ["pinned"]
    # edit: the text as first asked is kept for the record, once.
    item.original_text = item.original_text or item.text
    item.text = text
    return ["original_text", "text"]


def configure(user, session, *, status=None, premoderation=None):
    """Open, pause or close the Q&A, or switch pre-moderation."""
    if not can_moderate(user, session):
        raise QAError("forbidden", _("Only this session's moderators can do that."))
    if status is not None and status not in QABoard.Status.values:
        raise QAError("invalid", _("Unknown Q&A status."))
    with transaction.atomic():
        QABoard.objects.get_or_create(session=session)
        board_row = _lock_board(session.pk)
        public_before = board_row.untaken_public
        if status is not None:
            board_row.status = status
        if premoderation is not None:
            board_row.premoderation = premoderation
        board_row.save(update_fields=["status", "premoderation"])
        _announce(board_row, public_before=public_before)
    return board_row


def publish_untaken(user, session, *, published=True):
    """After the session, the organiser shows the public which approved questions were
    not taken."""
    if not can_manage(user, event_of(session)):
        raise QAError(
            "forbidden", _("Only the event's organisers can publish this list.")
        )
    with transaction.atomic():
        QABoard.objects.get_or_create(session=session)
        board_row = _lock_board(session.pk)
        public_before = board_row.untaken_public
        board_row.untaken_published = published
        board_row.save(update_fields=["untaken_published"])
        _announce(board_row, public_before=public_before)
    return board_row


def forget_author(user):
    """When an account goes, its questions stay, as the session's record, nameless;
    each change is announced, so no snapshot or screen keeps the name."""
    for session_id in (
        Question.objects.filter(author=user)
        .values_list("session_id", flat=True)
        .distinct()
    ):
        with transaction.atomic():
            questions = Question.objects.filter(session_id=session_id, author=user)
            for item in questions:
                board_row = _lock_board(session_id)
                item.author_name, item.anonymous = "", True
                item.save(update_fields=["author_name", "anonymous"])
                _announce(board_row, item=item)
