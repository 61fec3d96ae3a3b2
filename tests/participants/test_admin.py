"""Organisers' screens in the Wagtail admin: quotas, the list with filters and bulk
actions, the CSV export, the balance view, and who may see them."""

import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

from events.models import EventPage, StakeholderGroup
from participants import services
from participants.models import Registration
from sessions.models import SessionRole
from tests.factories import (
    PersonFactory,
    ProfileFactory,
    SessionPageFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser(client, admin_user):
    client.force_login(admin_user)
    return admin_user


def fill(event, *group_slugs, **profile):
    return [
        services.register(ProfileFactory(group_slug=slug, **profile).user, event)
        for slug in group_slugs
    ]


def urls(event):
    base = f"/admin/events/{event.pk}/registrations/"
    return [base, f"{base}export.csv", f"{base}quotas/", f"{base}balance/"]


def test_quota_dashboard_shows_each_line(client, organiser, open_event):
    event = open_event(
        quotas={"government": 2, "media": 1, None: 1},
        registration_mode=EventPage.RegistrationMode.APPROVAL,
    )
    fill(event, "government", "government", "government", "government")

    page = client.get(f"/admin/events/{event.pk}/registrations/quotas/")

    rows = page.content.decode().split('<tr class="quota">')[1:]
    assert [r.split("</th>")[0].split(">")[-1] for r in rows] == [
        "Government",
        "Media",
        "Open pool (any group)",
    ]
    assert '<meter min="0" max="2" high="2" value="2">' in rows[0]
    assert "<td>1</td>" in rows[0].split("</td>", 4)[-1]  # one waiting
    assert "A pending registration holds its seat" in page.content.decode()


def test_list_filters_and_searches(client, organiser, open_event):
    event = open_event(quotas={"government": 5, "media": 5})
    fill(event, "government", country="KE")
    fill(event, "media", country="FR", full_name="Zoë Lefèvre")

    by_group = client.get(
        f"/admin/events/{event.pk}/registrations/",
        {"group": StakeholderGroup.objects.get(slug="media").pk},
    ).content.decode()
    by_region = client.get(
        f"/admin/events/{event.pk}/registrations/", {"region": 5}
    ).content.decode()
    by_search = client.get(
        f"/admin/events/{event.pk}/registrations/", {"q": "lefèvre"}
    ).content.decode()

    assert by_group.count('class="registration"') == 1
    assert "Zoë Lefèvre" in by_group
    assert by_region.count('class="registration"') == 1  # WEOG: France
    assert by_search.count('class="registration"') == 1


def test_bulk_approve_decline_and_move(client, organiser, open_event):
    event = open_event(
        quotas={"government": 3, "academia": 1},
        registration_mode=EventPage.RegistrationMode.APPROVAL,
    )
    a, b, c = fill(event, "government", "government", "government")
    url = f"/admin/events/{event.pk}/registrations/"

    client.post(url, {"registrations": [a.pk, b.pk], "action": "approve"})
    client.post(url, {"registrations": [c.pk], "action": "decline", "reason": "Late"})
    academia = StakeholderGroup.objects.get(slug="academia").pk
    client.post(url, {"registrations": [b.pk], "action": "move", "group": academia})
    again = client.post(
        url, {"registrations": [a.pk], "action": "approve"}, follow=True
    )

    got = {r.pk: (r.status, r.group.slug) for r in Registration.objects.all()}
    assert got == {
        a.pk: ("confirmed", "government"),
        b.pk: ("confirmed", "academia"),
        c.pk: ("declined", "government"),
    }
    assert "Only pending registrations can be approved" in again.content.decode()
    log = client.get(f"{url}{c.pk}/").content.decode()
    assert "pending → declined" in log and "Late" in log


def test_bulk_cannot_reach_another_events_registration(client, organiser, open_event):
    event, other = (
        open_event(quotas={"government": 1}),
        open_event(quotas={"government": 1}),
    )
    (theirs,) = fill(other, "government")

    response = client.post(
        f"/admin/events/{event.pk}/registrations/",
        {"registrations": [theirs.pk], "action": "cancel"},
    )

    detail = client.get(f"/admin/events/{event.pk}/registrations/{theirs.pk}/")

    assert "Select a valid choice" in response.content.decode()
    assert detail.status_code == 404
    assert Registration.objects.get().status == "confirmed"


def test_csv_export_is_utf8_with_bom(client, organiser, open_event):
    event = open_event(quotas={"government": 1})
    fill(event, "government", full_name="Zoë Lefèvre", country="FR")
    fill(event, "government", full_name='=HYPERLINK("http://x")')

    response = client.get(f"/admin/events/{event.pk}/registrations/export.csv")

    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body[1:])))
    assert [(r["name"], r["country"], r["region"], r["status"]) for r in rows][0] == (
        "Zoë Lefèvre",
        "France",
        "Western European and Others Group",
        "Confirmed",
    )
    assert (rows[1]["status"], rows[1]["waiting position"]) == ("Waiting list", "1")
    assert rows[1]["name"] == '\'=HYPERLINK("http://x")'


