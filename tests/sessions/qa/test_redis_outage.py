"""A Redis outage costs speed, not pages: a daphne process on a Redis of its own (a
private redis-server the test starts and kills) serves every page while Redis is down,
says the live Q&A is unavailable, and recovers when Redis comes back."""

import json
import tempfile
import time
import urllib.error
import urllib.request

import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from tests.servers import daphne, redis_server, servers_database_url

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def qa_greeting(base, session):
    """The first frame of a Q&A socket and how the socket ended (None if open)."""
    url = f"{base.replace('http', 'ws')}/ws/sessions/{session.pk}/qa/"
    with connect(url, origin=base, open_timeout=10) as socket:
        first = json.loads(socket.recv(timeout=10))
        try:
            socket.recv(timeout=2)
        except ConnectionClosed as closed:
            return first, closed.rcvd.code
        except TimeoutError:
            pass
    return first, None


def closing_code(socket):
    """The code the server closes `socket` with, the frames before it skipped."""
    try:
        while True:
            socket.recv(timeout=10)
    except ConnectionClosed as closed:
        return closed.rcvd.code


def healthy_within(base, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status, _ = fetch(f"{base}/healthz")
        if status == 200:
            return True
        time.sleep(0.25)
    return False


def test_pages_are_served_while_redis_is_down_and_the_qa_comes_back(qa_session):
    session = qa_session()
    event = session.get_parent()
    paths = ["/", event.url, session.url, "/search/?q=data", "/static/css/site.css"]

    with tempfile.TemporaryFile("w+") as log, redis_server() as redis:
        environment = {
            "DATABASE_URL": servers_database_url(),
            "REDIS_URL": f"redis://127.0.0.1:{redis.port}/0",
        }
        with daphne(log=log, **environment) as base:
            before = [fetch(base + path)[0] for path in paths]  # cached now
            url = f"{base.replace('http', 'ws')}/ws/sessions/{session.pk}/qa/"
            with connect(url, origin=base, open_timeout=10) as watching:
                watching.recv(timeout=10)  # the snapshot
                redis.kill()
                redis.wait()
                dropped = closing_code(watching)
            during = [fetch(base + path)[0] for path in paths * 3]
            health, body = fetch(f"{base}/healthz")
            refused, code = qa_greeting(base, session)

            with redis_server(redis.port):
                back = healthy_within(base, 10)
                time.sleep(5)  # the cache is tried again after its pause
                greeting, _ = qa_greeting(base, session)
                after = [fetch(base + path)[0] for path in paths]
        log.seek(0)
        said = log.read()

    assert before == [200] * len(paths)
    assert during == [200] * len(paths) * 3
    assert dropped == 4503  # an open socket, when Redis went
    assert health == 503
    assert json.loads(body)["channel_layer"] is False
    assert (refused["type"], refused["code"], code) == ("error", "unavailable", 4503)
    assert back
    assert greeting["type"] == "snapshot", greeting
    assert after == [200] * len(paths)
    # Said once at WARNING, not once per request or socket; and once when it came back.
    for what in ("convening.cache: Cache at", "convening.layer: Channel layer at"):
        lines = [line for line in said.splitlines() if what in line]
        assert len(lines) == 2, lines
        assert " unreachable (" in lines[0] and " reachable again" in lines[1]
    assert "Traceback" not in said
