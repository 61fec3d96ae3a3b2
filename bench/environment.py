"""A throw-away deployment for one bench run: its own PostgreSQL and Redis databases,
production settings (DEBUG off, collected static files), torn down at the end."""

import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
# Its own name, so two checkouts can run the bench side by side.
DATABASE = os.environ.get("BENCH_DATABASE", "convening_bench")


def _admin(sql):
    with psycopg.connect(f"{PG_URL}/postgres", autocommit=True) as conn:
        conn.execute(sql)


@contextmanager
def deployment():
    """Set up the environment, then Django, in this process; yield the env that servers
    started by the benchmarks use."""
    static_root = Path(tempfile.mkdtemp(prefix="convening-bench-static-"))
    env = {
        "DJANGO_SETTINGS_MODULE": "convening.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        # The origin bench/wsclient.py opens its websockets from (convening/origins.py).
        "CSRF_TRUSTED_ORIGINS": "http://127.0.0.1",
        "DATABASE_URL": f"{PG_URL}/{DATABASE}",
        "REDIS_URL": REDIS_URL,
        "STATIC_ROOT": str(static_root),
        "MEDIA_ROOT": str(static_root / "media"),
        # Mail is rendered as in service but kept in memory: no relay to wait on.
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    os.environ.update(env)
    _admin(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    _admin(f"CREATE DATABASE {DATABASE}")
    try:
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)
        call_command("collectstatic", verbosity=0, interactive=False)
        from django.core.cache import cache

        cache.clear()
        yield {**os.environ, **env}
    finally:
        from django.db import connections

        connections.close_all()
        _admin(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        shutil.rmtree(static_root, ignore_errors=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def daphne(env, *, port=None, application="convening.asgi:application"):
    """One daphne process serving the site (or another ASGI `application`); yields its
    URL once /healthz answers."""
    with daphne_process(env, port=port, application=application) as (base, _):
        yield base


@contextmanager
def daphne_process(env, *, port=None, application="convening.asgi:application"):
    """As daphne(), yielding (URL, the Popen) for a benchmark that kills it."""
    port = port or free_port()
    # BENCH_DAPHNE_LOGS=<folder>: each process's output in <folder>/daphne-<port>.log.
    logs = os.environ.get("BENCH_DAPHNE_LOGS")
    output = open(Path(logs) / f"daphne-{port}.log", "wb") if logs else None
    process = subprocess.Popen(
        [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port)]
        + [application],
        cwd=ROOT,
        env=env,
        stdout=output or subprocess.DEVNULL,
        stderr=output or subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError(f"daphne did not start on port {port}") from None
                time.sleep(0.2)
        yield base, process
    finally:
        if process.poll() is None:
            process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            # daphne gives each consumer 10 s to end; thousands of sockets ending at
            # once may take longer, and the figures are already taken.
            process.kill()
            process.wait(timeout=10)
        if output:
            output.close()
