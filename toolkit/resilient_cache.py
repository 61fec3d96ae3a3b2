"""Django's Redis cache that answers as an empty cache while Redis is down.

The database is the truth; the cache only saves work. When Redis cannot be reached, a
read misses, a write is dropped and a counter starts again, so pages and files are
served (slower) instead of failing. After a failure the process leaves Redis alone for
RETRY_AFTER seconds, so an outage costs one failed connection per process per interval,
not one per request; it says so once at WARNING, and once more when Redis is back.

A write dropped may have been an invalidation (a new page-cache generation after an
organiser unpublished a page, a Q&A change): Redis may hold copies that are no longer
true. So the first thing a process does with Redis after an outage is to empty it,
before anything is read from it.

Rate limits count nothing while Redis is down (a counter starts at its first step): an
outage opens them rather than refusing everyone."""

import logging
import threading
import time
from functools import wraps

from django.core.cache.backends.redis import RedisCache
from django.utils.functional import cached_property
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("convening.cache")
RETRY_AFTER = 5  # seconds without trying Redis after a failure
# What redis-py (and the channel layer over it) raises while Redis cannot be reached.
UNREACHABLE = (OSError, RedisConnectionError, RedisTimeoutError)


class Outage:
    """One per Redis address and process, shared by every thread's cache object."""

    def __init__(self, location):
        self.location = location
        self.until = 0.0  # monotonic time before which Redis is not tried
        self.down = False
        self.lock = threading.Lock()

    def skipping(self):
        return self.down and time.monotonic() < self.until

    def recovered(self, cache):
        """After the pause: empties Redis (see above) and says so; False while it is
        still unreachable."""
        with self.lock:
            if not self.down:
                return True
            try:
                RedisCache.clear(cache)
            except UNREACHABLE as error:
                self.until = time.monotonic() + RETRY_AFTER
                logger.debug("Cache still unreachable: %s", error)
                return False
            self.down = False
        logger.warning(
            "Cache at %s reachable again; emptied, as changes made meanwhile did not "
            "reach it",
            self.location,
        )
        return True

    def failed(self, error):
        with self.lock:
            self.until = time.monotonic() + RETRY_AFTER
            if not self.down:
                self.down = True
                logger.warning(
                    "Cache at %s unreachable (%s): serving without it, trying again "
                    "every %s s",
                    self.location,
                    error,
                    RETRY_AFTER,
                )


OUTAGES = {}
OUTAGES_LOCK = threading.Lock()


def outage_of(location):
    with OUTAGES_LOCK:
        return OUTAGES.setdefault(location, Outage(location))


def _empty_answer(fallback):
    """Wraps a cache method: while Redis is unreachable, `fallback(*args, **kwargs)`
    answers instead."""

    def decorate(method):
        @wraps(method)
        def answer(self, *args, **kwargs):
            if self.outage.down and (
                self.outage.skipping() or not self.outage.recovered(self)
            ):
                return fallback(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except UNREACHABLE as error:
                self.outage.failed(error)
                return fallback(*args, **kwargs)

        return answer

    return decorate


def _default(key, default=None, version=None):
    return default


def _none(*args, **kwargs):
    return None


def _false(*args, **kwargs):
    return False


def _nothing_found(*args, **kwargs):
    return {}


def _none_stored(data, *args, **kwargs):
    return list(data)  # set_many's list of keys it failed to store


def _first_step(key, delta=1, version=None):
    return delta


# The redis-py clients, one per address and options in a process (see _cache).
CLIENTS = {}
CLIENTS_LOCK = threading.Lock()


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self.outage = outage_of(server)

    @cached_property
    def _cache(self):
        """One client, with its connection pool, for every cache object of the process.
        Django makes a cache object per thread and per asyncio task (each websocket's
        consumer), and each of Django's objects pools its own connections: a process
        holding 5,000 sockets held 5,000 idle connections to Redis, up to Redis's
        `maxclients`. A shared pool holds as many as are used at once."""
        key = (tuple(self._servers), repr(sorted(self._options.items())))
        with CLIENTS_LOCK:
            client = CLIENTS.get(key)
            if client is None:
                client = CLIENTS[key] = self._class(self._servers, **self._options)
        return client

    get = _empty_answer(_default)(RedisCache.get)
    get_many = _empty_answer(_nothing_found)(RedisCache.get_many)
    has_key = _empty_answer(_false)(RedisCache.has_key)
    set = _empty_answer(_none)(RedisCache.set)
    set_many = _empty_answer(_none_stored)(RedisCache.set_many)
    add = _empty_answer(_false)(RedisCache.add)
    touch = _empty_answer(_false)(RedisCache.touch)
    incr = _empty_answer(_first_step)(RedisCache.incr)
    delete = _empty_answer(_false)(RedisCache.delete)
    delete_many = _empty_answer(_none)(RedisCache.delete_many)
    clear = _empty_answer(_none)(RedisCache.clear)
