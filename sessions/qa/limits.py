"""What one account may use of the live Q&A, across all its sockets and processes (the
shared cache: Redis in the scaled mode): QA_SOCKETS_PER_USER sockets open at once and
QA_FRAMES_PER_USER frames in a window. The per-connection limit alone would let one
account multiply its frames by opening more sockets."""

import time

from django.conf import settings
from django.core.cache import cache

# A socket's count outlives a process that died without closing it by this much.
SOCKETS_TTL = 15 * 60


def _sockets_key(user):
    return f"qa:sockets:{user.pk}"


def open_socket(user):
    """Counts a socket of `user` in; False (and nothing counted) when they already
    have QA_SOCKETS_PER_USER open."""
    key = _sockets_key(user)
    cache.add(key, 0, SOCKETS_TTL)
    count = cache.incr(key)
    cache.touch(key, SOCKETS_TTL)
    if count > settings.QA_SOCKETS_PER_USER:
        close_socket(user)
        return False
    return True


def close_socket(user):
    key = _sockets_key(user)
    try:
        if cache.decr(key) < 0:  # the count expired while sockets were open
            cache.set(key, 0, SOCKETS_TTL)
    except ValueError:  # expired: nothing left to take back
        pass


def frame_allowed(user):
    """Counts a frame of `user`'s; False once they sent QA_FRAMES_PER_USER in this
    window, on whichever of their sockets."""
    limit, seconds = settings.QA_FRAMES_PER_USER
    key = f"qa:frames:{user.pk}:{int(time.time() // seconds)}"
    cache.add(key, 0, seconds * 2)
    return cache.incr(key) <= limit
