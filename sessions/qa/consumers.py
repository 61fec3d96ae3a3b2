"""The Q&A websocket: authenticates, reads frames through the Q&A forms, calls the
services and relays the frames they broadcast. No rule lives here."""

import json
import time
from collections import deque

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings

from sessions.models import SessionPage
from sessions.qa import services, wire
from sessions.qa.forms import AskForm, ModerateForm, QuestionIdForm, first_error
from sessions.qa.services import QAError


def read_frame(text):
    try:
        frame = json.loads(text)
    except ValueError as error:
        raise QAError("malformed", "That frame is not JSON.") from error
    if not isinstance(frame, dict) or not isinstance(frame.get("type"), str):
        raise QAError("malformed", 'A frame is a JSON object with a "type".')
    return frame


def valid(form):
    if not form.is_valid():
        raise QAError("invalid", first_error(form))
    return form.cleaned_data


class QuestionConsumer(AsyncWebsocketConsumer):
    async def connect(self):
        self.user = self.scope["user"]
        self.frames = deque()
        self.session = None
        session_id = self.scope["url_route"]["kwargs"]["session_id"]
        # A visitor can only join the public audience, so joins without asking the
        # database: a crowd (re)connecting costs one trip each, not two.
        self.audience = wire.PUBLIC
        if self.user.is_authenticated:
            self.audience = await database_sync_to_async(self.find_session)(session_id)
        greeting = None
        if self.audience:
            self.group = wire.group(session_id, self.audience)
            # Join before reading the snapshot, so no change falls between the two.
            await self.channel_layer.group_add(self.group, self.channel_name)
            greeting = await database_sync_to_async(self.greeting)(session_id)
        if greeting is None:
            await self.disconnect(None)
            await self.close(code=4404)
            return
        await self.accept()
        for text in greeting:
            await self.send(text_data=text)

    def find_session(self, session_id):
        """The audience of a signed-in person, None when the session is not theirs to
        watch."""
        self.session = SessionPage.objects.filter(pk=session_id).first()
        if self.session is None:
            return None
        if services.can_moderate(self.user, self.session):
            return wire.MODERATORS
        return wire.PUBLIC if services.is_watchable(self.session) else None

    def greeting(self, session_id):
        """The snapshot, and for a signed-in participant what only they see; None when a
        visitor may not watch this session."""
        if self.session is None:
            self.session = SessionPage.objects.filter(pk=session_id).first()
            if self.session is None or not services.is_watchable(self.session):
                return None
        frames = [services.snapshot(self.session.pk, self.audience)]
        if self.user.is_authenticated and self.audience == wire.PUBLIC:
            frames.append(services.mine(self.user, self.session.pk))
        return frames

    async def disconnect(self, code):
        if getattr(self, "group", None):
            await self.channel_layer.group_discard(self.group, self.channel_name)
            self.group = None

    async def send_snapshot(self):
        for text in await database_sync_to_async(self.greeting)(self.session.pk):
            await self.send(text_data=text)

    async def receive(self, text_data=None, bytes_data=None):
        try:
            if text_data is None:
                raise QAError("binary", "Frames are JSON text, not binary.")
            self.throttle()
            frame = read_frame(text_data)
            if frame["type"] == "resync":
                await self.send_snapshot()
                return
            act = ACTS.get(frame["type"])
            if act is None:
                raise QAError("unknown-type", f"Unknown frame type {frame['type']!r}.")
            reply = await database_sync_to_async(act)(self, frame)
            if reply:
                await self.send(text_data=wire.encode(reply))
        except QAError as refusal:
            await self.send(
                text_data=wire.encode(
                    {"type": "error", "code": refusal.code, "message": str(refusal)}
                )
            )

    def throttle(self):
        """Per connection, on top of the per-user limits the services keep."""
        limit, seconds = settings.QA_FRAMES_PER_CONNECTION
        now = time.monotonic()
        while self.frames and self.frames[0] <= now - seconds:
            self.frames.popleft()
        if len(self.frames) >= limit:
            raise QAError("rate-limited", "Too many messages. Please slow down.")
        self.frames.append(now)

    def ask(self, frame):
        fields = valid(AskForm(frame, session=self.session))
        item = services.ask(self.user, self.session, **fields)
        return {"type": "asked", "question": item.pk}

    def vote(self, frame):
        question = valid(QuestionIdForm(frame))["question"]
        services.vote(self.user, self.session, question)
        return {"type": "voted", "question": question, "voted": True}

    def unvote(self, frame):
        question = valid(QuestionIdForm(frame))["question"]
        services.unvote(self.user, self.session, question)
        return {"type": "voted", "question": question, "voted": False}

    def moderate(self, frame):
        fields = valid(ModerateForm(frame))
        services.moderate(
            self.user,
            self.session,
            fields.pop("question"),
            fields.pop("action"),
            **fields,
        )

    async def dispatch(self, message):
        """A change from the layer is relayed as it came, without the thread hop that
        Channels makes before every handler to close stale database connections
        (relaying touches no database): otherwise one hop per viewer per change, all
        through one thread."""
        if message["type"] == wire.LAYER_TYPE:
            await self.qa_question(message)
        else:
            await super().dispatch(message)

    async def qa_question(self, event):
        """A change, encoded once per audience; a question's author gets their own copy
        (it may show what the public does not)."""
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
}
