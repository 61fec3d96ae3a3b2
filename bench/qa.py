"""Live Q&A fan-out over websockets, each figure against a bare Channels consumer that
relays the same pre-encoded frame from the same daphne (bench/relay_app.py):

1. local: the viewers on one daphne process (in-memory channel layer). Each round a
   participant asks and waits until every viewer has the pending frame; then a
   moderator approves, and each viewer's latency is the time from just before the
   approve frame is sent until it holds the frame with that seq. A floor round (a frame
   of the same size sent to the relay, which group_sends it as it is) follows or
   precedes each round, so drift falls on both.
2. redis: the same over two daphne processes sharing the Redis channel layer, viewers
   split half and half; every viewer must see every seq. Run at two sizes (2,000 and
   10,000 viewers); the next three run on the smaller one's processes and viewers.
3. votes: registered voters, signed in on sockets of their own, each vote once on a few
   approved questions at the same instant; the viewers keep, per question, the count
   with the highest vote_seq (as qa.js does) and must all end with the count the
   database holds: the time from the first vote until the last viewer held it.
4. storm: rounds as in 2, where just before each approve (and each relay frame of the
   floor) half the viewers close and reopen at once; the other half is timed.
5. kill: on those two processes, a stream of approvals during which one process is
   killed (SIGKILL). Its viewers reconnect with backoff to the other and take the
   snapshot sent on connect; at the end every viewer must hold every approved question.

The viewers are asyncio clients (bench/wsclient.py) in CLIENT_PROCESSES processes
(bench/qa_crowd.py), commanded by the bench's side (bench/qa_driver.py); each arrival
is timed in its client with the system-wide monotonic clock.
"""

import asyncio
import os
import signal
import statistics
import time
from contextlib import ExitStack

import redis as redis_client

from bench import wsclient
from bench.environment import daphne, daphne_process
from bench.qa_driver import (
    ASKS_PER_ASKER,
    WAIT,
    Bench,
    Person,
    latency_figures,
    percentile,
)
from bench.report import Figure

CLIENT_PROCESSES = 2
STREAM_INTERVAL = 0.05  # seconds between approvals in the kill phase
RECOVERY_WAIT = 60  # seconds for every viewer to hold every question after the kill
VOTE_WAIT = 60  # seconds for every vote's answer, then for every viewer's counts
VOTED_QUESTIONS = 3  # approved questions the voters share
STORM_SHARE = 0.5  # of the viewers, reconnecting at once in each storm round
RELAY = "bench.relay_app:application"


def stage(askers, voters=0):
    """A live session with its board open and premoderated, a moderator, `askers` and
    `voters` registered participants; their session cookies."""
    import factory
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
    # "!": no password can sign in. Forced past the factory's make_password: PBKDF2
    # costs a quarter of a second an account, most of the time staging 1,000 voters.
    unusable = factory.Transformer.Force("!")
    moderator = ProfileFactory(full_name="Mo Derator", user__password=unusable).user
    session = SessionPage.objects.get(pk=session.pk)
    session.roles.add(
        SessionRole(
            person=PersonFactory(user=moderator), role=SessionRole.Role.MODERATOR
        )
    )
    session.save_revision().publish()
    participants = []
    for _ in range(askers + voters):
        profile = ProfileFactory(user__password=unusable)
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
        "session": session.pk,
        "moderator_id": moderator.pk,
        "path": f"/ws/sessions/{session.pk}/qa/",
        "moderator": cookie(moderator),
        "askers": [cookie(user) for user in participants[:askers]],
        "voters": [cookie(user) for user in participants[askers:]],
    }


def vote_counts(questions):
    """{question id: votes} as the database holds them (run in a thread of its own)."""
    from django.db import connection

    from sessions.qa.models import Question

    try:
        return dict(
            Question.objects.filter(pk__in=questions).values_list("pk", "votes")
        )
    finally:
        connection.close()


def launch_poll(stage_data, options):
    """A single-choice poll with `options`, results shown live, launched by the
    moderator (its frame goes out through this process's channel layer, Redis): the
    poll's id and its options' (run in a thread of its own)."""
    from django.contrib.auth import get_user_model
    from django.db import connection

    from sessions.models import SessionPage
    from sessions.polls import services

    try:
        session = SessionPage.objects.get(pk=stage_data["session"])
        moderator = get_user_model().objects.get(pk=stage_data["moderator_id"])
        poll = services.prepare(
            moderator,
            session,
            question="Which should the partnerships share first?",
            kind="single",
            options=options,
            results_live=True,
        )
        services.launch(moderator, session, poll.pk)
        return poll.pk, list(poll.options.values_list("pk", flat=True))
    finally:
        connection.close()


