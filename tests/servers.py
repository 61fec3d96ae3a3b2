"""Real daphne processes serving the project, started by the site's launcher
(site/server.py) as `make run` and `make run-scaled` do."""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager

from django.db import connection


def servers_database_url():
    """The test's database (SQLite or PostgreSQL) as a server process must name it."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    return os.environ["DATABASE_URL"].rsplit("/", 1)[0] + f"/{settings['NAME']}"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Served(str):
    """A server's base URL, with its process (`.process`) for a test that kills it."""


@contextmanager
def daphne(*flags, log=None, **env):
    """A daphne process on a free loopback port, started with `flags` and with `env`
    added to the environment, its log written to the file `log` if given; yields its
    base URL (a Served) once /healthz answers (200 or 503). Without `log`, a test
    that fails while the server runs shows the end of the server's log."""
    own_log = tempfile.TemporaryFile(mode="w+") if log is None else None
    port = free_port()
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "convening.settings.test",
        **env,
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "convening.server",
            "-b",
            "127.0.0.1",
            "-p",
            str(port),
            *flags,
        ],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=log or own_log,
    )
    base = Served(f"http://127.0.0.1:{port}")
    base.process = server
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=5)
                break
            except urllib.error.HTTPError:
                break  # up, though something it checks is not
            except OSError:
                time.sleep(0.2)
        yield base
    except BaseException:
        if own_log:
            own_log.seek(0)
            sys.stderr.write("The server's log ends:\n" + own_log.read()[-6000:])
        raise
    finally:
        server.terminate()
        server.wait(timeout=10)
        if own_log:
            own_log.close()


@contextmanager
def redis_server(port=None):
    """A private redis-server keeping nothing on disk, on `port` (a free one if None);
    yields the process (kill it to make an outage) once it answers."""
    import redis

    port = port or free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    client = redis.Redis(port=port, socket_timeout=1)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.RedisError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        server.port = port
        yield server
    finally:
        server.kill()
        server.wait(timeout=10)
        client.close()