def test_balance_warns_about_a_one_sided_panel(client, organiser, open_event):
    event = open_event(quotas={"government": 3, "media": 1})
    fill(event, "government", "media", gender="woman")
    balanced = SessionPageFactory(event=event, title="Balanced panel")
    one_sided = SessionPageFactory(event=event, title="One-sided panel")
    for session, country, gender, group in [
        (balanced, "FR", "man", "media"),
        (balanced, "KE", "woman", "government"),
        (one_sided, "KE", "man", "government"),
        (one_sided, "GH", "man", "government"),
    ]:
        SessionRole.objects.create(
            session=session,
            person=PersonFactory(
                country=country,
                gender=gender,
                stakeholder_group=StakeholderGroup.objects.get(slug=group),
            ),
        )

    page = client.get(f"/admin/events/{event.pk}/registrations/balance/")

    text = page.content.decode()
    assert "<td>50 %</td><td>75 %</td>" in text  # government: share, target
    one_sided = text.split("<h3>One-sided panel</h3>")[1].split("</section>")[0]
    assert "Warning: Only one group among the speakers." in one_sided
    assert "Warning: Only one region among the speakers." in one_sided
    assert "Warning: Only one gender among the speakers." in one_sided
    assert (
        "Warning" not in text.split("<h3>Balanced panel</h3>")[1].split("</section>")[0]
    )


def test_people_without_rights_on_the_event_get_404(client, open_event):
    event = open_event(quotas={"government": 1})
    (hidden,) = fill(event, "government", full_name="Hidden Person")
    reviewers = Group.objects.create(name="Reviewers")  # admin access, no page rights
    reviewers.permissions.add(Permission.objects.get(codename="access_admin"))
    user = UserFactory()
    user.groups.add(reviewers)
    client.force_login(user)

    responses = [client.get(url) for url in urls(event)] + [
        client.get(f"{urls(event)[0]}{hidden.pk}/"),
        client.post(urls(event)[0], {"registrations": [hidden.pk], "action": "cancel"}),
    ]

    assert [r.status_code for r in responses] == [404] * 6
    assert Registration.objects.get().status == "confirmed"
    assert not any(b"Hidden Person" in r.content for r in responses)


def test_editors_of_the_event_see_its_registrations(client, open_event):
    event = open_event(quotas={"government": 1})
    fill(event, "government", full_name="Visible Person")
    editors = Group.objects.create(name="Event editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=editors,
        page=event,
        permission=Permission.objects.get(codename="change_page"),
    )
    user = UserFactory()
    user.groups.add(editors)
    client.force_login(user)

    response = client.get(urls(event)[0])

    assert "Visible Person" in response.content.decode()


@pytest.mark.parametrize("size", [5, 60])
def test_list_and_export_queries_stay_flat(
    client, organiser, open_event, django_assert_max_num_queries, size
):
    event = open_event(quotas={"government": size // 2, None: 1})
    fill(event, *["government"] * size)

    with django_assert_max_num_queries(15):
        page = client.get(urls(event)[0])
    with django_assert_max_num_queries(8):
        export = client.get(urls(event)[1])

    assert page.content.decode().count('class="registration"') == min(size, 50)
    assert export.content.decode().count("\n") == size + 1