def close_poll(stage_data, poll):
    """The poll closed, as its moderator would (run in a thread of its own)."""
    from django.contrib.auth import get_user_model
    from django.db import connection

    from sessions.models import SessionPage
    from sessions.polls import services

    try:
        session = SessionPage.objects.get(pk=stage_data["session"])
        moderator = get_user_model().objects.get(pk=stage_data["moderator_id"])
        services.close(moderator, session, poll)
    finally:
        connection.close()


def poll_counts(poll):
    """{"o<option id>": answers choosing it} as the database holds them."""
    from django.db import connection

    from sessions.polls.models import Poll
    from sessions.polls.results import results

    try:
        figures = results(Poll.objects.get(pk=poll))
        return {f"o{o['id']}": o["count"] for o in figures["options"]}
    finally:
        connection.close()


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


async def redis(bench, figures, env, viewers, rounds, **options):
    """Two daphne processes sharing the Redis channel layer, viewers split between
    them (`p99`: the goal in ms); then, on the same processes and viewers, a vote storm
    of `voters`, rounds in a reconnect `storm`, and one process killed in a `stream`
    of approvals. If the phase cannot go on, what Redis said of its clients then."""
    # A connection of the bench's own, made first: Redis answers it when it refuses
    # new ones.
    watch = redis_client.Redis.from_url(env["REDIS_URL"])
    refused = watch.info("stats")["rejected_connections"]
    with ExitStack() as servers:
        servers.callback(watch.close)
        try:
            await two_processes(
                bench, figures, env, servers, viewers, rounds, **options
            )
        except (TimeoutError, RuntimeError, OSError) as error:
            raise RuntimeError(
                f"{why(error)}; {redis_clients(watch, refused)}"
            ) from error


def redis_clients(watch, refused):
    """What Redis says of its clients, and of those it refused since `refused`."""
    try:
        clients = watch.info("clients")
        refused = watch.info("stats")["rejected_connections"] - refused
    except redis_client.RedisError as error:
        return f"Redis did not say how many clients it had: {error}"
    return (
        f"Redis had {clients['connected_clients']} clients (maxclients "
        f"{clients['maxclients']}) and refused {refused} connections in the phase"
    )


async def two_processes(
    bench,
    figures,
    env,
    servers,
    viewers,
    rounds,
    *,
    p99,
    voters=0,
    storm=False,
    stream=0,
):
    """The body of redis(), its servers started on `servers`."""
    path, name = bench.stage["path"], f"qa.redis.{viewers}"
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
    until = (await bench.ask())[1]
    await bench.arrival("redis", until)
    # Every seq from each viewer's snapshot on: counted per viewer.
    reports = await bench.everyone("report", "redis", 0, until, [])
    missed = sum(row[0] for _, rows in reports for row in rows)
    sent = sum(row[5] for _, rows in reports for row in rows)
    figures += latency_figures(name, ours_t, floor_t, {"p99": {"max_value": p99}}) + [
        Figure(f"{name}.client_cpu", 100 * cpu, "% of a core", 100, "one core"),
        Figure(f"{name}.missed", missed, "frames", sent, "sent", max_value=0),
    ]
    if voters:
        await votes(bench, figures, urls, viewers, voters)
        relay_p99 = percentile(floor_t["viewers"], 0.99) if floor_t["viewers"] else 0
        await poll_answers(bench, figures, urls, viewers, voters, relay_p99)
    if storm:
        await reconnect_storm(bench, figures, trigger, viewers, rounds, ours_t)
    await bench.everyone("close", "redis-floor")
    if stream:
        await kill(bench, figures, urls, b_process, viewers, stream, connect_time)
    await bench.everyone("close", "redis")


async def all_answered(bench, accepted, began):
    """Waits (VOTE_WAIT at most) until every voter has its answer, `accepted` or an
    error: how many were refused, and when the last came."""
    deadline = time.monotonic() + VOTE_WAIT
    while True:
        answers = [
            r for _, rows in await bench.everyone("tally", "voters", {}) for r in rows
        ]
        if all(r[2] for r in answers) or time.monotonic() > deadline:
            break
        await asyncio.sleep(0.5)
    refused = sum(1 for r in answers if r[2] != accepted)
    return refused, max((r[3] for r in answers if r[3]), default=began)


