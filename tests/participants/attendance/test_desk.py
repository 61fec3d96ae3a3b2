"""The check-in desk through HTTP: who may use it, checking in by code, scan or
name, the list a device keeps, and syncing queued check-ins from several devices."""

import json
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from participants.attendance import badges, checkin, tokens
from participants.models import CheckIn, CheckInHelper
from tests.factories import EventPageFactory, UserFactory
from tests.participants.attendance.conftest import attendee

pytestmark = pytest.mark.django_db


def desk_url(event, rest=""):
    return f"/check-in/{event.pk}/{rest}"


def code_of(registration):
    return badges.badge_for(registration).code


def sync(client, event, items, device="phone-1"):
    return client.post(
        desk_url(event, "sync/"),
        json.dumps({"device": device, "items": items}),
        content_type="application/json",
    )


def test_a_helper_checks_someone_in_by_the_typed_code(client, event, helper):
    registration = attendee(event, "Amina Diallo", organisation="Archives of Kenya")
    code = tokens.grouped(code_of(registration)).lower()

    first = client.post(desk_url(event), {"code": code}).content.decode()
    again = client.post(desk_url(event), {"code": code}).content.decode()

    assert (
        "Checked in</strong>: Amina Diallo, Archives of Kenya (Civil society)" in first
    )
    assert "1</span> of <span data-count-expected>1</span> checked in today" in first
    assert "Already in</strong>" in again and "Already in since" in again
    row = CheckIn.objects.get()
    assert (row.registration, row.by, row.device, row.session) == (
        registration,
        helper,
        "form",
        None,
    )


def test_a_refused_badge_says_why_and_checks_in_no_one(client, event, helper):
    registration = attendee(event)
    old = code_of(registration)
    badges.reprint(registration)

    page = client.post(desk_url(event), {"code": tokens.token(old)}).content.decode()

    assert "Not checked in</strong>" in page and "This badge was replaced on" in page
    assert not CheckIn.objects.exists()


def test_a_helper_finds_someone_by_name_and_checks_them_in(client, event, helper):
    attendee(event, "Amina Diallo")
    attendee(event, "Ken Mwangi")
    attendee(event, "Amina Online", mode="online")

    page = client.get(desk_url(event), {"q": "amina"}).content.decode()
    code = code_of(
        attendee.__globals__["Registration"].objects.get(
            user__profile__full_name="Amina Diallo"
        )
    )

    assert "Amina Diallo" in page and "Ken Mwangi" not in page
    assert "Amina Online" not in page  # no seat, no badge
    assert f'value="{code}"' in page


def test_the_desk_of_another_event_answers_404(client, event, helper):
    other = EventPageFactory()

    assert client.get(desk_url(other)).status_code == 404
    assert client.get(desk_url(other, "list.json")).status_code == 404
    assert sync(client, other, []).status_code == 404


def test_someone_who_is_not_a_helper_gets_404_and_a_stranger_signs_in(client, event):
    client.force_login(UserFactory())
    assert client.get(desk_url(event)).status_code == 404
    client.logout()
    assert client.get(desk_url(event))["Location"].startswith("/accounts/login/")


def test_the_events_organisers_use_the_desk_too(client, event):
    client.force_login(UserFactory(is_superuser=True))

    assert client.get(desk_url(event)).status_code == 200


def test_a_helper_finds_the_desk_from_their_registrations(client, event, helper):
    page = client.get("/me/registrations/").content.decode()

    assert f'href="/check-in/{event.pk}/"' in page
    assert f"Check people in at {event.title}" in page


def test_the_list_a_device_keeps_holds_confirmed_in_person_badges(
    client, event, helper
):
    came = attendee(event, "Amina Diallo")
    waits = attendee(event, "Ken Mwangi")
    attendee(event, "Online", mode="online")
    attendee(event, "Waiting", status="waiting")
    client.post(desk_url(event), {"code": code_of(came)})

    listed = client.get(desk_url(event, "list.json"))
    people = {p["name"]: p for p in listed.json()["people"]}

    assert listed["Cache-Control"] == "private, no-store"
    assert set(people) == {"Amina Diallo", "Ken Mwangi"}
    assert people["Amina Diallo"]["in"] and not people["Ken Mwangi"]["in"]
    assert people["Ken Mwangi"]["code"] == code_of(waits)
    assert people["Ken Mwangi"]["group"] == "Civil society"


def test_the_list_is_read_in_the_same_number_of_queries_at_two_sizes(
    client, event, helper
):
    def queries_for(n):
        for i in range(n):
            attendee(event, f"Person {n}-{i}")
        badges.badges_of(event)  # issued before, as printing does
        with CaptureQueriesContext(connection) as seen:
            client.get(desk_url(event, "list.json"))
        return len(seen)

    assert queries_for(3) == queries_for(15)


