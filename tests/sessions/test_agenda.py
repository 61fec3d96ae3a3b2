import gzip
from datetime import date, datetime

import icalendar
import pytest
from django.conf import settings

from sessions import agenda
from sessions.models import AgendaItem, SessionPage
from tests.factories import EventPageFactory, SessionPageFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return EventPageFactory(start_date=date(2031, 5, 12), end_date=date(2031, 5, 14))


def at(event, day, hour, minute=0):
    return datetime(2031, 5, day, hour, minute, tzinfo=event.tzinfo)


@pytest.fixture
def participant(client):
    user = UserFactory()
    client.force_login(user)
    return user


def feed_titles(response):
    calendar = icalendar.Calendar.from_ical(response.content)
    return [str(item["SUMMARY"]) for item in calendar.walk("VEVENT")]


def test_adding_without_javascript_returns_to_the_programme(client, participant, event):
    session = SessionPageFactory(event=event, title="Mapping partnerships")
    programme = f"http://testserver{event.url}programme/"

    response = client.post(
        "/me/agenda/",
        {"session": session.pk, "action": "add"},
        HTTP_REFERER=programme,
    )
    page = client.get(programme).content.decode()

    assert response.status_code == 302
    assert response["Location"] == f"{programme}#agenda-{session.pk}"  # same place
    assert [i.session_id for i in AgendaItem.objects.filter(user=participant)] == [
        session.pk
    ]
    assert (
        "<span data-label>Remove from my agenda</span>"
        '<span class="visually-hidden">: Mapping partnerships</span>'
    ) in page


def test_a_clash_is_said_at_once_beside_the_session(client, participant, event):
    first = SessionPageFactory(
        event=event, title="Open data", start=at(event, 12, 10), end=at(event, 12, 11)
    )
    second = SessionPageFactory(
        event=event,
        title="Libraries",
        start=at(event, 12, 10, 30),
        end=at(event, 12, 12),
    )
    later = SessionPageFactory(
        event=event, title="Closing", start=at(event, 12, 12), end=at(event, 12, 13)
    )
    programme = f"http://testserver{event.url}programme/"
    agenda.add(participant, first)

    with_script = client.post(
        "/me/agenda/",
        {"session": second.pk, "action": "add"},
        HTTP_ACCEPT="application/json",
    )
    no_clash = client.post(
        "/me/agenda/",
        {"session": later.pk, "action": "add"},
        HTTP_ACCEPT="application/json",
    )
    agenda.remove(participant, second)
    without_script = client.post(
        "/me/agenda/",
        {"session": second.pk, "action": "add"},
        HTTP_REFERER=programme,
        follow=True,
    )

    note = "Added, but it is at the same time as “Open data” in your agenda."
    assert with_script.json()["note"] == note
    assert no_clash.json()["note"] == ""  # 12:00 to 13:00 only touches 10:30–12:00
    row = without_script.content.decode().split(f'id="agenda-{second.pk}"')[1]
    assert row.split("</form>")[0].endswith(
        f'<span class="clash-note" role="status" data-clash-note>{note}</span>'
    )


def test_the_page_script_adds_and_removes_without_a_reload(client, participant, event):
    session = SessionPageFactory(event=event)

    added = client.post(
        "/me/agenda/",
        {"session": session.pk, "action": "add"},
        HTTP_ACCEPT="application/json",
    )
    removed = client.post(
        "/me/agenda/",
        {"session": session.pk, "action": "remove"},
        HTTP_ACCEPT="application/json",
    )

    assert added.json() == {
        "action": "remove",
        "label": "Remove from my agenda",
        "note": "",
    }
    assert removed.json() == {"action": "add", "label": "Add to my agenda", "note": ""}
    assert not AgendaItem.objects.filter(user=participant).exists()


def test_adding_twice_keeps_one_entry(client, participant, event):
    session = SessionPageFactory(event=event)

    for _ in range(2):
        client.post("/me/agenda/", {"session": session.pk, "action": "add"})

    assert AgendaItem.objects.filter(user=participant).count() == 1


def test_a_session_that_is_not_live_cannot_be_added(client, participant, event):
    session = SessionPageFactory(event=event)
    session.unpublish()

    response = client.post(
        "/me/agenda/",
        {"session": session.pk, "action": "add"},
        HTTP_ACCEPT="application/json",
    )

    assert response.status_code == 400
    assert not AgendaItem.objects.exists()


def test_visitors_see_no_agenda_forms_and_are_sent_to_sign_in(client, event):
    SessionPageFactory(event=event)

    programme = client.get(f"{event.url}programme/").content.decode()
    response = client.get("/me/agenda/")
    posted = client.post("/me/agenda/", {"session": 1, "action": "add"})

    assert "data-agenda" not in programme
    assert "agenda.js" not in programme
    assert response.status_code == posted.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not AgendaItem.objects.exists()


def test_session_page_offers_the_agenda_form(client, participant, event):
    session = SessionPageFactory(event=event)
    agenda.add(participant, session)

    page = client.get(session.url).content.decode()

    assert "<span data-label>Remove from my agenda</span>" in page
    assert "/static/sessions/agenda.js" in page