async def all_hold(bench, expected):
    """Waits (VOTE_WAIT at most) until every viewer holds the `expected` counts: how
    many do not, and each viewer's tally row."""
    deadline = time.monotonic() + VOTE_WAIT
    while True:
        rows = [
            r
            for _, rows in await bench.everyone("tally", "redis", expected)
            for r in rows
        ]
        wrong = sum(1 for r in rows if r[0])
        if not wrong or time.monotonic() > deadline:
            return wrong, rows
        await asyncio.sleep(0.5)


async def votes(bench, figures, urls, viewers, voters):
    """`voters` signed-in participants vote once each, all at once, on VOTED_QUESTIONS
    questions just approved, while the phase's viewers watch."""
    name = f"qa.votes.{voters}"
    questions = [(await bench.ask())[0] for _ in range(VOTED_QUESTIONS)]
    for question in questions:
        bench.approve(question)
    await bench.arrival("redis", await bench.approved(*questions))
    await bench.connect("voters", urls, voters, bench.stage["voters"][:voters])
    began = min(r[1] for r in await bench.everyone("vote", "voters", questions))
    refused, answered = await all_answered(bench, "voted", began)
    expected = await asyncio.to_thread(vote_counts, questions)
    wrong, rows = await all_hold(bench, expected)
    settled = max((r[1] for r in rows if not r[0] and r[1]), default=began)
    counted = sum(expected.values())
    void = (
        f"{wrong} viewers lack the final counts after {VOTE_WAIT} s"
        if wrong
        else f"the database counts {counted} votes, {voters - refused} were answered"
        if counted != voters - refused
        else ""
    )
    figures += [
        Figure(
            f"{name}.settle",
            1000 * (settled - began),
            "ms",
            1000 * (answered - began),
            "last vote answered",
            void=void,
        ),
        Figure(f"{name}.missed", wrong, "viewers", viewers, "watching", max_value=0),
        Figure(f"{name}.refused", refused, "votes", voters, "voters", max_value=0),
    ]
    await bench.everyone("close", "voters")


async def poll_answers(bench, figures, urls, viewers, voters, relay_p99):
    """A poll launched with its results shown live; `voters` signed-in participants
    answer it, all at once, while the phase's viewers watch the results: how long the
    answers took, and each viewer's time from the last answer acknowledged until it
    held the counts the database ends with (p99 against the bare relay's p99 in the
    phase's quiet rounds; the results are coalesced, so up to a window more)."""
    name = f"qa.poll.{voters}"
    options = ["Data", "Methods", "Lessons from failures", "Contacts"]
    poll, option_ids = await asyncio.to_thread(launch_poll, bench.stage, options)
    await bench.connect("voters", urls, voters, bench.stage["voters"][:voters])
    began = min(
        r[1] for r in await bench.everyone("answer", "voters", poll, option_ids)
    )
    refused, answered = await all_answered(bench, "answered", began)
    expected = await asyncio.to_thread(poll_counts, poll)
    wrong, rows = await all_hold(bench, expected)
    settled = sorted(r[1] - answered for r in rows if not r[0] and r[1])
    counted = sum(expected.values())
    void = (
        f"{wrong} viewers lack the final results after {VOTE_WAIT} s"
        if wrong
        else f"the database counts {counted} answers, {voters - refused} were answered"
        if counted != voters - refused
        else ""
    )
    took = max(answered - began, 1e-3)
    figures += [
        Figure(
            f"{name}.answered",
            1000 * took,
            "ms",
            5000,
            "goal",
            max_value=5000,
            void=void,
        ),
        Figure(
            f"{name}.per_second", (voters - refused) / took, "answers/s", 200, "goal"
        ),
        Figure(
            f"{name}.results.p99",
            1000 * max(0, settled[int(0.99 * (len(settled) - 1))]) if settled else 0,
            "ms",
            relay_p99,
            "bare relay",
            void=void,
        ),
        Figure(f"{name}.missed", wrong, "viewers", viewers, "watching", max_value=0),
        Figure(f"{name}.refused", refused, "answers", voters, "voters", max_value=0),
    ]
    await bench.everyone("close", "voters")
    # Closed, so the next phases meet the session as the earlier ones did.
    await asyncio.to_thread(close_poll, bench.stage, poll)


