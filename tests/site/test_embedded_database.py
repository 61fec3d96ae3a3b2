"""The database written from several threads at once (requests, sockets, the
scheduler): a transaction that read and then writes waits for the other writer instead
of failing. The embedded mode's SQLite needed its settings for that (base settings)."""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import OperationalError, connection, connections, transaction

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
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


# (transaction mode, what the organiser's transaction meets). SQLite's own default,
# DEFERRED, takes the write lock at the first write: that is what would fail.
# PostgreSQL's rows are versioned: it never had the problem, and runs the test as is.
MODES = (
    [("IMMEDIATE", None), ("DEFERRED", "database is locked")]
    if connection.vendor == "sqlite"
    else [(None, None)]
)


@pytest.fixture
def transaction_mode(request, monkeypatch):
    """A connection reads its transaction mode when it opens: so close it first."""
    mode = request.param
    if mode:
        monkeypatch.setitem(
            connections.settings["default"]["OPTIONS"], "transaction_mode", mode
        )
        connection.close()
    yield mode
    monkeypatch.undo()
    connection.close()


@pytest.mark.parametrize(
    ("transaction_mode", "error"), MODES, indirect=["transaction_mode"]
)
def test_a_transaction_that_read_waits_for_another_writer(transaction_mode, error):
    found = read_then_write_while_another_thread_writes()

    names = set(User.objects.values_list("username", flat=True))
    if error is None:
        assert (found, names) == (None, {"organiser", "scheduler"})
    else:
        assert (error in str(found), names) == (True, {"scheduler"})
