"""Races: calls released at once from threads, each on its own connection (PostgreSQL
only: SQLite runs one writer at a time, so nothing can race there)."""

import threading

import pytest
from django.db import connection, connections

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="races need PostgreSQL"
)


def race(calls):
    """Run every call in its own thread and connection, all released at once."""
    start = threading.Barrier(len(calls))
    errors = []

    def run(call):
        try:
            start.wait()
            call()
        except Exception as error:  # noqa: BLE001 - reported by the test below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors
