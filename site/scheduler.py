"""The background jobs, run every few seconds: Wagtail's scheduled publishing (pages
whose go-live time has come are published, those past their expiry unpublished),
free seats to the people waiting for them (a promotion that met a lock is retried
here), timed polls whose time is up closed, reminders before events, before
sessions in an agenda and to confirm an accepted proposal, messages a dead worker
left half sent, and (hourly) the rapporteurs' report reminders. Every job is
idempotent: a reminder or a message's recipient is one row, written once.

One loop serves both run modes: the launcher runs it in a thread under `make run`
(`python -m convening.server --publish-scheduled-every 30`), and the scaled mode's
worker runs `manage.py run_scheduler`. Exactly one of them should run against a
database: two would both publish the same revision (mail would still go once)."""

import io
import logging
import threading
import time

from django.core.management import call_command
from django.db import connections

from events.models import EventPage
from participants import messaging, services
from sessions import reminders
from sessions.polls.services import close_due
from sessions.proposals.decisions import remind_unconfirmed
from sessions.reports.services import send_reminders

log = logging.getLogger("convening.scheduler")
EVERY = 30  # seconds: a session goes live within this long after its time
RAPPORTEURS_EVERY = 3600  # seconds: their reminders are about days


def publish_due():
    """Runs Wagtail's publish_scheduled once; returns what it printed."""
    out = io.StringIO()
    call_command("publish_scheduled", stdout=out)
    return out.getvalue().strip()


def remind_rapporteurs():
    sent = sum(send_reminders(event) for event in EventPage.objects.live())
    return f"{sent} rapporteur reminder(s) sent" if sent else ""


def close_polls():
    """Timed polls whose time is up (answers after it are refused already)."""
    closed = close_due()
    return f"{closed} timed poll(s) closed" if closed else ""


def mail_due():
    """Reminders due and messages to resume; says what it queued."""
    queued = messaging.event_reminders_due() + reminders.session_reminders_due()
    resumed = messaging.resume()
    said = []
    if queued:
        said.append(f"{queued} reminder(s) queued")
    confirm = remind_unconfirmed()
    if confirm:
        said.append(f"{confirm} accepted proposal(s) reminded to confirm")
    if resumed:
        said.append(f"{resumed} message(s) resumed")
    return ", ".join(said)


def run_round(jobs):
    """Each job once; one that fails (the database restarting) is logged and the
    others still run."""
    for name, job in jobs:
        try:
            said = job()
            if said:
                log.info("%s", said)
        except Exception:
            log.exception("%s failed; trying again next round", name)
        finally:
            connections.close_all()  # a fresh connection each job, as a request has


def run(every=EVERY, stop=None):
    """Runs the jobs every `every` seconds until `stop` is set."""
    stop = stop or threading.Event()
    log.info("scheduled publishing every %s s", every)
    last_rapporteurs = None
    while not stop.is_set():
        jobs = [
            ("scheduled publishing", publish_due),
            ("waiting lines", services.fill_free_seats),
            ("mail", mail_due),
            ("timed polls", close_polls),
        ]
        now = time.monotonic()
        if last_rapporteurs is None or now - last_rapporteurs >= RAPPORTEURS_EVERY:
            jobs.append(("rapporteur reminders", remind_rapporteurs))
            last_rapporteurs = now
        run_round(jobs)
        stop.wait(every)


def start_thread(every=EVERY):
    """The loop in a daemon thread of this process (the embedded mode's server)."""
    thread = threading.Thread(
        target=run, args=(every,), name="scheduled-publishing", daemon=True
    )
    thread.start()
    return thread
