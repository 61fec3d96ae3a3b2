"""The floor of the Q&A fan-out: a bare Channels consumer that joins one group and
relays each group message's pre-encoded text, nothing else (not even the thread hop
that Channels' dispatch makes before every handler). Served by the same daphne with the
site's settings, so it rides the same channel layer (in memory, or Redis when REDIS_URL
is set). A second path takes a frame and sends it to the group as it is.

    python -m daphne -b 127.0.0.1 -p PORT bench.relay_app:application
"""

import django

django.setup()

from channels.generic.websocket import AsyncWebsocketConsumer  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from django.urls import path  # noqa: E402

GROUP = "bench.relay"


class Viewer(AsyncWebsocketConsumer):
    async def connect(self):
        await self.channel_layer.group_add(GROUP, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        await self.channel_layer.group_discard(GROUP, self.channel_name)

    async def dispatch(self, message):
        """Relays without the thread hop Channels makes before every handler (to close
        stale database connections): this consumer has no database to close."""
        if message["type"] == "relay.message":
            await self.send(text_data=message["text"])
        else:
            await super().dispatch(message)


class Trigger(AsyncWebsocketConsumer):
    async def receive(self, text_data=None, bytes_data=None):
        await self.channel_layer.group_send(
            GROUP, {"type": "relay.message", "text": text_data}
        )


async def healthz(scope, receive, send):
    """What bench.environment.daphne waits for before it yields."""
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"ok"})


application = ProtocolTypeRouter(
    {
        "http": healthz,
        "websocket": URLRouter(
            [
                path("relay/", Viewer.as_asgi()),
                path("relay/trigger/", Trigger.as_asgi()),
            ]
        ),
    }
)
