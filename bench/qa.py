"""Live Q&A fan-out over websockets, each figure against a bare Channels consumer that
relays the same pre-encoded frame from the same daphne (bench/relay_app.py):

1. local: the viewers on one daphne process (in-memory channel layer). Each round a
   participant asks and waits until every viewer has the pending frame; then a
   moderator approves, and each viewer's latency is the time from just before the
   approve frame is sent until it holds the frame with that seq. A floor round (a frame
   of the same size sent to the relay, which group_sends it as it is) follows or
   precedes each round, so drift falls on both.
2. redis: the same over two daphne processes sharing the Redis channel layer, viewers
   split half and half; every viewer must see every seq.
3. kill: on those two processes, a stream of approvals during which one process is
   killed (SIGKILL). Its viewers reconnect with backoff to the other and take the
   snapshot sent on connect; at the end every viewer must hold every approved question.

The viewers are asyncio clients (bench/wsclient.py) in CLIENT_PROCESSES processes; each
arrival is timed in its client with the system-wide monotonic clock.
"""

import asyncio
import json
import multiprocessing
import os
import random
import re
import signal
import statistics
import time
from collections import defaultdict
from contextlib import ExitStack

from bench import wsclient
from bench.environment import daphne, daphne_process
from bench.report import Figure

CLIENT_PROCESSES = 2
HANDSHAKES = 50  # at once, per client process
ASKS_PER_ASKER = 4  # the ask limit is 5 a minute per participant
STREAM_INTERVAL = 0.05  # seconds between approvals in the kill phase
WAIT = 30  # seconds any one step may take before the run gives up
ARRIVAL = 10  # seconds a frame may take to reach every viewer before it counts as lost
ROUNDS_BUDGET = 15  # seconds of measured rounds per phase, at most
MIN_ROUNDS = 5
RECOVERY_WAIT = 60  # seconds for every viewer to hold every question after the kill
HANDSHAKE_TIMEOUT = 30  # seconds, about what a browser waits
RECONNECT_SPREAD = 10  # seconds over which lost viewers spread their first attempt
RELAY = "bench.relay_app:application"
TEXT = (
    "Question {n} from the floor: how do the findings on knowledge sharing carry "
    "over to small organisations with no budget for it?"
)


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


# The client processes -------------------------------------------------------------


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


def _client_process(conn):
    wsclient.raise_fd_limit()
    asyncio.run(Crowd(conn).serve())


# The bench's side -----------------------------------------------------------------


class Person:
    """A signed-in participant or moderator on one socket, with the frames it got."""

    def __init__(self):
        self.frames = asyncio.Queue()

    async def open(self, url, cookie):
        self.socket = await wsclient.connect(
            url,
            lambda text, at: self.frames.put_nowait(json.loads(text)),
            cookie=cookie,
        )
        return self

    def send(self, **frame):
        self.socket.send(json.dumps(frame))

    async def expect(self, kind, test=lambda frame: True):
        """The next frame of `kind` that passes `test`; a refusal stops the run."""
        while True:
            frame = await asyncio.wait_for(self.frames.get(), WAIT)
            if frame["type"] == "error":
                raise RuntimeError(f"the server refused a bench frame: {frame}")
            if frame["type"] == kind and test(frame):
                return frame


