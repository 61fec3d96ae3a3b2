"""The viewers of the Q&A benchmark (bench/qa.py): asyncio websocket clients
(bench/wsclient.py) in client processes of their own, commanded by the bench over a
pipe. Each arrival is timed in its client with the system-wide monotonic clock."""

import asyncio
import json
import random
import time
from collections import defaultdict

from bench import wsclient

HANDSHAKES = 50  # at once, per client process
HANDSHAKE_TIMEOUT = 30  # seconds, about what a browser waits
RECONNECT_SPREAD = 10  # seconds over which lost viewers spread their first attempt


class Viewer:
    """One viewer's socket and what it holds: the last seq, the approved questions, the
    seqs it saw."""

    def __init__(self, crowd, target, urls):
        self.crowd, self.target, self.urls = crowd, target, urls
        self.socket, self.closing = None, False
        self.seq = self.since = None  # last seq applied; seq of the first snapshot
        self.seen, self.approved = set(), set()
        self.reconnects, self.recovered_at = 0, None

    async def open(self, *, spread=0):
        """Connects to each URL in turn until one accepts, backing off with jitter;
        after a lost connection first waits up to `spread` seconds, so that the viewers
        of a lost process do not all come back in the same instant."""
        await asyncio.sleep(random.uniform(0, spread))
        delay = 1
        for attempt in range(30):
            try:
                self.socket = await wsclient.connect(
                    self.urls[attempt % len(self.urls)],
                    self.on_text,
                    self.on_close,
                    timeout=HANDSHAKE_TIMEOUT,
                )
                return True
            except (OSError, ConnectionError, TimeoutError):
                await asyncio.sleep(delay * random.uniform(0.5, 1.5))
                delay = min(2 * delay, 10)
        return False

    def on_close(self):
        socket = self.socket
        if self.closing or socket is None or not socket.closed:
            return  # closed by the bench, or a refused attempt open() goes on from
        self.socket = None
        self.reconnects += 1
        self.crowd.keep(self.open(spread=RECONNECT_SPREAD))

    def on_text(self, text, at):
        frame = json.loads(text)
        if frame["type"] == "snapshot":
            self.seq = frame["seq"]
            if self.since is None:
                self.since = self.seq
            self.approved = {q["id"] for q in frame["questions"]}
            if self.reconnects:
                self.recovered_at = at
            return
        seq = frame.get("seq")
        if seq is None:
            return
        if self.seq is not None and seq > self.seq + 1:
            self.socket.send('{"type": "resync"}')  # a gap: as a browser would
        self.seq = seq if self.seq is None else max(self.seq, seq)
        question = frame.get("question")
        if question:
            if question["status"] in ("approved", "answered"):
                self.approved.add(question["id"])
            else:
                self.approved.discard(question["id"])
        self.seen.add(seq)
        self.crowd.arrived(self.target, seq, at, text)


class Crowd:
    """The viewers of one client process, commanded by the bench over a pipe."""

    def __init__(self, conn):
        self.conn = conn
        self.viewers = defaultdict(list)  # target -> [Viewer]
        self.times = defaultdict(list)  # (target, seq) -> arrival times
        self.tasks = set()

    async def serve(self):
        loop = asyncio.get_running_loop()
        self.stopped = loop.create_future()
        loop.add_reader(self.conn.fileno(), self.command)
        await self.stopped

    def keep(self, coroutine):
        task = asyncio.ensure_future(coroutine)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    def command(self):
        name, *args = self.conn.recv()
        self.keep(getattr(self, name)(*args))

    def reply(self, *message):
        self.conn.send(message)

    def arrived(self, target, seq, at, text):
        times = self.times[target, seq]
        times.append(at)
        if len(times) == len(self.viewers[target]):
            self.reply("done", target, seq, times, text)

    async def connect(self, target, urls, count, offset):
        """`count` viewers, the n-th on urls[n % len(urls)] first (the others are where
        it fails over to)."""
        gate = asyncio.Semaphore(HANDSHAKES)

        async def one(n):
            first = (offset + n) % len(urls)
            viewer = Viewer(self, target, urls[first:] + urls[:first])
            async with gate:
                if await viewer.open():
                    self.viewers[target].append(viewer)

        began = time.monotonic()
        await asyncio.gather(*(one(n) for n in range(count)))
        self.reply("connected", len(self.viewers[target]), time.monotonic() - began)

    async def close(self, target):
        for viewer in self.viewers.pop(target, []):
            viewer.closing = True
            if viewer.socket:
                viewer.socket.close()
        self.reply("closed")

    async def mark(self):
        self.reply("mark", time.process_time(), time.monotonic())

    async def report(self, target, since, until, expected):
        """Per viewer: seqs in (since, until] never seen, approved questions not held,
        whether it is connected, its reconnects, when it last recovered, and how many
        seqs it should have seen."""
        expected, rows = set(expected), []
        for viewer in self.viewers[target]:
            first = max(since, viewer.since)
            due = range(first + 1, until + 1)
            missed = sum(1 for s in due if s not in viewer.seen)
            rows.append(
                (
                    missed,
                    len(expected - viewer.approved),
                    viewer.socket is not None and not viewer.socket.closed,
                    viewer.reconnects,
                    viewer.recovered_at,
                    len(due),
                )
            )
        self.reply("report", rows)

    async def stop(self):
        for viewers in self.viewers.values():
            for viewer in viewers:
                viewer.closing = True
                if viewer.socket:
                    viewer.socket.close()
        self.stopped.set_result(None)


def client_process(conn):
    wsclient.raise_fd_limit()
    asyncio.run(Crowd(conn).serve())
