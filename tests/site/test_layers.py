"""The embedded mode's channel layer: a group message reaches every member in one pass,
and one that finds a member's queue full is counted and said, not lost in silence."""

import logging

from convening.layers import InMemoryChannelLayer


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
