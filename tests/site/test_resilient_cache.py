"""The Redis cache of the scaled mode while Redis is down: an empty cache, said once."""

import asyncio
import logging

import pytest

from tests.servers import free_port, redis_server
from toolkit import resilient_cache
from toolkit.resilient_cache import ResilientRedisCache


@pytest.fixture
def nowhere(monkeypatch):
    """A cache whose Redis does not answer (nothing listens on its port)."""
    monkeypatch.setattr(resilient_cache, "OUTAGES", {})
    return ResilientRedisCache(f"redis://127.0.0.1:{free_port()}/0", {})


def test_an_unreachable_redis_answers_as_an_empty_cache(nowhere):
    assert nowhere.get("page", "missed") == "missed"
    assert nowhere.get_many(["a", "b"]) == {}
    assert nowhere.set("page", "text") is None
    assert nowhere.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert nowhere.add("counter", 0) is False
    assert nowhere.incr("counter") == 1  # a rate limit counts its first step only
    assert nowhere.get_or_set("generation", "new") == "new"
    assert nowhere.has_key("page") is False
    assert nowhere.delete("page") is False


def test_the_outage_is_said_once_and_redis_is_left_alone_meanwhile(nowhere, caplog):
    with caplog.at_level(logging.WARNING, logger="convening.cache"):
        for _ in range(50):
            nowhere.get("page")

    assert [record.levelname for record in caplog.records] == ["WARNING"]
    assert "unreachable" in caplog.records[0].getMessage()
    assert nowhere.outage.skipping()  # no connection tried for the other 49


def test_a_redis_back_is_emptied_then_used_again(monkeypatch, caplog):
    """What Redis held from before may be stale: an invalidation made meanwhile (an
    unpublished page's new generation) was dropped."""
    monkeypatch.setattr(resilient_cache, "OUTAGES", {})
    port = free_port()
    cache = ResilientRedisCache(f"redis://127.0.0.1:{port}/0", {})
    cache.set("page", "lost")  # down
    cache.outage.until = 0  # the pause is over
    caplog.clear()

    with redis_server(port), caplog.at_level(logging.WARNING, "convening.cache"):
        stale = ResilientRedisCache(f"redis://127.0.0.1:{port}/0", {})
        stale.outage = resilient_cache.Outage("elsewhere")  # another process's view
        stale.set("page", "published before it was restricted")
        found = cache.get("page")
        cache.set("page", "kept")
        kept = cache.get("page")

    assert (found, kept) == (None, "kept")
    assert [r.getMessage() for r in caplog.records] == [
        f"Cache at redis://127.0.0.1:{port}/0 reachable again; emptied, as changes "
        "made meanwhile did not reach it"
    ]


async def test_sockets_in_their_thousands_share_a_handful_of_connections(settings):
    """Django makes a cache object per asyncio task, as each websocket's consumer is;
    with a pool each, a process held one idle Redis connection per viewer."""
    import redis
    from asgiref.sync import sync_to_async
    from django.core.cache import caches

    with redis_server() as server:
        location = f"redis://127.0.0.1:{server.port}/0"
        settings.CACHES = {
            "default": {
                "BACKEND": "toolkit.resilient_cache.ResilientRedisCache",
                "LOCATION": location,
            }
        }

        async def viewer(n):
            caches["default"].set(f"seen:{n}", n)  # in the task, as a consumer does
            return await sync_to_async(caches["default"].get)(f"seen:{n}")

        seen = await asyncio.gather(*(viewer(n) for n in range(200)))
        clients = redis.Redis(port=server.port).info("clients")["connected_clients"]

    assert seen == list(range(200))
    # The server's readiness check's and this count's, and the two the viewers used
    # at once (one in their tasks, one in the thread sync_to_async runs on).
    assert clients <= 4
