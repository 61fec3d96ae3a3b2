"""The ASGI application daphne serves: HTTP through Django, websockets behind the origin
check."""

import json
import urllib.request

import pytest
from channels.testing import HttpCommunicator, WebsocketCommunicator

from convening.asgi import application
from tests.servers import daphne


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
async def test_http_is_served_through_the_asgi_application():
    communicator = HttpCommunicator(
        application, "GET", "/healthz", headers=[(b"host", b"127.0.0.1")]
    )

    response = await communicator.get_response(timeout=5)

    assert response["status"] == 200
    assert b'"database": true' in response["body"]


async def test_a_websocket_from_another_origin_is_refused():
    communicator = WebsocketCommunicator(
        application, "/ws/anything/", headers=[(b"origin", b"https://evil.example")]
    )

    connected, _ = await communicator.connect(timeout=3)

    assert connected is False
    await communicator.disconnect()


@pytest.fixture
def daphne_server():
    with daphne() as base:
        yield base


def test_daphne_serves_healthz_and_static_files(daphne_server):
    with urllib.request.urlopen(f"{daphne_server}/healthz", timeout=5) as response:
        health = json.loads(response.read())
    with urllib.request.urlopen(
        f"{daphne_server}/static/css/site.css", timeout=5
    ) as response:
        css = response.read().decode()

    assert health == {"status": "ok", "database": True, "channel_layer": True}
    assert "@media print" in css