def test_agenda_lists_sessions_across_events_in_time_order_with_clashes(
    client, participant, event
):
    other_event = EventPageFactory(
        start_date=date(2031, 5, 12), end_date=date(2031, 5, 14), time_zone="UTC"
    )
    late = SessionPageFactory(event=event, title="Late", start=at(event, 13, 16))
    early = SessionPageFactory(event=event, title="Early", start=at(event, 12, 8))
    # 09:00 UTC is 11:00 in Zurich: it overlaps "Overlapping" (10:00-11:30 there).
    clashing = SessionPageFactory(
        event=other_event,
        title="Remote panel",
        start=datetime(2031, 5, 12, 9, 0, tzinfo=other_event.tzinfo),
    )
    overlapping = SessionPageFactory(
        event=event, title="Overlapping", start=at(event, 12, 10)
    )
    cancelled = SessionPageFactory(
        event=event,
        title="Cancelled one",
        start=at(event, 12, 10),
        status=SessionPage.Status.CANCELLED,
    )
    for session in [late, early, clashing, overlapping, cancelled]:
        agenda.add(participant, session)

    rows = agenda.sessions(participant)
    html = client.get("/me/agenda/").content.decode()

    assert [r.title for r in rows] == [
        "Early",
        "Cancelled one",
        "Overlapping",
        "Remote panel",
        "Late",
    ]
    # A cancelled session clashes with nothing.
    assert {r.title: [c.title for c in r.clashes] for r in rows} == {
        "Early": [],
        "Cancelled one": [],
        "Overlapping": ["Remote panel"],
        "Remote panel": ["Overlapping"],
        "Late": [],
    }
    assert html.count('<p class="clash-note">') == 2
    assert html.index(">Early<") < html.index(">Remote panel<") < html.index(">Late<")


def test_private_feed_shows_only_its_owner_s_agenda(client, participant, event):
    mine = SessionPageFactory(event=event, title="Mine")
    theirs = SessionPageFactory(event=event, title="Theirs")
    someone = UserFactory()
    agenda.add(participant, mine)
    agenda.add(someone, theirs)

    response = client.get(f"/agenda/{agenda.feed_token(participant)}.ics")
    client.logout()
    anonymous = client.get(f"/agenda/{agenda.feed_token(participant)}.ics")
    unknown = client.get(f"/agenda/{agenda.feed_token(participant)}x.ics")
    empty = client.get("/agenda/.ics")

    assert feed_titles(response) == feed_titles(anonymous) == ["Mine"]
    assert response["Cache-Control"] == "private, no-cache"
    assert 'filename="agenda.ics"' in response["Content-Disposition"]
    assert unknown.status_code == empty.status_code == 404
    assert b"Theirs" not in unknown.content


def test_agenda_page_shows_the_feed_address_and_resetting_it_retires_the_old(
    client, participant, event
):
    agenda.add(participant, SessionPageFactory(event=event, title="Mine"))
    old = agenda.feed_token(participant)
    page = client.get("/me/agenda/").content.decode()

    response = client.post("/me/agenda/reset-link/")
    new = agenda.feed_token(participant)

    assert f"{settings.SITE_URL}/agenda/{old}.ics" in page
    host = settings.SITE_URL.split("://", 1)[1]
    subscribe = f'<a href="webcal://{host}/agenda/{old}.ics">Subscribe in your'
    assert subscribe in page  # one click for calendar apps
    assert response.status_code == 302
    assert new != old and len(new) >= 40
    assert client.get(f"/agenda/{old}.ics").status_code == 404
    assert feed_titles(client.get(f"/agenda/{new}.ics")) == ["Mine"]
    assert f"/agenda/{new}.ics" in client.get("/me/agenda/").content.decode()


def test_reset_needs_a_post(client, participant):
    old = agenda.feed_token(participant)

    response = client.get("/me/agenda/reset-link/")

    assert response.status_code == 405
    assert agenda.feed_token(participant) == old


@pytest.mark.parametrize("size", [5, 40])
def test_agenda_page_and_feed_queries_stay_flat(
    client, participant, django_assert_max_num_queries, size
):
    event = EventPageFactory(sessions=size)
    for session in SessionPage.objects.all():
        agenda.add(participant, session)
    token = agenda.feed_token(participant)
    client.get("/me/agenda/")

    with django_assert_max_num_queries(12):
        page = client.get("/me/agenda/")
    with django_assert_max_num_queries(8):
        feed = client.get(f"/agenda/{token}.ics")

    assert page.content.decode().count('<li class="session') == size
    assert len(feed_titles(feed)) == size
    assert event.title in page.content.decode()


@pytest.mark.parametrize("size", [20, 200])
def test_signed_in_programme_stays_flat_and_light(
    client, participant, django_assert_max_num_queries, size
):
    event = EventPageFactory(sessions=size)
    client.get(f"{event.url}programme/")

    # The anonymous programme takes 12; a member adds session, user and agenda.
    with django_assert_max_num_queries(17):
        response = client.get(f"{event.url}programme/")

    html = response.content
    assert html.count(b"data-agenda") == size
    assert len(gzip.compress(html)) < 60_000


def test_an_agenda_entry_disappears_with_its_session(participant, event):
    session = SessionPageFactory(event=event)
    agenda.add(participant, session)

    session.delete()

    assert not AgendaItem.objects.exists()


def test_a_malformed_post_is_refused(client, participant, event):
    SessionPageFactory(event=event)

    response = client.post("/me/agenda/", {"session": "first", "action": "add"})

    assert response.status_code == 400
    assert not AgendaItem.objects.exists()
