"""The bench's side of the Q&A benchmark (bench/qa.py): the client processes it
commands (bench/qa_crowd.py), a moderator and askers on sockets of their own, the
measured rounds of ours and the floor, and the latency figures they give."""

import asyncio
import json
import multiprocessing
import re
import statistics
import time
from collections import defaultdict

from bench import wsclient
from bench.qa_crowd import client_process
from bench.report import Figure

ASKS_PER_ASKER = 4  # the ask limit is 5 a minute per participant
WAIT = 30  # seconds any one step may take before the run gives up
ARRIVAL = 10  # seconds a frame may take to reach every viewer before it counts as lost
ROUNDS_BUDGET = 15  # seconds of measured rounds per phase, at most
MIN_ROUNDS = 5
STORM_LEAD = 0.25  # seconds from a reconnect storm's start to the approve or relay
STORM_WAIT = 300  # seconds a storm's viewers may take to be back
TEXT = (
    "Question {n} from the floor: how do the findings on knowledge sharing carry "
    "over to small organisations with no budget for it?"
)


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


class Person:
    """A signed-in participant or moderator on one socket, with the frames it got and
    when the last one `expect` returned came (`at`)."""

    def __init__(self):
        self.frames = asyncio.Queue()
        self.at = None

    async def open(self, url, cookie):
        self.socket = await wsclient.connect(
            url,
            lambda text, at: self.frames.put_nowait((json.loads(text), at)),
            cookie=cookie,
        )
        return self

    def send(self, **frame):
        self.socket.send(json.dumps(frame))

    async def expect(self, kind, test=lambda frame: True):
        """The next frame of `kind` that passes `test`; a refusal stops the run."""
        while True:
            frame, at = await asyncio.wait_for(self.frames.get(), WAIT)
            if frame["type"] == "error":
                raise RuntimeError(f"the server refused a bench frame: {frame}")
            if frame["type"] == kind and test(frame):
                self.at = at
                return frame


class Bench:
    def __init__(self, stage, processes):
        self.stage = stage
        self.pipes, self.processes = [], []
        context = multiprocessing.get_context("spawn")
        for _ in range(processes):
            mine, theirs = context.Pipe()
            process = context.Process(target=client_process, args=(theirs,))
            process.start()
            self.pipes.append(mine)
            self.processes.append(process)
        self.asked = 0  # questions asked, over all phases
        self.relayed = 0  # frames the floor relayed, over all phases: their seqs
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

    async def everyone(self, *command, wait=3 * WAIT):
        self.tell(*command)
        return await self.answers(wait)

    def tell(self, *command):
        """Sends `command` to every client process; `answers` collects the replies."""
        for pipe in self.pipes:
            pipe.send(command)

    async def answers(self, wait=3 * WAIT):
        return [await asyncio.wait_for(q.get(), wait) for q in self.replies]

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

    async def connect(self, target, urls, count, cookies=None):
        """Splits `count` viewers over the client processes, signed in with `cookies`
        (one each) when given: the connect time."""
        share = -(-count // len(self.pipes))
        for n, pipe in enumerate(self.pipes):
            mine = cookies[n * share : (n + 1) * share] if cookies else None
            pipe.send(
                (
                    "connect",
                    target,
                    urls,
                    min(share, count - n * share),
                    n * share,
                    mine,
                )
            )
        try:
            replies = [await asyncio.wait_for(q.get(), 10 * WAIT) for q in self.replies]
        except TimeoutError:
            raise RuntimeError(
                f"{target}: {count} viewers not all connected in {10 * WAIT} s"
            ) from None
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

    async def rounds(self, phase, trigger, count, *, warmup, storm=0):
        """Up to `count` measured rounds of ours and the floor, in turns (which goes
        first alternates), for at most ROUNDS_BUDGET seconds and at least MIN_ROUNDS:
        per-viewer latencies, each round's time until the last viewer (ms) and how
        many rounds did not reach every viewer in ARRIVAL seconds. The viewers are the
        phase's and the phase's "-floor". With a `storm` (a share), that share of each
        side's viewers closes and reopens at once just before its round; the others are
        timed, and each storm's time until the last was back is kept ("storm", s)."""
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
            measured = n >= 0
            for side in (
                ("ours", "floor") if n % 2 or text is None else ("floor", "ours")
            ):
                target, into = (
                    (phase, ours) if side == "ours" else (f"{phase}-floor", floor)
                )
                if storm:
                    self.tell("storm", target, storm)
                    await asyncio.sleep(STORM_LEAD)
                if side == "ours":
                    text = await self.our_round(
                        phase, question, seq + 1, ours, measured
                    )
                else:
                    await self.floor_round(phase, trigger, text, floor, measured)
                if storm:
                    await self.calm(into, measured)
        return ours, floor

    async def calm(self, into, measured):
        """Waits until a storm's viewers are back: its time, and who did not."""
        replies = await self.answers(STORM_WAIT)
        into["gone"].append(sum(went - back for _, went, back, _ in replies))
        if measured:
            into["storm"].append(max(took for *_, took in replies))

    async def our_round(self, phase, question, seq, into, measured):
        """The moderator approves `question`: every viewer must get `seq`. The text
        the viewers got; the moderator's time is kept too ("moderator", ms)."""
        began = time.monotonic()
        self.approve(question)
        got = await self.arrival(phase, seq)
        if await self.approved(question) != seq:
            raise RuntimeError(f"{phase}: another change came between the rounds")
        if measured:
            into["moderator"].append(1000 * (self.moderator.at - began))
        if got is None:
            into["lost"].append(seq)
            return into.get("text")
        times, into["text"] = got
        if measured:
            into["viewers"] += [1000 * (t - began) for t in times]
            into["last"].append(1000 * (max(times) - began))
        return into["text"]

    async def floor_round(self, phase, trigger, text, into, measured):
        """The relay sends `text` (as the next seq of its own) to its group as it is."""
        if text is None:
            return
        self.relayed += 1
        seq = self.relayed
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
