"""Real daphne processes serving the project, started by the site's launcher
(site/server.py) as `make run` and `make run-scaled` do."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager

from django.db import connection


def servers_database_url():
    """The test's database (SQLite or PostgreSQL) as a server process must name it."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    return os.environ["DATABASE_URL"].rsplit("/", 1)[0] + f"/{settings['NAME']}"


@contextmanager
def daphne(*flags, **env):
    """A daphne process on a free loopback port, started with `flags` and with `env`
    added to the environment; yields its base URL once /healthz answers."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
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
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)
