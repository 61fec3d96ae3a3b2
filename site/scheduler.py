"""Wagtail's scheduled publishing, run in the background every few seconds: pages whose
go-live time has come are published, and those past their expiry are unpublished.

One loop serves both run modes: the launcher runs it in a thread under `make run`
(`python -m convening.server --publish-scheduled-every 30`), and the scaled mode's
worker runs `manage.py run_scheduler`. Exactly one of them should run against a
database: two would both publish the same revision."""

import io
import logging
import threading

from django.core.management import call_command
from django.db import connections

log = logging.getLogger("convening.scheduler")
EVERY = 30  # seconds: a session goes live within this long after its time


def publish_due():
    """Runs Wagtail's publish_scheduled once; returns what it printed."""
    out = io.StringIO()
    call_command("publish_scheduled", stdout=out)
    return out.getvalue().strip()


def run(every=EVERY, stop=None):
    """Publishes what is due every `every` seconds until `stop` is set."""
    stop = stop or threading.Event()
    log.info("scheduled publishing every %s s", every)
    while not stop.is_set():
        try:
            said = publish_due()
            if said:
                log.info("%s", said)
        except Exception:
            # A failing round (the database restarting) must not end the loop.
            log.exception("scheduled publishing failed; trying again in %s s", every)
        finally:
            connections.close_all()  # a fresh connection each round, as a request has
        stop.wait(every)


def start_thread(every=EVERY):
    """The loop in a daemon thread of this process (the embedded mode's server)."""
    thread = threading.Thread(
        target=run, args=(every,), name="scheduled-publishing", daemon=True
    )
    thread.start()
    return thread
