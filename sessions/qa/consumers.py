"""The Q&A websocket: authenticates, reads frames through the Q&A forms, calls the
services and relays the frames they broadcast. No rule lives here."""

import asyncio
import logging
import time
from collections import deque
from urllib.parse import parse_qs

from autobahn.exception import Disconnected  # daphne's, when a client is gone
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from sessions.floor import services as floor
from sessions.floor.forms import ActForm, RequestIdForm, SpeakForm
from sessions.models import SessionPage
from sessions.polls import services as polls
from sessions.qa import audiences, limits, services, wire
from sessions.qa.forms import (
    AskForm,
    CorrectForm,
    ModerateForm,
    QuestionIdForm,
    first_error,
)
from sessions.qa.services import QAError
from toolkit import languages

logger = logging.getLogger(__name__)


def error_text(refusal, act=None):
    """An error frame; `act`, the frame's type it refuses, where known."""
    frame = {"type": "error", "code": refusal.code, "message": str(refusal)}
    if act:
        frame["act"] = act
    return wire.encode(frame)


def valid(form):
    if not form.is_valid():
        raise QAError("invalid", first_error(form))
    return form.cleaned_data


UNAVAILABLE = gettext_lazy(
    "The live Q&A is unavailable right now. It reconnects by itself; what you see "
    "may be out of date until then."
)
# Closed so while the layer is down; daphne (autobahn) sends no codes between 1001 and
# 2999, 1013 "try again later" among them.
UNAVAILABLE_CODE = 4503