async def reconnect_storm(bench, figures, trigger, viewers, rounds, quiet):
    """Rounds as the phase's, with STORM_SHARE of the viewers (and of the floor's)
    closing and reopening at once just before each approve (relayed frame): the
    latencies of the viewers that stayed. `quiet`: the phase's rounds, without."""
    name = f"qa.storm.{viewers}"
    ours, floor = await bench.rounds(
        "redis", trigger, rounds, warmup=1, storm=STORM_SHARE
    )
    figures += latency_figures(
        f"{name}.approval", ours, floor, {"p99": {"max_value": 250}}
    )
    gone = sum(ours["gone"]) + sum(floor["gone"])
    if ours["storm"] and floor["storm"]:
        figures += [
            Figure(
                f"{name}.moderator",
                max(ours["moderator"]),
                "ms",
                max(quiet["moderator"]),
                "no storm",
            ),
            Figure(
                f"{name}.reconnect",
                1000 * statistics.median(ours["storm"]),
                "ms",
                1000 * statistics.median(floor["storm"]),
                "bare relay",
                void=f"{gone} viewers did not come back" if gone else "",
            ),
        ]


async def kill(bench, figures, urls, process, viewers, stream, connect_time):
    """Kills `process` (SIGKILL) in a stream of approvals; its viewers reconnect."""
    name = f"qa.kill.{viewers}"
    await bench.people(urls[0])
    questions = [(await bench.ask())[0] for _ in range(stream)]
    killed_at = None
    for n, question in enumerate(questions):
        bench.approve(question)
        if n == stream // 3:
            os.kill(process.pid, signal.SIGKILL)
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
            f"{name}.missed",
            lacking,
            "questions",
            len(rows) * len(bench.approvals),
            "held",
            max_value=0,
            void="" if reconnected else "no viewer lost its connection",
        ),
        Figure(
            f"{name}.reconnected",
            reconnected,
            "viewers",
            viewers // 2,
            "on the killed process",
        ),
        Figure(
            f"{name}.recovery",
            1000 * (max(recovered) - killed_at) if recovered else float("inf"),
            "ms",
            1000 * connect_time,
            "first connect",
            max_value=5000,
        ),
    ]


def why(error):
    """What stopped a phase, in words."""
    if isinstance(error, TimeoutError):
        return "the moderator or an asker got no answer (its socket lost?)"
    return f"{type(error).__name__}: {error}"


async def phase(bench, name, measure, *args, **kwargs):
    """The figures `measure` appends; if it cannot go on (the server stops answering
    the bench, its socket lost: nothing reconnects the moderator or the askers; or
    viewers cannot connect), what came before and a void figure `name`.stalled that
    says why."""
    await bench.start()
    figures = []
    try:
        await measure(bench, figures, *args, **kwargs)
    except (TimeoutError, RuntimeError, OSError) as error:
        figures.append(
            Figure(f"{name}.stalled", WAIT, "s", WAIT, "wait", void=why(error))
        )
        try:
            await bench.everyone("close")  # what is left of every target
        except TimeoutError:
            pass
    return figures


def run(env, *, quick):
    wsclient.raise_fd_limit()  # inherited by the daphne processes
    viewers, crowd, rounds, stream, voters = (
        (200, 1000, 5, 10, 100) if quick else (2000, 10000, 20, 30, 1000)
    )
    # The rounds of four phases (each with a warm-up), two more asks, the voted
    # questions and the stream.
    asks = 4 * (rounds + 1) + 2 + VOTED_QUESTIONS + stream + 10
    bench = Bench(stage(asks // ASKS_PER_ASKER + 1, voters), CLIENT_PROCESSES)
    try:
        # The in-memory channel layer and cache: no REDIS_URL.
        in_memory = {**env, "REDIS_URL": ""}
        yield from asyncio.run(
            phase(bench, f"qa.local.{viewers}", local, in_memory, viewers, rounds)
        )
        yield from asyncio.run(
            phase(
                bench,
                f"qa.redis.{viewers}",
                redis,
                env,
                viewers,
                rounds,
                p99=250,
                voters=voters,
                storm=True,
                stream=stream,
            )
        )
        # The most viewers: last, so that what it costs the machine falls on no other.
        yield from asyncio.run(
            phase(bench, f"qa.redis.{crowd}", redis, env, crowd, rounds, p99=1000)
        )
    finally:
        asyncio.run(bench.stop())
