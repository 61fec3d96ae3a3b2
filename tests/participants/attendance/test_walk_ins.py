"""Walk-ins at the desk: registered through the registration service (quotas, locks,
waiting lines), checked in when seated, mailed their confirmation and badge link."""

import time
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from events.models import Quota, StakeholderGroup
from participants import services
from participants.attendance import walk_ins
from participants.models import CheckIn, CheckInHelper, Registration
from tests.factories import EventPageFactory, ProfileFactory, UserFactory
from tests.participants.attendance.conftest import attendee
from tests.races import needs_postgresql, race

pytestmark = pytest.mark.django_db


def form(**changes):
    return {
        "full_name": "Grace Mukamana",
        "email": "grace@example.org",
        "organisation": "University of Rwanda",
        "group": None,  # the group's pk, by post()
        "country": "RW",
        **changes,
    }


def post(client, event, group_slug="academia", **changes):
    group = StakeholderGroup.objects.get(slug=group_slug)
    return client.post(
        f"/check-in/{event.pk}/walk-in/", form(group=group.pk, **changes)
    ).content.decode()


@pytest.fixture
def event(db):
    """Registration closed yesterday; two seats for academia, one taken."""
    made = EventPageFactory(
        quotas={"academia": 2},
        registration_opens_at=timezone.now() - timedelta(days=30),
        registration_closes_at=timezone.now() - timedelta(days=1),
    )
    attendee(made, "Already seated", group="academia")
    return made


def test_a_walk_in_is_registered_checked_in_and_mailed(
    client, event, helper, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = post(client, event)

    registration = Registration.objects.get(user__email="grace@example.org")
    assert "Checked in</strong>: Grace Mukamana (Academia and research)" in page
    assert "Registered and checked in. Badge code" in page
    assert (registration.status, registration.mode) == ("confirmed", "in_person")
    entry = registration.log.get()
    assert (entry.actor, entry.reason) == (helper, "Registered at the desk")
    assert CheckIn.objects.get().registration == registration
    (sent,) = [m for m in mail.outbox if m.to == ["grace@example.org"]]
    assert f"/me/registrations/{registration.pk}/badge/" in sent.body
    assert registration.user.profile.country.code == "RW"


def test_a_walk_in_without_a_seat_waits_in_the_line_and_is_not_checked_in(
    client, event, helper
):
    attendee(event, "Second seat", group="academia")

    page = post(client, event)

    registration = Registration.objects.get(user__email="grace@example.org")
    assert registration.status == "waiting"
    assert "No seat is free for Academia and research" in page
    assert "waiting list, number 1. Not checked in." in page
    assert not CheckIn.objects.exists()


def test_someone_already_registered_is_told_so(client, event, helper):
    registered = attendee(event, "Grace Mukamana", group="academia")
    email = registered.user.email

    page = post(client, event, email=email.upper())

    assert "You are already registered for this event." in page
    assert Registration.objects.filter(user=registered.user).count() == 1


def test_an_account_keeps_its_own_profile(client, event, helper):
    person = ProfileFactory(full_name="Ken Mwangi", group_slug="academia")

    post(client, event, email=person.user.email, full_name="Someone Else")

    person.refresh_from_db()
    assert person.full_name == "Ken Mwangi"
    assert Registration.objects.get(user=person.user).status == "confirmed"


def test_the_form_says_what_is_missing(client, event, helper):
    page = post(client, event, email="not an email", full_name="")

    assert "Enter a valid email address." in page
    assert "This field is required." in page
    assert not Registration.objects.filter(user__email="not an email").exists()


def test_someone_who_is_not_a_helper_gets_404(client, event):
    client.force_login(UserFactory())

    response = client.get(f"/check-in/{event.pk}/walk-in/")

    assert response.status_code == 404


@needs_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("locked", [True, False], ids=["locked", "unlocked"])
def test_walk_ins_and_the_form_racing_for_the_last_seat_never_overbook(
    monkeypatch, settings, locked
):
    settings.PARTICIPANTS_LOCK_TIMEOUT_MS = 30_000
    event = EventPageFactory(
        quotas={"academia": 1},
        registration_opens_at=timezone.now() - timedelta(hours=1),
    )
    helpers = [UserFactory() for _ in range(5)]
    online = [ProfileFactory(group_slug="academia").user for _ in range(5)]
    if not locked:

        def unlocked(event, groups, mode):
            quotas = list(Quota.objects.filter(event=event).order_by("pk"))
            time.sleep(0.05)  # everyone reads, then everyone counts
            return quotas

        monkeypatch.setattr(services, "lock_seats", unlocked)

    academia = StakeholderGroup.objects.get(slug="academia")
    for user in helpers:
        CheckInHelper.objects.create(event=event, user=user)
    walking = [
        lambda n=n, user=user: walk_ins.walk_in(
            user,
            event,
            {
                "email": f"walk-{n}@example.org",
                "full_name": f"Walk-in {n}",
                "organisation": "A university",
                "group": academia,
                "country": "KE",
            },
        )
        for n, user in enumerate(helpers)
    ]
    errors = race(walking + [lambda u=u: services.register(u, event) for u in online])

    seated = Registration.objects.filter(event=event, status="confirmed").count()
    assert errors == []
    if locked:
        assert seated == 1
        assert CheckIn.objects.count() <= 1
    else:
        assert seated > 1