class Bench:
    def __init__(self, stage, processes):
        self.stage = stage
        self.pipes, self.processes = [], []
        context = multiprocessing.get_context("spawn")
        for _ in range(processes):
            mine, theirs = context.Pipe()
            process = context.Process(target=_client_process, args=(theirs,))
            process.start()
            self.pipes.append(mine)
            self.processes.append(process)
        self.asked = 0  # questions asked, over all phases
        self.cookies = iter(stage["askers"])
        self.approvals = []  # every question the moderator saw approved

    async def start(self):
        loop = asyncio.get_running_loop()
        self.replies = [asyncio.Queue() for _ in self.pipes]
        self.arrivals, self.waiters = defaultdict(list), {}
        for pipe, replies in zip(self.pipes, self.replies, strict=True):
            loop.add_reader(pipe.fileno(), self.receive, pipe, replies)

    def receive(self, pipe, replies):
        message = pipe.recv()
        if message[0] != "done":
            replies.put_nowait(message)
            return
        _, target, seq, times, text = message
        arrived = self.arrivals[target, seq]
        arrived.append((times, text))
        waiter = self.waiters.get((target, seq))
        if len(arrived) == len(self.pipes) and waiter and not waiter.done():
            waiter.set_result(None)

    async def everyone(self, *command):
        for pipe in self.pipes:
            pipe.send(command)
        return [await asyncio.wait_for(q.get(), 3 * WAIT) for q in self.replies]

    async def arrival(self, target, seq):
        """Every viewer's arrival times of `seq`, and the frame's text; None when some
        viewer still lacks it after ARRIVAL seconds."""
        key = (target, seq)
        if len(self.arrivals[key]) < len(self.pipes):
            self.waiters[key] = asyncio.get_running_loop().create_future()
            try:
                await asyncio.wait_for(self.waiters[key], ARRIVAL)
            except TimeoutError:
                return None
        arrived = self.arrivals[key]
        return [t for times, _ in arrived for t in times], arrived[0][1]

    async def connect(self, target, urls, count):
        """Splits `count` viewers over the client processes: the connect time."""
        share = -(-count // len(self.pipes))
        for n, pipe in enumerate(self.pipes):
            pipe.send(
                ("connect", target, urls, min(share, count - n * share), n * share)
            )
        replies = [await asyncio.wait_for(q.get(), 10 * WAIT) for q in self.replies]
        connected = sum(r[1] for r in replies)
        if connected != count:
            raise RuntimeError(f"{target}: {connected} of {count} viewers connected")
        return max(r[2] for r in replies)

    async def cpu_mark(self):
        return [(cpu, wall) for _, cpu, wall in await self.everyone("mark")]

    async def cpu_since(self, marks):
        """The busiest client process's CPU share since `marks`."""
        now = await self.cpu_mark()
        return max(
            (cpu - cpu0) / (wall - wall0)
            for (cpu0, wall0), (cpu, wall) in zip(marks, now, strict=True)
        )

    async def people(self, url):
        """A moderator on `url` (a new connection: each has its own frame limit), and
        askers opened there as they are needed."""
        self.url = url
        self.moderator = await Person().open(
            f"{url}?view=moderate", self.stage["moderator"]
        )
        self.asker, self.asks = None, 0

    async def ask(self):
        """A participant asks: (question id, seq of the pending frame)."""
        if self.asker is None or self.asks == ASKS_PER_ASKER:
            self.asker = await Person().open(self.url, next(self.cookies))
            self.asks = 0
        self.asks += 1
        n, self.asked = self.asked, self.asked + 1
        asker = self.asker
        asker.send(type="ask", text=TEXT.format(n=n), anonymous=False)
        question = (await asker.expect("asked"))["question"]
        frame = await asker.expect(
            "question", lambda f: f["question"]["id"] == question
        )
        return question, frame["seq"]

    def approve(self, question):
        self.moderator.send(type="moderate", question=question, action="approve")

    async def approved(self, *questions):
        """Waits until the moderator has seen `questions` approved: the last seq."""
        waiting = set(questions)
        while waiting:
            frame = await self.moderator.expect(
                "question",
                lambda f: (
                    f["question"]["id"] in waiting
                    and f["question"]["status"] == "approved"
                ),
            )
            waiting.discard(frame["question"]["id"])
            self.approvals.append(frame["question"]["id"])
        return frame["seq"]

    async def rounds(self, phase, trigger, count, *, warmup):
        """Up to `count` measured rounds of ours and the floor, in turns (which goes
        first alternates), for at most ROUNDS_BUDGET seconds and at least MIN_ROUNDS:
        per-viewer latencies, each round's time until the last viewer (ms) and how
        many rounds did not reach every viewer in ARRIVAL seconds. The viewers are the
        phase's and the phase's "-floor"."""
        ours, floor = defaultdict(list), defaultdict(list)
        text, began = None, time.monotonic()
        for n in range(-warmup, count):
            if n >= MIN_ROUNDS and time.monotonic() - began > ROUNDS_BUDGET:
                break
            if ours["lost"] or floor["lost"]:
                break  # the figures are void: no use waiting on more losses
            question, seq = await self.ask()
            if await self.arrival(phase, seq) is None:
                ours["lost"].append(seq)
            if n % 2 or text is None:
                text = await self.our_round(phase, question, seq + 1, ours, n >= 0)
                await self.floor_round(phase, trigger, text, n + warmup, floor, n >= 0)
            else:
                await self.floor_round(phase, trigger, text, n + warmup, floor, n >= 0)
                text = await self.our_round(phase, question, seq + 1, ours, n >= 0)
        return ours, floor

    async def our_round(self, phase, question, seq, into, measured):
        """The moderator approves `question`: every viewer must get `seq`. The text
        the viewers got."""
        began = time.monotonic()
        self.approve(question)
        got = await self.arrival(phase, seq)
        if await self.approved(question) != seq:
            raise RuntimeError(f"{phase}: another change came between the rounds")
        if got is None:
            into["lost"].append(seq)
            return into.get("text")
        times, into["text"] = got
        if measured:
            into["viewers"] += [1000 * (t - began) for t in times]
            into["last"].append(1000 * (max(times) - began))
        return into["text"]

    async def floor_round(self, phase, trigger, text, seq, into, measured):
        """The relay sends `text` (as seq `seq`) to its group as it is."""
        if text is None:
            return
        began = time.monotonic()
        trigger.socket.send(re.sub(r'"seq":\d+', f'"seq":{seq}', text, count=1))
        got = await self.arrival(f"{phase}-floor", seq)
        if got is None:
            into["lost"].append(seq)
        elif measured:
            into["viewers"] += [1000 * (t - began) for t in got[0]]
            into["last"].append(1000 * (max(got[0]) - began))

    async def stop(self):
        loop = asyncio.get_running_loop()
        for pipe in self.pipes:
            loop.remove_reader(pipe.fileno())
            pipe.send(("stop",))
        for process in self.processes:
            await asyncio.to_thread(process.join, 10)
            if process.is_alive():
                process.kill()


def latency_figures(name, ours, floor, targets):
    """p50, p99 and max of the per-viewer latencies, and the median round's time until
    the last viewer; void when some frame never reached every viewer."""
    lost = len(ours["lost"]) + len(floor["lost"])
    void = f"{lost} frames did not reach every viewer" if lost else ""
    if not ours["viewers"] or not floor["viewers"]:
        return [Figure(f"{name}.p99", float("inf"), "ms", 0, void=void or "no round")]
    figures = []
    for kind, share in (("p50", 0.5), ("p99", 0.99), ("max", 1)):
        figures.append(
            Figure(
                f"{name}.{kind}",
                percentile(ours["viewers"], share),
                "ms",
                percentile(floor["viewers"], share),
                "bare relay",
                **targets.get(kind, {}),
                void=void,
            )
        )
    figures.append(
        Figure(
            f"{name}.all",
            statistics.median(ours["last"]),
            "ms",
            statistics.median(floor["last"]),
            "bare relay",
            void=void,
        )
    )
    return figures


def stage(askers):
    """A live session with its board open and premoderated, a moderator and `askers`
    registered participants; their session cookies."""
    from django.test import Client

    from participants.models import Registration
    from sessions.models import SessionPage, SessionRole
    from sessions.qa.models import QABoard
    from tests.factories import (
        EventPageFactory,
        PersonFactory,
        ProfileFactory,
        SessionPageFactory,
    )

    event = EventPageFactory(slug="bench-qa")
    session = SessionPageFactory(event=event, slug="bench-qa-live")
    QABoard.objects.create(
        session=session, status=QABoard.Status.OPEN, premoderation=True
    )
    moderator = ProfileFactory(full_name="Mo Derator", user__password="!").user
    session = SessionPage.objects.get(pk=session.pk)
    session.roles.add(
        SessionRole(
            person=PersonFactory(user=moderator), role=SessionRole.Role.MODERATOR
        )
    )
    session.save_revision().publish()
    participants = []
    for _ in range(askers):
        profile = ProfileFactory(user__password="!")
        Registration.objects.create(
            event=event,
            user=profile.user,
            group=profile.group,
            status=Registration.Status.CONFIRMED,
        )
        participants.append(profile.user)

    def cookie(user):
        client = Client()
        client.force_login(user)
        return client.cookies["sessionid"].value

    return {
        "path": f"/ws/sessions/{session.pk}/qa/",
        "moderator": cookie(moderator),
        "askers": [cookie(user) for user in participants],
    }


def ws(base, path):
    return base.replace("http://", "ws://") + path


async def local(bench, figures, env, viewers, rounds):
    """One daphne process, the in-memory channel layer."""
    path = bench.stage["path"]
    with ExitStack() as servers:
        ours = servers.enter_context(daphne(env))
        relay = servers.enter_context(daphne(env, application=RELAY))
        await bench.connect("local", [ws(ours, path)], viewers)
        await bench.connect("local-floor", [ws(relay, "/relay/")], viewers)
        await bench.people(ws(ours, path))
        trigger = await Person().open(ws(relay, "/relay/trigger/"), None)
        marks = await bench.cpu_mark()
        ours_t, floor_t = await bench.rounds("local", trigger, rounds, warmup=1)
        cpu = await bench.cpu_since(marks)
        await bench.everyone("close", "local")
        await bench.everyone("close", "local-floor")
    name = f"qa.local.{viewers}"
    figures += latency_figures(
        name, ours_t, floor_t, {"p99": {"max_value": 250, "max_ratio": 1.3}}
    )
    figures.append(
        Figure(f"{name}.client_cpu", 100 * cpu, "% of a core", 100, "one core")
    )


async def redis(bench, figures, env, viewers, rounds, stream):
    """Two daphne processes sharing the Redis channel layer, viewers split between
    them; then one of them killed in a stream of approvals."""
    path = bench.stage["path"]
    name, kill = f"qa.redis.{viewers}", f"qa.kill.{viewers}"
    with ExitStack() as servers:
        a, _ = servers.enter_context(daphne_process(env))
        b, b_process = servers.enter_context(daphne_process(env))
        relays = [
            ws(servers.enter_context(daphne(env, application=RELAY)), "/relay/")
            for _ in range(2)
        ]
        urls = [ws(a, path), ws(b, path)]
        connect_time = await bench.connect("redis", urls, viewers)
        await bench.connect("redis-floor", relays, viewers)
        await bench.people(urls[0])
        trigger = await Person().open(relays[0] + "trigger/", None)
        marks = await bench.cpu_mark()
        ours_t, floor_t = await bench.rounds("redis", trigger, rounds, warmup=1)
        cpu = await bench.cpu_since(marks)
        await bench.everyone("close", "redis-floor")
        until = (await bench.ask())[1]
        await bench.arrival("redis", until)
        # Every seq from each viewer's snapshot on: counted per viewer.
        reports = await bench.everyone("report", "redis", 0, until, [])
        missed = sum(row[0] for _, rows in reports for row in rows)
        sent = sum(row[5] for _, rows in reports for row in rows)
        figures += latency_figures(name, ours_t, floor_t, {}) + [
            Figure(f"{name}.client_cpu", 100 * cpu, "% of a core", 100, "one core"),
            Figure(f"{name}.missed", missed, "frames", sent, "sent", max_value=0),
        ]

        # Kill the second process in a stream of approvals; its viewers reconnect.
        await bench.people(urls[0])
        questions = [(await bench.ask())[0] for _ in range(stream)]
        killed_at = None
        for n, question in enumerate(questions):
            bench.approve(question)
            if n == stream // 3:
                os.kill(b_process.pid, signal.SIGKILL)
                killed_at = time.monotonic()
            await asyncio.sleep(STREAM_INTERVAL)
        await bench.approved(*questions)
        deadline = time.monotonic() + RECOVERY_WAIT
        while True:
            reports = await bench.everyone("report", "redis", 0, 0, bench.approvals)
            rows = [row for _, rows in reports for row in rows]
            lacking = sum(row[1] for row in rows)
            if not lacking or time.monotonic() > deadline:
                break
            await asyncio.sleep(0.5)
        reconnected = sum(1 for row in rows if row[3])
        recovered = [row[4] for row in rows if row[4] is not None]
        figures += [
            Figure(
                f"{kill}.missed",
                lacking,
                "questions",
                len(rows) * len(bench.approvals),
                "held",
                max_value=0,
                void="" if reconnected else "no viewer lost its connection",
            ),
            Figure(
                f"{kill}.reconnected",
                reconnected,
                "viewers",
                viewers // 2,
                "on the killed process",
            ),
            Figure(
                f"{kill}.recovery",
                1000 * (max(recovered) - killed_at) if recovered else float("inf"),
                "ms",
                1000 * connect_time,
                "first connect",
            ),
        ]
        await bench.everyone("close", "redis")


async def phase(bench, measure, *args):
    """The figures `measure` appends; if the server stops answering the bench (its
    socket lost: nothing reconnects the moderator or the askers), what came before and
    a void figure that says so."""
    await bench.start()
    figures = []
    try:
        await measure(bench, figures, *args)
    except TimeoutError:
        figures.append(
            Figure(
                f"qa.{measure.__name__}.stalled",
                WAIT,
                "s",
                WAIT,
                "wait",
                void="the moderator or an asker got no answer (its socket lost?)",
            )
        )
    return figures


def run(env, *, quick):
    wsclient.raise_fd_limit()  # inherited by the daphne processes
    viewers, rounds, stream = (200, 5, 10) if quick else (2000, 20, 30)
    asks = 2 * rounds + stream + 10
    bench = Bench(stage(asks // ASKS_PER_ASKER + 1), CLIENT_PROCESSES)
    try:
        # The in-memory channel layer and cache: no REDIS_URL.
        in_memory = {**env, "REDIS_URL": ""}
        yield from asyncio.run(phase(bench, local, in_memory, viewers, rounds))
        yield from asyncio.run(phase(bench, redis, env, viewers, rounds, stream))
    finally:
        asyncio.run(bench.stop())
