"""The database task queue as production runs it: the "background" alias switched to
django-tasks' database backend, and `db_worker` working it off."""

import logging
import signal

from django.core.management import call_command


def run_worker():
    """`db_worker --batch` in this process: it works off the queue, then returns. It
    installs its own signal handlers and log levels, which the test run gets back."""
    signals = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]
    handlers = {number: signal.getsignal(number) for number in signals}
    loggers = [logging.getLogger(name) for name in ("django_tasks", "django_tasks_db")]
    levels = [logger.level for logger in loggers]
    try:
        call_command(
            "db_worker",
            "--batch",
            "--backend=background",
            "--queue-name=default",
            "--no-startup-delay",
            verbosity=0,
        )
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