class QuestionConsumer(AsyncWebsocketConsumer):
    async def __call__(self, scope, receive, send):
        """A layer that goes away (Redis down) ends the socket with UNAVAILABLE_CODE,
        not an error: the client says the live Q&A is unavailable and retries."""
        try:
            await super().__call__(scope, receive, send)
        except wire.LAYER_UNREACHABLE as error:
            logger.info("Q&A socket closed, the layer is unreachable: %s", error)
            # Set by Channels only after the socket's channel was made, which may
            # be what failed.
            self.base_send = getattr(self, "base_send", send)
            await self.unavailable()
        except Disconnected:
            # A frame relayed to a client that left before its leaving was handled
            # (a crowd closing during a vote storm): nothing to tell it.
            pass
        finally:
            # However the consumer ends, the socket is counted out and leaves its
            # groups: a count left behind would refuse the person's next tabs.
            await self.disconnect(None)

    async def unavailable(self):
        if getattr(self, "said_unavailable", False):
            return  # the socket's receive loop and its connect may both get here
        self.said_unavailable = True
        try:
            if not getattr(self, "accepted", False):
                await self.accept()  # only to say why it closes
            await self.send_error(QAError("unavailable", str(UNAVAILABLE)))
            await self.close(code=UNAVAILABLE_CODE)
        except Exception:  # noqa: BLE001 - the client went meanwhile: nothing to tell
            pass

    async def layer_lost(self, message):
        """The process lost Redis (convening.layers): nothing reaches this socket."""
        await self.unavailable()

    async def connect(self):
        try:
            await self.join()
        except wire.LAYER_UNREACHABLE as error:
            logger.info("Q&A socket refused, the layer is unreachable: %s", error)
            await self.disconnect(None)
            await self.unavailable()

    async def accept(self, subprotocol=None, headers=None):
        await super().accept(subprotocol, headers)
        self.accepted = True

    async def join(self):
        self.user = self.scope["user"]
        self.frames = deque()
        self.session = None
        self.group = None
        self.rechecking = None
        self.role_lock = asyncio.Lock()
        self.counted = False
        self.held = None  # changes waiting for the snapshot (sessions.qa.audiences)
        session_id = self.session_id = self.scope["url_route"]["kwargs"]["session_id"]
        query = parse_qs(self.scope.get("query_string", b"").decode("latin-1"))
        # Only a socket that asks for the moderators' view gets it (the moderators'
        # page does), so a moderator's other tabs carry nothing only moderators see.
        wants_moderation = query.get("view") == ["moderate"]
        # The page's language (a socket's address has no prefix): what this socket
        # alone is told (refusals, errors) is written in it.
        language = query.get("lang", [""])[0]
        if languages.supported(language):
            translation.activate(language)
        # Anyone but a would-be moderator can only join the public audience, so joins
        # it before asking the database: a visitor's connect then reads no row where
        # the cache is shared, and a participant's one trip checks and greets them.
        self.audience = wire.PUBLIC
        if self.user.is_authenticated:
            if not limits.open_socket(self.user):
                await self.refuse_socket()
                return
            self.counted = True
            if wants_moderation:
                self.audience, token = await database_sync_to_async(self.find_session)(
                    session_id, wants_moderation
                )
        greeting = None
        if self.audience:
            if self.audience == wire.MODERATORS:
                await self.channel_layer.group_add(wire.ROLES_GROUP, self.channel_name)
            self.group = wire.group(session_id, self.audience)
            # Join before reading the snapshot, so no change falls between the two;
            # the changes are held until the snapshot is sent.
            await audiences.join(self.group, self)
            greeting = await database_sync_to_async(self.greeting)(session_id)
        if greeting is None:
            await self.disconnect(None)
            await self.close(code=4404)
            return
        await self.accept()
        await self.send_all(greeting)
        if self.audience == wire.MODERATORS:
            self.rechecking = asyncio.ensure_future(self.recheck_every_while())
            # Rights that changed between the check and joining the roles group.
            if await database_sync_to_async(services.roles_token)() != token:
                await self.recheck_role()

    async def refuse_socket(self):
        """Accepted only to say why it closes: daphne sends no close reason, so the
        reason goes in an error frame too."""
        message = ngettext(
            "You have %(n)s Q&A connection open already. Close a tab and try again.",
            "You have %(n)s Q&A connections open already. Close a tab and try again.",
            settings.QA_SOCKETS_PER_USER,
        ) % {"n": settings.QA_SOCKETS_PER_USER}
        await self.accept()
        await self.send_error(QAError("too-many", message))
        await self.close(code=4429, reason=message)

    def find_session(self, session_id, wants_moderation):
        """The audience of a signed-in person (None when the session is not theirs to
        watch), and the roles token as it was before their role was checked."""
        token = services.roles_token()
        self.session = SessionPage.objects.filter(pk=session_id).first()
        if self.session is None:
            return None, token
        if wants_moderation and services.can_moderate(self.user, self.session):
            return wire.MODERATORS, token
        watchable = services.is_watchable(self.session)
        if watchable or services.can_moderate(self.user, self.session):
            return wire.PUBLIC, token
        return None, token

    def greeting(self, session_id):
        """The snapshot, and for a signed-in participant what only they see; None when
        they may not watch this session. A visitor's reads no row where the cache is
        shared (services.watchable_id, services.snapshot)."""
        if self.session is None:
            if self.user.is_authenticated:
                if self.find_session(session_id, False)[0] is None:
                    return None
            elif not services.watchable_id(session_id):
                return None
        return self.with_own(services.greeting(session_id, self.audience))

    def with_own(self, texts):
        """`texts`, then for a signed-in participant what only they see."""
        frames = list(texts)
        if self.user.is_authenticated and self.audience == wire.PUBLIC:
            frames.append(services.mine(self.user, self.session_id))
        return frames

    async def disconnect(self, code):
        if getattr(self, "counted", False):
            limits.close_socket(self.user)
            self.counted = False
        if getattr(self, "rechecking", None):
            self.rechecking.cancel()
            self.rechecking = None
        try:
            if getattr(self, "group", None):
                await audiences.leave(self.group, self)
            if getattr(self, "audience", None) == wire.MODERATORS:
                await self.channel_layer.group_discard(
                    wire.ROLES_GROUP, self.channel_name
                )
        except wire.LAYER_UNREACHABLE:
            pass  # the layer went with its groups; membership expires there anyway
        self.group = None

    # Moderators' sockets check their role when anyone's rights change, and every
    # QA_MODERATOR_RECHECK seconds in case that news was lost (broadcasts are best
    # effort) or came by a way no signal sees.

    async def recheck_every_while(self):
        while True:
            await asyncio.sleep(settings.QA_MODERATOR_RECHECK)
            try:
                await self.recheck_role()
            except Exception:  # logged; the next round tries again
                logger.exception("Checking a moderator's role failed")

    async def qa_roles(self, event):
        await self.recheck_role()

    async def recheck_role(self):
        async with self.role_lock:  # the timer and a roles event may come together
            if (
                self.audience == wire.MODERATORS
                and not await database_sync_to_async(self.still_moderator)()
            ):
                await self.move_to_public()

    async def move_to_public(self):
        # Out of the moderators' groups first: nothing more reaches this socket there.
        self.audience = wire.PUBLIC
        await audiences.leave(self.group, self)
        await self.channel_layer.group_discard(wire.ROLES_GROUP, self.channel_name)
        self.group = None
        if self.rechecking and self.rechecking is not asyncio.current_task():
            self.rechecking.cancel()
        self.rechecking = None
        if not await database_sync_to_async(self.watchable)():
            await self.close(code=4403)
            return
        self.group = wire.group(self.session.pk, wire.PUBLIC)
        await audiences.join(self.group, self)
        await self.send(
            text_data=wire.encode(
                {
                    "type": "role",
                    "moderator": False,
                    "message": _(
                        "You no longer moderate this session: you see the "
                        "questions as the public does."
                    ),
                }
            )
        )
        # Read after joining the public group, so no change falls between the two.
        greeting = await database_sync_to_async(self.greeting)(self.session.pk)
        await self.send_all(greeting)

    def still_moderator(self):
        """Checked on fresh rows: the account (active? superuser?) and the session."""
        user = get_user_model().objects.filter(pk=self.user.pk).first()
        session = SessionPage.objects.filter(pk=self.session.pk).first()
        return bool(user and session and services.can_moderate(user, session))

    def watchable(self):
        """Whether the public, which a demoted moderator joins, may watch."""
        self.session = SessionPage.objects.filter(pk=self.session.pk).first()
        return self.session is not None and services.is_watchable(self.session)

    async def receive(self, text_data=None, bytes_data=None):
        """The answer to a frame goes before the changes made meanwhile: a resync's
        before the live ones it does not hold, an act's before its own broadcast."""
        audiences.hold(self)
        self.act = None
        try:
            texts = await self.reply_to(text_data)
        except (wire.BadFrame, QAError) as refusal:
            texts = [error_text(refusal, self.act)]
        await self.send_all(texts)

    async def reply_to(self, text_data):
        if text_data is None:
            raise QAError("binary", _("Frames are JSON text, not binary."))
        self.throttle()
        frame = wire.read_frame(text_data)
        self.act = frame["type"]  # said with a refusal: the page shows it there
        if not self.user.is_authenticated and frame["type"] != "resync":
            if frame["type"] == "answer":
                raise QAError("sign-in", _("Sign in to answer the poll."))
            if frame["type"] in ("speak", "unspeak"):
                raise QAError("sign-in", _("Sign in to request the floor."))
            raise QAError("sign-in", _("Sign in to take part in the Q&A."))
        if frame["type"] == "resync":
            return await database_sync_to_async(self.catching_up)(frame.get("since"))
        # Every act runs on the process's one database thread, in order, but a poll's
        # answer: answers hold their poll's row shared (sessions.polls.services), so a
        # crowd's run side by side, each in a pool thread on a connection of its own.
        in_order = frame["type"] not in SIDE_BY_SIDE
        act = database_sync_to_async(ACTS[frame["type"]], thread_sensitive=in_order)
        reply = await act(self, frame)
        return [wire.encode(reply)] if reply else []

    def catching_up(self, since):
        """The changes after `since` where they are kept, else the snapshot; what only
        a signed-in participant sees follows either way (a replayed change shows
        their own question as the public sees it)."""
        replay = services.changes_since(self.session_id, self.audience, since)
        if replay is None:
            return self.greeting(self.session_id) or []
        # The live poll's results too: they take no seq, so no replay holds them.
        results = services.live_poll_results(self.session_id, self.audience)
        return self.with_own([replay, *([results] if results else [])])

    async def send_all(self, texts):
        """A snapshot, a replay or an answer, then the changes held meanwhile."""
        for text in texts:
            await self.send(text_data=text)
        await audiences.release(self)

    async def send_error(self, refusal):
        await self.send(text_data=error_text(refusal))

    def throttle(self):
        """Per connection, and per account across all its connections (on top of the
        per-act limits the services keep)."""
        limit, seconds = settings.QA_FRAMES_PER_CONNECTION
        now = time.monotonic()
        while self.frames and self.frames[0] <= now - seconds:
            self.frames.popleft()
        if len(self.frames) >= limit:
            raise QAError("rate-limited", _("Too many messages. Please slow down."))
        self.frames.append(now)
        if self.user.is_authenticated and not limits.frame_allowed(self.user):
            raise QAError(
                "rate-limited",
                _(
                    "Too many messages from your account, in all its tabs. Please "
                    "slow down."
                ),
            )

    def ask(self, frame):
        fields = valid(AskForm(frame, session=self.session))
        item = services.ask(self.user, self.session, **fields)
        return {"type": "asked", "question": item.pk}

    def vote(self, frame):
        return self._vote(frame, services.vote, voted=True)

    def unvote(self, frame):
        return self._vote(frame, services.unvote, voted=False)

    def _vote(self, frame, service, *, voted):
        """The count comes back with the answer, for the voter to hear at once."""
        question = valid(QuestionIdForm(frame))["question"]
        item = service(self.user, self.session, question)
        return {
            "type": "voted",
            "question": question,
            "voted": voted,
            "votes": item.votes,
            "vote_seq": item.vote_seq,
        }

    def withdraw(self, frame):
        question = valid(QuestionIdForm(frame))["question"]
        services.withdraw(self.user, self.session, question)
        return {"type": "withdrawn", "question": question}

    def correct(self, frame):
        fields = valid(CorrectForm(frame))
        services.correct(self.user, self.session, fields["question"], fields["text"])
        return {"type": "corrected", "question": fields["question"]}

    def answer_poll(self, frame):
        poll = frame.get("poll")
        entry = polls.answer(self.user, self.session, poll, **poll_reply(frame))
        return {"type": "answered", "poll": poll, "changed": entry.changed}

    def speak(self, frame):
        form = SpeakForm(frame, session=self.session)
        item = floor.request(self.user, self.session, **valid(form) and form.request())
        return {"type": "requested", "request": item.pk, "number": item.number}

    def unspeak(self, frame):
        request = valid(RequestIdForm(frame))["request"]
        floor.withdraw(self.user, self.session, request)
        return {"type": "unrequested", "request": request}

    def floor_act(self, frame):
        fields = valid(ActForm(frame))
        item = floor.act(
            self.user,
            self.session,
            fields["action"],
            request_id=fields["request"],
            reason=fields["reason"],
            place=fields["place"],
        )
        return {"type": "floor_done", "action": fields["action"], "request": item.pk}

    def moderate(self, frame):
        fields = valid(ModerateForm(frame))
        services.moderate(
            self.user,
            self.session,
            fields.pop("question"),
            fields.pop("action"),
            **fields,
        )

    async def qa_question(self, event):
        """A change, encoded once per audience and relayed by sessions.qa.audiences
        (not through this socket's channel); a question's author gets their own copy
        (it may show what the public does not)."""
        if event.get("audience", wire.PUBLIC) != self.audience:
            return  # held before this socket left the moderators
        own = event.get("own")
        if own and event["author"] == self.user.pk:
            await self.send(text_data=own)
        else:
            await self.send(text_data=event["text"])


ACTS = {
    "ask": QuestionConsumer.ask,
    "vote": QuestionConsumer.vote,
    "unvote": QuestionConsumer.unvote,
    "moderate": QuestionConsumer.moderate,
    "withdraw": QuestionConsumer.withdraw,
    "correct": QuestionConsumer.correct,
    "answer": QuestionConsumer.answer_poll,
    "speak": QuestionConsumer.speak,
    "unspeak": QuestionConsumer.unspeak,
    "floor": QuestionConsumer.floor_act,
}


SIDE_BY_SIDE = {"answer"}


def poll_reply(frame):
    """What a poll's answer frame carries, as services.polls.answer takes it."""
    chosen = []
    for part in (frame.get("chosen") or "").split(","):
        part = part.strip()
        if part:
            if not part.isdigit() or len(part) > 18:
                raise QAError("invalid", _("Choose among this poll's options."))
            chosen.append(int(part))
    return {
        "chosen": chosen,
        "rating": frame.get("rating"),
        "words": frame.get("words"),
    }
