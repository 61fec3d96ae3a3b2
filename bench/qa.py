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

The viewers are asyncio clients (bench/wsclient.py) in CLIENT_PROCESSES processes
(bench/qa_crowd.py), commanded by the bench's side (bench/qa_driver.py); each arrival
is timed in its client with the system-wide monotonic clock.
"""

import asyncio
import os
import signal
import time
from contextlib import ExitStack

from bench import wsclient
from bench.environment import daphne, daphne_process
from bench.qa_driver import ASKS_PER_ASKER, WAIT, Bench, Person, latency_figures
from bench.report import Figure

CLIENT_PROCESSES = 2
STREAM_INTERVAL = 0.05  # seconds between approvals in the kill phase
RECOVERY_WAIT = 60  # seconds for every viewer to hold every question after the kill
RELAY = "bench.relay_app:application"


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
