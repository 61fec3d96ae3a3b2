"""A session or an event behind a view restriction (a password, or signing in) is
listed nowhere anonymous readers look: not in the programme, its files, the changelog,
the theme archive, the event listings, nor in anyone's agenda."""

from datetime import date

import icalendar
import pytest
from wagtail.models import PageViewRestriction

from convening.outcomes.models import Recommendation
from sessions import agenda
from sessions.models import AgendaItem
from tests.factories import (
    EventPageFactory,
    SessionPageFactory,
    UserFactory,
    outcome_page,
    theme,
)

pytestmark = pytest.mark.django_db

RESTRICTIONS = {
    "password": {
        "restriction_type": PageViewRestriction.PASSWORD,
        "password": "delegates only",
    },
    "login": {"restriction_type": PageViewRestriction.LOGIN},
}
SECRET = "Closed-door briefing"
SECRET_SUMMARY = "Positions before the vote"


@pytest.fixture(params=list(RESTRICTIONS))
def restrict(request):
    """restrict(page) puts a password or a sign-in (one run each) in front of it."""

    def make(page):
        return PageViewRestriction.objects.create(
            page=page, **RESTRICTIONS[request.param]
        )

    return make


@pytest.fixture
def event(restrict):
    """An event with one open session and one restricted one, both on SDG 4."""
    event = EventPageFactory(start_date=date(2031, 5, 12), end_date=date(2031, 5, 14))
    SessionPageFactory(event=event, title="Open plenary", themes=[theme("sdg-4")])
    restrict(
        SessionPageFactory(
            event=event,
            title=SECRET,
            summary=SECRET_SUMMARY,
            themes=[theme("sdg-4")],
        )
    )
    return event


@pytest.mark.parametrize(
    "output",
    [
        "programme/",
        "programme.ics",
        "schedule.xml",
        "schedule.json",
        "programme/changes/",
        "programme/changes/feed.atom",
    ],
)
def test_a_restricted_session_is_absent_from_the_events_outputs(client, event, output):
    response = client.get(f"{event.url}{output}")

    text = response.content.decode()
    assert response.status_code == 200
    assert "Open plenary" in text
    assert SECRET not in text
    assert SECRET_SUMMARY not in text


def test_a_restricted_session_is_absent_from_the_theme_archive(client, event):
    text = client.get("/themes/sdg-4/").content.decode()

    assert "Open plenary" in text
    assert SECRET not in text


def test_a_restricted_outcomes_recommendations_are_absent_from_the_archive(
    client, restrict
):
    for title, private in [("Open", False), ("Closed", True)]:
        outcome = outcome_page(EventPageFactory())
        Recommendation.objects.create(
            outcome=outcome, text=f"{title} recommendation", theme=theme("sdg-4")
        )
        if private:
            restrict(outcome)

    text = client.get("/themes/sdg-4/").content.decode()

    assert "Open recommendation" in text
    assert "Closed recommendation" not in text


def test_a_restricted_session_is_absent_from_the_pages_api(client, event):
    response = client.get(
        "/api/v2/pages/", {"type": "programme.SessionPage", "fields": "summary"}
    )

    assert [item["title"] for item in response.json()["items"]] == ["Open plenary"]


@pytest.mark.parametrize("address", ["/", "/events/", "/search/"])
def test_a_restricted_event_is_absent_from_the_event_listings(
    client, restrict, address
):
    EventPageFactory(title="Open forum")
    restrict(EventPageFactory(title="Ministerial retreat"))

    text = client.get(address).content.decode()

    assert "Open forum" in text
    assert "Ministerial retreat" not in text


@pytest.mark.parametrize("name", ["programme/", "programme.ics", "schedule.json"])
def test_a_restricted_events_programme_and_files_are_not_served(client, restrict, name):
    event = EventPageFactory()
    SessionPageFactory(event=event, title=SECRET)
    restrict(event)

    response = client.get(f"{event.url}{name}")

    assert response.status_code in (200, 302)  # the password form, or sign in
    assert SECRET not in response.content.decode()
    assert "BEGIN:VCALENDAR" not in response.content.decode()


def open_restriction(client, restriction):
    """Passes `restriction` as its reader does: signs in, or enters the password."""
    if restriction.restriction_type == PageViewRestriction.LOGIN:
        client.force_login(UserFactory())
    else:
        client.post(
            f"/_util/authenticate_with_password/{restriction.pk}/{restriction.page_id}/",
            {"password": restriction.password, "return_url": "/"},
        )


@pytest.mark.parametrize("name", ["programme/", "programme.ics", "schedule.json"])
def test_who_may_open_a_restricted_event_gets_its_programme_but_no_private_session(
    client, restrict, name
):
    event = EventPageFactory()
    SessionPageFactory(event=event, title="Delegates plenary")
    restriction = restrict(event)
    # For the members of a group this reader is not in.
    PageViewRestriction.objects.create(
        page=SessionPageFactory(event=event, title=SECRET),
        restriction_type=PageViewRestriction.GROUPS,
    )
    open_restriction(client, restriction)

    text = client.get(f"{event.url}{name}").content.decode()

    assert "Delegates plenary" in text
    assert SECRET not in text


def test_a_restricted_session_cannot_be_added_to_an_agenda(client, event):
    session = event.get_children().get(title=SECRET)
    client.force_login(UserFactory())

    response = client.post(
        "/me/agenda/",
        {"session": session.pk, "action": "add"},
        HTTP_ACCEPT="application/json",
    )

    assert response.status_code == 400
    assert response.json() == {"error": "This session is not in the public programme."}
    assert not AgendaItem.objects.exists()


def test_a_session_made_private_leaves_the_agenda_and_its_feed(client, restrict):
    event = EventPageFactory()
    kept = SessionPageFactory(event=event, title="Open plenary")
    hidden = SessionPageFactory(event=event, title=SECRET)
    user = UserFactory()
    agenda.add(user, kept)
    agenda.add(user, hidden)

    restrict(hidden)
    feed = client.get(f"/agenda/{agenda.feed_token(user)}.ics")
    client.force_login(user)
    page = client.get("/me/agenda/").content.decode()

    titles = [
        str(item["SUMMARY"])
        for item in icalendar.Calendar.from_ical(feed.content).walk("VEVENT")
    ]
    assert titles == ["Open plenary"]
    assert "Open plenary" in page
    assert SECRET not in page


def test_a_private_sessions_page_offers_no_agenda_button(client):
    event = EventPageFactory()
    shown = SessionPageFactory(event=event, title="Open plenary")
    private = SessionPageFactory(event=event, title=SECRET)
    PageViewRestriction.objects.create(page=private, **RESTRICTIONS["login"])
    client.force_login(UserFactory())

    private_page = client.get(private.url).content.decode()
    shown_page = client.get(shown.url).content.decode()

    assert SECRET in private_page  # its reader sees the session
    assert "Add to my agenda" not in private_page
    assert "Add to my agenda" in shown_page
