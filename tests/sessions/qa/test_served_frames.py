"""Frame sizes through a real daphne started by the site's launcher (site/server.py),
where the websocket limits are the server's: a frame over 64 KiB is closed with 1009
and a reason, one over QA_MAX_FRAME_CHARS but within it gets an error frame."""

import json

import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from tests.servers import daphne, servers_database_url

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def viewer(qa_session):
    """A visitor's socket on a live session, its snapshot read."""
    session = qa_session()
    with daphne(DATABASE_URL=servers_database_url()) as base:
        url = f"{base.replace('http', 'ws')}/ws/sessions/{session.pk}/qa/"
        with connect(url, origin=base, max_size=None) as socket:
            assert json.loads(socket.recv(timeout=10))["type"] == "snapshot"
            yield socket


@pytest.mark.parametrize("size", [70_000, 1_500_000], ids=["over 64 KiB", "1.5 MB"])
def test_an_oversized_frame_is_closed_with_1009_and_a_reason(viewer, size):
    viewer.send(json.dumps({"type": "resync", "pad": "x" * size}))

    with pytest.raises(ConnectionClosed) as closed:
        viewer.recv(timeout=10)

    assert closed.value.rcvd.code == 1009
    assert "exceeds payload limit" in closed.value.rcvd.reason


def test_a_long_frame_within_the_server_limit_gets_an_error(viewer):
    viewer.send(json.dumps({"type": "resync", "pad": "x" * 20_000}))
    error = json.loads(viewer.recv(timeout=10))
    viewer.send(json.dumps({"type": "resync"}))

    assert (error["type"], error["code"]) == ("error", "too-large")
    assert json.loads(viewer.recv(timeout=10))["type"] == "snapshot"
