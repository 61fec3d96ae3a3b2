"""A session audience's sockets in one process share one channel of its group
(sessions.qa.audiences): each change arrives once and is written to every socket, in
order after each socket's snapshot."""

import pytest
from channels.layers import get_channel_layer

from sessions.qa import services, wire
from sessions.qa.consumers import QuestionConsumer
from tests.sessions.qa.conftest import close, opened, participant_of, to_thread

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def channels_in(group):
    """The channels this process has in `group` (the Redis layer keeps its own per
    event loop)."""
    layer = get_channel_layer()
    if hasattr(layer, "_get_layer"):  # Redis pub/sub: keyed by the group's channel
        local = layer._get_layer()
        return len(local.groups.get(local._get_group_channel_name(group), ()))
    return len(layer.groups.get(group, ()))


async def test_a_processs_viewers_share_one_channel_of_the_group(qa_session):
    session = await to_thread(qa_session)(premoderation=False)
    ama = await to_thread(participant_of)(session, name="Ama Mensah")
    group = wire.group(session.pk, wire.PUBLIC)
    viewers = [await opened(session) for _ in range(5)]
    asker = await opened(session, ama)

    assert channels_in(group) == 1
    await asker.send_json_to({"type": "ask", "text": "Seen by all six?"})
    for viewer in [*viewers, asker]:
        frame = await viewer.receive_json_from(timeout=5)
        while frame["type"] != "question":
            frame = await viewer.receive_json_from(timeout=5)
        assert frame["question"]["text"] == "Seen by all six?"

    await close(*viewers[:-1])
    assert channels_in(group) == 1
    await close(viewers[-1], asker)
    assert channels_in(group) == 0  # the last to leave takes it out


async def test_a_change_made_while_the_snapshot_is_read_follows_it(
    qa_session, monkeypatch
):
    session = await to_thread(qa_session)(premoderation=False)
    ama = await to_thread(participant_of)(session, name="Ama Mensah")
    read_snapshot = QuestionConsumer.greeting

    def greeting(consumer, session_id):
        frames = read_snapshot(consumer, session_id)
        services.ask(ama, session, "Asked as the viewer connected")  # broadcast now
        return frames

    monkeypatch.setattr(QuestionConsumer, "greeting", greeting)

    viewer = await opened(session)
    change = await viewer.receive_json_from(timeout=5)

    assert (viewer.greeting[0]["type"], viewer.greeting[0]["seq"]) == ("snapshot", 0)
    assert (change["type"], change["seq"]) == ("question", 1)
    assert change["question"]["text"] == "Asked as the viewer connected"
    await close(viewer)
