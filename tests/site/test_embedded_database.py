"""The embedded mode's SQLite, written from several threads at once (requests, sockets,
the scheduler): a transaction that read and then writes waits for the other writer
instead of failing with "database is locked"."""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import OperationalError, connection, connections, transaction

pytestmark = [
    pytest.mark.skipif(connection.vendor != "sqlite", reason="the embedded database"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
User = get_user_model()


def read_then_write_while_another_thread_writes():
    """As an admin save meeting a scheduler round: this transaction reads, another
    thread writes, then this one writes. Returns this transaction's error, if any."""

    def other_writer():
        try:
            User.objects.create(username="scheduler", email="scheduler@example.org")
        finally:
            connections.close_all()

    writer = threading.Thread(target=other_writer)
    try:
        with transaction.atomic():
            User.objects.count()
            writer.start()
            writer.join(timeout=1)  # done, or waiting for this transaction to end
            User.objects.create(username="organiser", email="organiser@example.org")
    except OperationalError as error:
        return error
    finally:
        writer.join()
    return None


def test_a_transaction_that_read_waits_for_another_writer():
    assert read_then_write_while_another_thread_writes() is None
    assert set(User.objects.values_list("username", flat=True)) == {
        "organiser",
        "scheduler",
    }


@pytest.fixture
def deferred(monkeypatch):
    """SQLite's own default: the write lock is taken at the first write (a connection
    reads its transaction mode when it opens)."""
    monkeypatch.setitem(
        connections.settings["default"]["OPTIONS"], "transaction_mode", "DEFERRED"
    )
    connection.close()
    yield
    monkeypatch.undo()
    connection.close()


def test_without_taking_the_write_lock_first_it_would_fail(deferred):
    error = read_then_write_while_another_thread_writes()

    assert "database is locked" in str(error)
    assert list(User.objects.values_list("username", flat=True)) == ["scheduler"]
