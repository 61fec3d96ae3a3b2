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
RECONNECT_BASE, RECONNECT_CAP = 2, 30  # seconds: qa.js's backoff after a lost socket


class Viewer:
    """One viewer's socket and what it holds: the last seq, the approved questions, the
    seqs it saw, the vote counts; signed in when it has a session `cookie` (a voter),
    with the answer to its vote."""

    def __init__(self, crowd, target, urls, cookie=None):
        self.crowd, self.target, self.urls, self.cookie = crowd, target, urls, cookie
        self.socket, self.closing = None, False
        self.seq = self.since = None  # last seq applied; seq of the first snapshot
        self.seen, self.approved = set(), set()
        self.reconnects, self.recovered_at = 0, None
        # Question id (text) -> (vote_seq, count, when the count last changed).
        self.votes = {}
        self.answer = self.answered_at = None  # "voted" or the error's code

    async def open(self, *, lost=False):
        """Connects as a browser behind nginx does: each attempt tries the URLs in
        turn, at once, as nginx passes a refused connection to the next upstream
        (`proxy_next_upstream`, on by default; docs/deploy.md). After a `lost`
        connection each attempt waits as qa.js's do, with full jitter: anywhere within
        2 s, 4 s, 8 s ... 30 s, so that the viewers of a lost process do not all come
        back in the same instant. Otherwise the first attempt is at once and a refused
        one is retried after about 1, 2, 4 ... 10 s."""
        delay = 1
        for attempt in range(30):
            if lost:
                cap = min(RECONNECT_CAP, RECONNECT_BASE * 2**attempt)
                await asyncio.sleep(random.uniform(0, cap))
            for url in self.urls:
                try:
                    self.socket = await wsclient.connect(
                        url,
                        self.on_text,
                        self.on_close,
                        cookie=self.cookie,
                        timeout=HANDSHAKE_TIMEOUT,
                    )
                    return True
                except (OSError, ConnectionError, TimeoutError):
                    continue
            if not lost:
                await asyncio.sleep(delay * random.uniform(0.5, 1.5))
                delay = min(2 * delay, 10)
        return False

    def on_close(self):
        socket = self.socket
        if self.closing or socket is None or not socket.closed:
            return  # closed by the bench, or a refused attempt open() goes on from
        self.socket = None
        self.reconnects += 1
        self.crowd.keep(self.open(lost=True))

    def count(self, question, votes, vote_seq, at):
        """As qa.js's countVotes: per question, the count with the highest vote_seq
        stands, whichever frame brought it."""
        held = self.votes.get(str(question))
        if held and held[0] > vote_seq:
            return
        changed = held[2] if held and held[1] == votes else at
        self.votes[str(question)] = (vote_seq, votes, changed)

    def on_text(self, text, at):
        frame = json.loads(text)
        kind = frame["type"]
        if kind == "snapshot":
            self.seq = frame["seq"]
            if self.since is None:
                self.since = self.seq
            self.approved = {q["id"] for q in frame["questions"]}
            for question in frame["questions"]:
                if "votes" in question:
                    self.count(question["id"], question["votes"], frame["vote_seq"], at)
            if self.reconnects:
                self.recovered_at = at
            return
        if kind == "votes":
            for question, votes in frame["votes"].items():
                self.count(question, votes, frame["vote_seq"], at)
        elif kind == "poll_results":  # held as counts of "o<option id>"
            for option in frame["results"].get("options", []):
                self.count(
                    f"o{option['id']}", option["count"], frame["answers_seq"], at
                )
        elif kind == "answered":
            self.answer, self.answered_at = kind, at
        elif kind in ("voted", "error"):
            self.answer, self.answered_at = frame.get("code", kind), at
            if kind == "voted":
                self.count(frame["question"], frame["votes"], frame["vote_seq"], at)
        elif kind == "question" and "votes" in frame["question"]:
            question = frame["question"]
            self.count(question["id"], question["votes"], frame["vote_seq"], at)
        seq = frame.get("seq")
        if seq is None:
            return
        # A gap: as a browser would. (Frames read with the handshake's answer come
        # before open() has the socket: a relay's, after a storm, may skip seqs.)
        if self.seq is not None and seq > self.seq + 1 and self.socket:
            self.socket.send('{"type": "resync"}')
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

    async def connect(self, target, urls, count, offset, cookies=None):
        """`count` viewers, the n-th on urls[n % len(urls)] first (the others are where
        it fails over to), signed in with cookies[n] when `cookies` are given."""
        gate = asyncio.Semaphore(HANDSHAKES)

        async def one(n):
            first = (offset + n) % len(urls)
            cookie = cookies[n] if cookies else None
            viewer = Viewer(self, target, urls[first:] + urls[:first], cookie)
            async with gate:
                if await viewer.open():
                    self.viewers[target].append(viewer)

        began = time.monotonic()
        await asyncio.gather(*(one(n) for n in range(count)))
        self.reply("connected", len(self.viewers[target]), time.monotonic() - began)

    async def close(self, target=None):
        """The viewers of `target`, or of every target."""
        for name in [target] if target else list(self.viewers):
            for viewer in self.viewers.pop(name, []):
                viewer.closing = True
                if viewer.socket:
                    viewer.socket.close()
        self.reply("closed")

    async def storm(self, target, share):
        """The first `share` of `target`'s viewers close and reopen at once (no spread),
        out of `target` meanwhile (the rest answer for its arrivals); back in it once
        reopened. Replies (how many went, how many came back, seconds until the last
        was back)."""
        viewers = self.viewers[target]
        going = viewers[: round(share * len(viewers))]
        self.viewers[target] = viewers[len(going) :]
        began = time.monotonic()
        for viewer in going:
            viewer.target = f"{target}-storm"
            socket, viewer.socket = viewer.socket, None  # on_close lets it go
            if socket:
                socket.close()
        back = await asyncio.gather(*(viewer.open() for viewer in going))
        took = time.monotonic() - began
        returned = [viewer for viewer, ok in zip(going, back, strict=True) if ok]
        for viewer in returned:
            viewer.target = target
        self.viewers[target] = returned + self.viewers[target]
        self.reply("stormed", len(going), len(returned), took)

    async def vote(self, target, questions):
        """Each viewer of `target` (signed in) votes once, on questions[n % len]: when
        the first vote was sent."""
        began = time.monotonic()
        for n, viewer in enumerate(self.viewers[target]):
            viewer.answer = viewer.answered_at = None
            if viewer.socket is None:
                viewer.answer = "no socket"
                continue
            question = questions[n % len(questions)]
            viewer.socket.send(json.dumps({"type": "vote", "question": question}))
        self.reply("voting", began)

    async def answer(self, target, poll, options):
        """Each viewer of `target` (signed in) answers the poll, choosing
        options[n % len]: when the first answer was sent."""
        began = time.monotonic()
        for n, viewer in enumerate(self.viewers[target]):
            viewer.answer = viewer.answered_at = None
            if viewer.socket is None:
                viewer.answer = "no socket"
                continue
            chosen = str(options[n % len(options)])
            viewer.socket.send(
                json.dumps({"type": "answer", "poll": poll, "chosen": chosen})
            )
        self.reply("answering", began)

    async def tally(self, target, expected):
        """Per viewer: how many of the `expected` counts ({question id: count}) it
        does not hold, when it last changed one of them, its vote's answer and when
        that came."""
        rows = []
        for viewer in self.viewers[target]:
            held = [viewer.votes.get(str(q)) for q in expected]
            wrong = sum(
                1
                for h, count in zip(held, expected.values(), strict=True)
                if h is None or h[1] != count
            )
            settled = max((h[2] for h in held if h), default=None)
            rows.append((wrong, settled, viewer.answer, viewer.answered_at))
        self.reply("tally", rows)

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
