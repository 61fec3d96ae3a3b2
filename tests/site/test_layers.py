"""The channel layers. The embedded mode's: a group message reaches every member in one
pass, and one that finds a member's queue full is counted and said, not lost in silence.
The scaled mode's: a socket leaving takes its subscription with it."""

import asyncio
import logging

import pytest
import redis

from convening.layers import InMemoryChannelLayer, PubSubChannelLayer
from tests.servers import redis_server


async def members(layer, group, n):
    channels = [await layer.new_channel() for _ in range(n)]
    for channel in channels:
        await layer.group_add(group, channel)
    return channels


async def test_every_member_gets_its_own_copy_of_the_message():
    layer = InMemoryChannelLayer()
    channels = await members(layer, "qa.1.public", 3)

    await layer.group_send("qa.1.public", {"type": "qa.question", "text": "{}"})
    await layer.group_send("qa.1.public", {"type": "x", "nested": {"n": 1}})
    got = [await layer.receive(channel) for channel in channels]
    got[0]["type"] = "changed by its receiver"
    nested = [await layer.receive(channel) for channel in channels]
    nested[0]["nested"]["n"] = 2

    assert [m["type"] for m in got] == [
        "changed by its receiver",
        "qa.question",
        "qa.question",
    ]
    assert [m["nested"] for m in nested] == [{"n": 2}, {"n": 1}, {"n": 1}]
    assert layer.dropped == 0


async def test_a_full_queue_loses_messages_counted_and_said_once(caplog):
    layer = InMemoryChannelLayer(capacity=2)
    reading, stuck = await members(layer, "qa.1.public", 2)

    with caplog.at_level(logging.WARNING, logger="convening.layer"):
        for n in range(5):
            await layer.group_send(
                "qa.1.public", {"type": "qa.question", "text": str(n)}
            )
            assert (await layer.receive(reading))["text"] == str(n)

    assert layer.dropped == 3
    said = [r.getMessage() for r in caplog.records if "queue full" in r.getMessage()]
    assert len(said) == 1
    assert said[0].endswith(": 1 dropped so far in this process")  # the first
    assert [(await layer.receive(stuck))["text"] for _ in range(2)] == ["0", "1"]


async def test_a_socket_cancelled_again_while_leaving_still_unsubscribes(caplog):
    """channels-redis unsubscribes a socket's channel when its receive() is cancelled;
    daphne may cancel it again (a consumer slow to end) while that waits its turn."""
    with redis_server() as server:
        layer = PubSubChannelLayer(hosts=[f"redis://127.0.0.1:{server.port}/0"])
        channel = await layer.new_channel()
        redis_client = redis.Redis(port=server.port)
        subscribed = redis_client.pubsub_channels()
        shard = layer._get_layer()._shards[0]
        with caplog.at_level(logging.ERROR):
            async with shard._lock:  # busy: the socket's leaving waits for it
                receiving = asyncio.ensure_future(layer.receive(channel))
                await asyncio.sleep(0.05)
                receiving.cancel()
                await asyncio.sleep(0.05)
                receiving.cancel()
                await asyncio.sleep(0.05)
            with pytest.raises(asyncio.CancelledError):
                await receiving
            await asyncio.sleep(0.2)
        left = redis_client.pubsub_channels()
        await layer.flush()
        redis_client.close()

    assert subscribed == [channel.encode()]
    assert left == []
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