def test_two_devices_checking_in_the_same_person_give_one_check_in(
    client, event, helper
):
    registration = attendee(event)
    code = code_of(registration)
    scanned = tokens.token(code)
    now = timezone.now()
    # Twenty minutes ago, but never yesterday on the event's clock (just after
    # midnight in Zurich the second scan would rightly be a new day's check-in).
    midnight = now.astimezone(event.tzinfo).replace(hour=0, minute=0, second=0)
    at = max(now - timedelta(minutes=20), midnight.replace(microsecond=0))

    first = sync(client, event, [{"id": "a-1", "code": scanned, "at": at.isoformat()}])
    second = sync(
        client,
        event,
        [{"id": "b-1", "code": code, "at": timezone.now().isoformat()}],
        device="phone-2",
    )

    assert first.json()["results"]["a-1"]["status"] == "in"
    assert second.json()["results"]["b-1"]["status"] == "already"
    row = CheckIn.objects.get()
    assert (row.device, row.at) == ("phone-1", at)  # the time it was made offline
    assert second.json()["counts"] == {"in": 1, "expected": 1}


def test_a_queue_sent_twice_checks_in_once(client, event, helper):
    people = [attendee(event, f"Person {n}") for n in range(3)]
    queue = [{"id": f"q-{n}", "code": code_of(p)} for n, p in enumerate(people)]

    sync(client, event, queue)
    again = sync(client, event, queue)  # the first answer was lost on the way

    assert CheckIn.objects.count() == 3
    assert {r["status"] for r in again.json()["results"].values()} == {"already"}


def test_a_bad_item_is_refused_and_the_rest_of_the_queue_goes_in(client, event, helper):
    good = attendee(event)
    results = sync(
        client,
        event,
        [
            {
                "id": "1",
                "code": "ABCD2345:forged-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            },
            {"id": "2", "code": code_of(good)},
            {"id": "3", "code": code_of(attendee(EventPageFactory(), "Elsewhere"))},
        ],
    ).json()["results"]

    assert results["1"]["status"] == results["3"]["status"] == "refused"
    assert "altered or made up" in results["1"]["message"]
    assert results["3"]["message"] == "This badge is for another event."
    assert results["2"]["status"] == "in"
    assert CheckIn.objects.count() == 1


def test_the_day_is_the_events_day_of_the_check_in(event, helper):
    registration = attendee(event)
    # The last 23:30 in UTC is already the next day in Zurich (UTC+1 or +2).
    now = timezone.now()
    at = now.replace(hour=23, minute=30, second=0, microsecond=0)
    if at > now:
        at -= timedelta(days=1)

    outcome = checkin.check_in(helper, event, code_of(registration), at=at)

    assert outcome.status == "in"
    row = CheckIn.objects.get()
    assert (row.at, row.day) == (at, at.date() + timedelta(days=1))


def test_a_device_clock_far_ahead_is_not_believed(event, helper):
    registration = attendee(event)
    ahead = timezone.now() + timedelta(days=2)

    checkin.check_in(helper, event, code_of(registration), at=ahead)

    assert CheckIn.objects.get().at < timezone.now()


def test_a_device_clock_days_behind_is_not_believed(event, helper):
    registration = attendee(event)
    behind = timezone.now() - timedelta(days=3)

    checkin.check_in(helper, event, code_of(registration), at=behind)

    assert CheckIn.objects.get().at > timezone.now() - timedelta(minutes=1)


def test_a_sync_that_is_not_a_queue_is_refused(client, event, helper):
    response = client.post(
        desk_url(event, "sync/"), "not json", content_type="application/json"
    )

    assert response.status_code == 400
    too_many = sync(client, event, [{}] * (checkin.SYNC_LIMIT + 1))
    assert too_many.status_code == 400
    assert too_many.json() == {"error": "Send at most 1000 check-ins at a time."}


def test_syncs_are_limited_per_helper(client, event, helper, settings):
    settings.ATTENDANCE_SYNC_RATE = "2/m"
    caches["default"].clear()

    answers = [sync(client, event, []).status_code for _ in range(3)]

    assert answers == [200, 200, 429]


def test_a_helper_of_one_event_is_not_a_helper_of_another(event):
    other = EventPageFactory()
    user = UserFactory()
    CheckInHelper.objects.create(event=event, user=user)

    assert checkin.may_check_in(user, event)
    assert not checkin.may_check_in(user, other)
    assert checkin.desk_event(user, other.pk) is None
