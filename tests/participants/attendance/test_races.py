"""Check-ins raced against PostgreSQL: ten devices syncing the same people at once
count each person once a day. The protection is the database's own (a unique index
per person and day); without it the same race counts people twice."""

import contextlib
import time

import pytest
from django.db import connection

from participants.attendance import badges, checkin
from participants.models import CheckIn, CheckInHelper
from tests.factories import EventPageFactory, UserFactory
from tests.participants.attendance.conftest import attendee
from tests.races import needs_postgresql, race


@contextlib.contextmanager
def without_once_a_day():
    """The unique index dropped for the race, and put back after it."""
    constraint = next(
        c for c in CheckIn._meta.constraints if c.name == "check_in_once_a_day"
    )
    with connection.schema_editor() as editor:
        editor.remove_constraint(CheckIn, constraint)
    try:
        yield
    finally:
        CheckIn.objects.all().delete()
        with connection.schema_editor() as editor:
            editor.add_constraint(CheckIn, constraint)


@needs_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("protected", [True, False], ids=["unique", "unprotected"])
def test_ten_devices_syncing_the_same_people_count_each_once(monkeypatch, protected):
    event = EventPageFactory()
    people = [attendee(event, f"Person {n}") for n in range(20)]
    codes = [badges.badge_for(p).code for p in people]
    helpers = [UserFactory() for _ in range(10)]
    for user in helpers:
        CheckInHelper.objects.create(event=event, user=user)
    create = CheckIn.objects.create

    def slow_create(**fields):
        time.sleep(0.02)  # widen the gap between reading and writing
        return create(**fields)

    monkeypatch.setattr(CheckIn.objects, "create", slow_create)
    queue = [{"id": str(n), "code": code} for n, code in enumerate(codes)]
    guard = contextlib.nullcontext() if protected else without_once_a_day()

    with guard:
        errors = race(
            [
                lambda user=user, n=n: checkin.sync(
                    user, event, queue, device=f"device-{n}"
                )
                for n, user in enumerate(helpers)
            ]
        )
        counted = CheckIn.objects.count()

    assert errors == []
    if protected:
        assert counted == 20
    else:
        assert counted > 20  # the same person counted by several devices
