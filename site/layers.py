"""The channel layers: in memory in the embedded mode, Redis pub/sub in the scaled one.

The in-memory layer sweeps expired entries at most once a second: Channels' own sweeps
every channel and group member on every receive, so one broadcast to n viewers costs n
sweeps of n entries. Its group_send puts a message on every member's queue in one pass
and counts what full queues lose."""

import asyncio
import logging
import time
from copy import deepcopy

from channels.layers import InMemoryChannelLayer as ChannelsInMemoryChannelLayer
from channels_redis.pubsub import (
    RedisPubSubChannelLayer,
    RedisPubSubLoopLayer,
    RedisSingleShardConnection,
)
from channels_redis.utils import _wrap_close, decode_hosts

from toolkit.resilient_cache import UNREACHABLE

logger = logging.getLogger("convening.layer")
# Values a receiver cannot change in place: a message of them alone is copied shallowly.
PLAIN = (str, bytes, int, float, bool, type(None))
LOST = "layer.lost"  # told to every socket of a process whose Redis went away


class InMemoryChannelLayer(ChannelsInMemoryChannelLayer):
    swept = 0.0
    dropped = 0  # messages lost to full queues, since the process started
    said_dropped = 0.0  # when that was last logged
    DROPS_SAID_EVERY = 60  # seconds

    def __init__(self, **config):
        super().__init__(**config)
        # Channels 4 keeps channel_capacity as configured, where get_capacity reads
        # compiled patterns.
        self.channel_capacity = self.compile_capacities(self.channel_capacity)

    def _clean_expired(self):
        now = time.monotonic()
        if now - self.swept >= 1:
            self.swept = now
            super()._clean_expired()

    async def group_send(self, group, message):
        """Put on every member's queue in one pass. Channels' own starts a task and
        deep-copies the message for each member: for a frame to 2,000 viewers that is
        2,000 tasks and copies, where a message of plain values needs a shallow copy.
        A member whose queue is full (a socket that stopped reading) misses the
        message: counted, and said at WARNING (not Channels' silence)."""
        assert isinstance(message, dict), "Message is not a dict"
        self.require_valid_group_name(group)
        self._clean_expired()
        plain = all(isinstance(value, PLAIN) for value in message.values())
        expires = time.time() + self.expiry
        for channel in list(self.groups.get(group, ())):
            queue = self.channels.get(channel)
            if queue is None:
                queue = self.channels[channel] = asyncio.Queue(
                    maxsize=self.get_capacity(channel)
                )
            try:
                queue.put_nowait(
                    (expires, dict(message) if plain else deepcopy(message))
                )
            except asyncio.QueueFull:
                self.dropped += 1
                self._say_dropped(group)

    def _say_dropped(self, group):
        now = time.monotonic()
        if now - self.said_dropped >= self.DROPS_SAID_EVERY:
            self.said_dropped = now
            logger.warning(
                "A message to group %s found a member's queue full (a socket not "
                "reading): %d dropped so far in this process",
                group,
                self.dropped,
            )


class PubSubChannelLayer(RedisPubSubChannelLayer):
    """The scaled mode's layer: channels-redis's pub/sub layer, so a session's audience
    costs one Redis subscription per process, not one queue entry per viewer. A change
    is published once; each process receives it once and hands it to its own sockets;
    subscriptions (group membership) die with the process's connection, so a process
    killed leaves nothing behind in Redis.

    Two additions: a lost connection to Redis is said once at WARNING and told to every
    socket of the process (a "layer.lost" message: the Q&A closes them with 4503, as
    it refuses new ones until Redis is back, and the clients say so and retry); and
    `delete_channel`, for a channel used once (the health check's round trip)."""

    def _get_layer(self):
        loop = asyncio.get_running_loop()
        layer = self._layers.get(loop)
        if layer is None:
            layer = self._layers[loop] = LoopLayer(
                *self._args, **self._kwargs, channel_layer=self
            )
            _wrap_close(self, loop)
        return layer


class LoopLayer(RedisPubSubLoopLayer):
    def __init__(self, hosts=None, **kwargs):
        super().__init__(hosts=hosts, **kwargs)
        self._shards = [Shard(host, self) for host in decode_hosts(hosts)]

    async def delete_channel(self, channel):
        if self.channels.pop(channel, None) is not None:
            await self._get_shard(channel).unsubscribe(channel)

    def tell_every_channel(self, message):
        data = self.channel_layer.serialize(message)
        for queue in self.channels.values():
            queue.put_nowait(data)


class Shard(RedisSingleShardConnection):
    lost = False

    async def unsubscribe(self, channel):
        """In a task of its own: channels-redis unsubscribes a socket's channel when
        the socket's receive() is cancelled, and a second cancellation (daphne ending
        a slow consumer, a crowd leaving at once) cut it short while it waited for the
        lock, which left the subscription and was logged as an error per socket. The
        caller re-raises its own cancellation."""
        leaving = asyncio.ensure_future(self._unsubscribe(channel))
        try:
            await asyncio.shield(leaving)
        except asyncio.CancelledError:
            if not leaving.cancelled():
                return  # it goes on to the end
            raise

    async def _unsubscribe(self, channel):
        """With Redis unreachable its subscriptions went with it: forgotten here too,
        so that reconnecting does not subscribe the channels of closed sockets."""
        try:
            await super().unsubscribe(channel)
        except UNREACHABLE:
            self._subscribed_to.discard(channel)
            if self._pubsub is not None:
                self._pubsub.channels.pop(channel.encode(), None)

    async def _do_receiving(self):
        while True:
            try:
                if self._pubsub and self._pubsub.subscribed:
                    message = await self._pubsub.get_message(
                        ignore_subscribe_messages=True, timeout=0.1
                    )
                    self._receive_message(message)
                    self._answered()
                else:
                    await asyncio.sleep(0.1)
            except (asyncio.CancelledError, GeneratorExit):
                raise
            except UNREACHABLE as error:
                self._lost(error)
                await asyncio.sleep(1)  # redis-py reconnects and subscribes again
            except Exception:
                logger.exception("Receiving from the channel layer failed")
                await asyncio.sleep(1)

    def _lost(self, error):
        if not self.lost:
            self.lost = True
            logger.warning(
                "Channel layer at %s unreachable (%s): live sockets closed, "
                "reconnecting every second",
                self.host["address"],
                error,
            )
            self.channel_layer.tell_every_channel({"type": LOST})

    def _answered(self):
        if self.lost:
            self.lost = False
            logger.warning("Channel layer at %s reachable again", self.host["address"])
