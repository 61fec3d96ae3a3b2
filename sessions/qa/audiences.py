"""A session audience's sockets in one process, behind one channel of its group.

Channels would put every socket's own channel in the group: a change to 5,000 viewers
on a process is then 5,000 queue entries, 5,000 message copies (decoded once each on
the Redis layer) and 5,000 consumer tasks woken one after another, each behind the
handshakes and frames that came before it. Here the process's first viewer of an
audience opens one channel and puts it in the group; each change arrives once, and
one task writes its text to every local socket in a single pass. The last viewer to
leave takes the channel out; a killed process's subscription dies with its Redis
connection.

A socket joins before it reads its snapshot (no change falls between the two), so
until it has sent that snapshot its changes are held, and sent after it in order; the
same while it answers a resync or moves to another audience."""

import asyncio
import contextlib
import logging
import weakref
from collections import deque

from autobahn.exception import Disconnected  # daphne's, when a client is gone
from channels.layers import get_channel_layer

logger = logging.getLogger(__name__)
CHANNEL_PREFIX = "qa-audience."  # the layer's capacity setting names it
_processes = weakref.WeakKeyDictionary()  # event loop → {group: Audience}


def _audiences():
    return _processes.setdefault(asyncio.get_running_loop(), {})


class Audience:
    def __init__(self, group):
        self.group = group
        self.layer = get_channel_layer()
        self.members = {}  # in the order they joined (a dict as an ordered set)
        self.channel = None
        self.relaying = None
        self.opening = asyncio.ensure_future(self.open())

    async def open(self):
        """Subscribed before the first viewer reads its snapshot."""
        try:
            self.channel = await self.layer.new_channel(CHANNEL_PREFIX)
            await self.layer.group_add(self.group, self.channel)
        except BaseException:
            if _audiences().get(self.group) is self:
                del _audiences()[self.group]  # the next viewer tries again
            raise
        self.relaying = asyncio.ensure_future(self.relay())

    async def close(self):
        with contextlib.suppress(Exception):
            await self.opening
        if self.relaying is not None:
            self.relaying.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self.relaying
        if self.channel is not None:
            with contextlib.suppress(Exception):  # the layer may be what went away
                await self.layer.group_discard(self.group, self.channel)
                delete = getattr(self.layer, "delete_channel", None)
                if delete is not None:
                    await delete(self.channel)

    async def relay(self):
        while True:
            message = await self.layer.receive(self.channel)
            # Anything else (the Redis layer's "layer.lost") reaches every socket's
            # own channel too, and is handled there.
            if message.get("type") == "qa.question":
                for member in list(self.members):
                    await deliver(member, message)


async def deliver(consumer, message):
    if consumer.held is not None:
        consumer.held.append(message)
        return
    try:
        await consumer.qa_question(message)
    except Disconnected:
        pass  # gone before its leaving was handled: it leaves by itself
    except Exception:
        logger.exception("Relaying a Q&A change to a socket failed")


async def join(group, consumer):
    """`consumer` is in `group` from now on; its changes are held until `release`."""
    hold(consumer)
    audiences = _audiences()
    audience = audiences.get(group)
    if audience is None:
        audience = audiences[group] = Audience(group)
    audience.members[consumer] = None
    try:
        await asyncio.shield(audience.opening)
    except BaseException:
        audience.members.pop(consumer, None)
        raise


def hold(consumer):
    """Changes wait until `release` (a resync is being answered)."""
    if consumer.held is None:
        consumer.held = deque()


async def release(consumer):
    """What was held, in order, then changes as they come."""
    while consumer.held:
        await consumer.qa_question(consumer.held.popleft())
    consumer.held = None


async def leave(group, consumer):
    audiences = _audiences()
    audience = audiences.get(group)
    if audience is None or consumer not in audience.members:
        return
    del audience.members[consumer]
    if not audience.members:
        del audiences[group]  # a viewer joining from now on opens a new one
        await audience.close()
