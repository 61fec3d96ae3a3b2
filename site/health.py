"""What /healthz checks, each answering None when it is fine or the reason it is not:
the database (one query) and the channel layer (a real round trip: a message sent to a
channel of the check's own, through Redis in the scaled mode, and received).

The channel is the check's alone, so the round trip waits behind nothing the Q&A
sockets do (channels-redis's list-based layer made every process-local channel share
one receive loop, where the check queued behind the sockets' 5 s BZPOPMIN)."""

import asyncio
import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import DatabaseError, connection

logger = logging.getLogger("convening.health")
LAYER_TIMEOUT = 2  # seconds for the round trip; a load balancer's check waits longer


def database_problem():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        logger.warning("healthz: database unreachable: %s", error)
        return f"database unreachable ({type(error).__name__})"
    return None


async def _round_trip():
    layer = get_channel_layer()
    channel = await layer.new_channel("healthz.")  # subscribed before the send
    try:
        await layer.send(channel, {"type": "healthz.ping"})
        message = await asyncio.wait_for(layer.receive(channel), LAYER_TIMEOUT)
    finally:
        delete = getattr(layer, "delete_channel", None)  # one check, one channel
        if delete is not None:
            await delete(channel)
    return message["type"] == "healthz.ping"


def channel_layer_problem():
    try:
        if async_to_sync(_round_trip)():
            return None
        return "channel layer answered with another message"
    except TimeoutError:
        logger.warning("healthz: no round trip through the channel layer")
        return f"channel layer: no answer within {LAYER_TIMEOUT} s"
    except Exception as error:  # noqa: BLE001 - any client error: the layer is down
        logger.warning("healthz: channel layer unreachable: %s", error)
        return f"channel layer unreachable ({type(error).__name__})"


def problems():
    """{check: reason} for each check that failed (and each that passed, as None)."""
    return {"database": database_problem(), "channel_layer": channel_layer_problem()}
