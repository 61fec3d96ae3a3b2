"""Notices coalesced per key on the server's event loop, for what changes too often to
send one frame per change (the Q&A's vote counts, a poll's results): the first notice
after a quiet spell is sent at once (a lone change shows without delay); those during
the next window are gathered and sent together when it ends, which opens another
window. Windows live on the event loop that runs the server's sockets; a notice made
where no loop keeps running (a command, a test's client) is sent at once, alone."""

import asyncio
import contextvars
import os

from asgiref.sync import SyncToAsync, async_to_sync


class Windows:
    def __init__(self, seconds, send):
        """`send(key, items)`: a coroutine sending what the notices of `key` name."""
        self.seconds, self.send = seconds, send
        self.gathered = {}  # (loop, key) -> items noticed since the last send

    async def notice(self, key, item):
        loop = asyncio.get_running_loop()
        for gone in [held for held in self.gathered if held[0].is_closed()]:
            del self.gathered[gone]  # a loop made for one call: its window never ended
        held = (loop, key)
        if held in self.gathered:  # a window is open: sent when it ends
            self.gathered[held].add(item)
            return
        self.gathered[held] = set()
        self._later(loop, held)
        await self.send(key, {item})

    def _later(self, loop, held):
        # In a context of its own: this one belongs to the notice's thread (asgiref's
        # executor for it), which has moved on by the time the window ends.
        loop.call_later(self.seconds, self._ends, held, context=contextvars.Context())

    def _ends(self, held):
        loop, key = held
        items = self.gathered.pop(held)
        if items:
            self.gathered[held] = set()
            self._later(loop, held)
            loop.create_task(self.send(key, items))


_started = set()  # tasks started by soon(), held until they end


def soon(function, *args):
    """`function(*args)` on the server's event loop, not waited for: the calling thread
    (the one per process that runs the consumers' database work) goes on. Where no
    server loop runs (a command, a test's client), run at once."""
    loop = None
    if getattr(SyncToAsync.threadlocal, "main_event_loop_pid", None) == os.getpid():
        loop = getattr(SyncToAsync.threadlocal, "main_event_loop", None)
    if loop is None or not loop.is_running():
        async_to_sync(function)(*args)
        return

    def start():
        task = loop.create_task(function(*args))
        _started.add(task)
        task.add_done_callback(_started.discard)

    loop.call_soon_threadsafe(start, context=contextvars.Context())
