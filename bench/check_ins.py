"""The check-in desk's sync on PostgreSQL: 10 devices, each signed in as a helper of
its own, send their offline queues at the same moment, 2,000 people in all. Each queue
holds 200 people of its own and 50 that the next device also scanned, placed so that
both devices reach each of them at about the same moment. Measured: the time from the
release until the last answer, against the desk's goal of 10 s (a device's queue of a
day syncs in seconds); the check-ins per second; and that every person is counted
once: 2,000 rows in the database, 2,000 answers "in", the overlaps "already", none
refused."""

import json
import threading
import time
from datetime import timedelta

from bench.environment import daphne
from bench.load import connect
from bench.report import Figure

PEOPLE = 2000
DEVICES = 10
GOAL_SECONDS = 10  # the desk's need: a day's queues synced in seconds
EVERY = 5  # one item in EVERY of a queue is a person the next device also scanned


def attendees(count):
    """An event with `count` confirmed in-person registrations (bulk) and their
    badges issued: the event and the badges' QR tokens, in registration order."""
    from bench.registration import participants
    from participants.attendance import badges, tokens
    from participants.models import Profile, Registration
    from tests.factories import EventPageFactory

    event = EventPageFactory(slug=f"bench-check-in-{count}")
    users = participants(count, prefix=f"bench-desk-{count}-")
    groups = dict(Profile.objects.filter(user__in=users).values_list("user", "group"))
    Registration.objects.bulk_create(
        Registration(
            event=event,
            user=user,
            group_id=groups[user.pk],
            status=Registration.Status.CONFIRMED,
            mode=Registration.Mode.IN_PERSON,
        )
        for user in users
    )
    issued = sorted(badges.badges_of(event), key=lambda badge: badge.registration_id)
    return event, [tokens.token(badge.code) for badge in issued]


def helpers(event, count):
    """`count` check-in helpers of the event: each one's session and CSRF cookies,
    the CSRF token read from the desk page as a browser gets it."""
    from django.test import Client

    from bench.registration import participants
    from participants.attendance.models import CheckInHelper

    users = participants(count, prefix=f"bench-helper-{event.pk}-")
    CheckInHelper.objects.bulk_create(
        CheckInHelper(event=event, user=user) for user in users
    )
    signed_in = []
    for user in users:
        client = Client()
        client.force_login(user)
        signed_in.append(client.cookies["sessionid"].value)
    return signed_in


def csrf_cookie(base, event, session):
    """The csrftoken cookie the desk page sets, read as a browser would."""
    conn = connect(base)
    try:
        conn.request(
            "GET", f"/check-in/{event.pk}/", headers={"Cookie": f"sessionid={session}"}
        )
        response = conn.getresponse()
        response.read()
        assert response.status == 200, response.status
        for header in response.msg.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            if name.strip() == "csrftoken":
                return rest.split(";")[0]
        raise AssertionError("the desk page set no csrftoken cookie")
    finally:
        conn.close()


def queues(event, codes, devices):
    """Each device's queue: its own share of `codes`, with every EVERY-th item a
    person of the next device's share, the one that device has one item later, so
    that both reach that person together. Times are the last few minutes, kept on
    today's date in the event's zone (a person is checked in once a day)."""
    from django.utils import timezone

    now = timezone.localtime(timezone.now(), event.tzinfo)
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    share = len(codes) // devices
    shares = [codes[n * share : (n + 1) * share] for n in range(devices)]
    layouts = []  # per device, its queue's codes in order
    for own in shares:
        layout, mine = [], iter(own)
        while len(layout) < share + share // (EVERY - 1):
            layout.append(None if len(layout) % EVERY == 0 else next(mine))
        layouts.append(layout)
    for n, layout in enumerate(layouts):
        following = layouts[(n + 1) % devices]
        for position in range(0, len(layout), EVERY):
            layout[position] = following[position + 1]
    return [
        [
            {
                "id": f"device-{n}-{position}",
                "code": code,
                "at": max(
                    now - timedelta(seconds=len(layout) - position), midnight
                ).isoformat(),
            }
            for position, code in enumerate(layout)
        ]
        for n, layout in enumerate(layouts)
    ]


def race(base, event, devices):
    """Every device POSTs its queue at once (threads released together, a keep-alive
    connection each, opened beforehand): the seconds from the release until the last
    answer, and each device's (status, answer)."""
    path = f"/check-in/{event.pk}/sync/"
    release = threading.Barrier(len(devices) + 1)
    answers, finished = [None] * len(devices), [0.0] * len(devices)

    def device(n, session, csrf, queue):
        body = json.dumps({"device": f"bench-device-{n}", "items": queue})
        headers = {
            "Content-Type": "application/json",
            "Cookie": f"sessionid={session}; csrftoken={csrf}",
            "X-CSRFToken": csrf,
        }
        conn = connect(base)
        conn.timeout = 300
        conn.connect()
        try:
            release.wait()
            conn.request("POST", path, body=body, headers=headers)
            response = conn.getresponse()
            answers[n] = (response.status, json.loads(response.read() or b"{}"))
        except Exception as error:  # noqa: BLE001 - shown as a wrong count below
            answers[n] = (0, {"error": repr(error)})
        finally:
            finished[n] = time.perf_counter()
            conn.close()

    threads = [
        threading.Thread(target=device, args=(n, *signed_in))
        for n, signed_in in enumerate(devices)
    ]
    for thread in threads:
        thread.start()
    release.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    return max(finished) - began, answers


def run(env, *, quick):
    from django.db.models import Count

    from participants.attendance.models import CheckIn

    people, devices = (200, 2) if quick else (PEOPLE, DEVICES)
    event, codes = attendees(people)
    sessions = helpers(event, devices)
    sent = queues(event, codes, devices)
    overlaps = sum(len(queue) for queue in sent) - people
    with daphne(env) as base:
        csrfs = [csrf_cookie(base, event, session) for session in sessions]
        seconds, answers = race(
            base, event, list(zip(sessions, csrfs, sent, strict=True))
        )

    statuses = {"in": 0, "already": 0, "refused": 0}
    for (status, answer), queue in zip(answers, sent, strict=True):
        results = answer.get("results", {})
        if status != 200 or len(results) != len(queue):
            print(f"# check_ins: a device got {status}: {str(answer)[:200]}")
        for result in results.values():
            statuses[result["status"]] = statuses.get(result["status"], 0) + 1
    rows = CheckIn.objects.filter(event=event)
    twice = rows.values("registration").annotate(n=Count("pk")).filter(n__gt=1)
    counted = {
        "rows": rows.count(),
        "people": rows.values("registration").distinct().count(),
        "twice": twice.count(),
        **statuses,
    }
    counted_once = counted == {
        "rows": people,
        "people": people,
        "twice": 0,
        "in": people,
        "already": overlaps,
        "refused": 0,
    }
    if not counted_once:
        print(f"# check_ins: counted {counted}, sent {people} people, {overlaps} twice")
    name = f"checkin.sync.{people}"
    yield Figure(
        name,
        seconds,
        "s",
        GOAL_SECONDS,
        f"the desk's goal ({devices} devices, {people + overlaps} items)",
        max_value=GOAL_SECONDS,
    )
    yield Figure(
        f"{name}.rate",
        people / seconds,
        "check-ins/s",
        people / GOAL_SECONDS,
        "at the goal",
    )
    yield Figure(
        f"{name}.counted_once",
        int(counted_once),
        "(1 = yes)",
        1,
        f"{people} rows and answers 'in', {overlaps} 'already', 0 refused",
        min_value=1,
    )
