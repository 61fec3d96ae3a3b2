"""The speaking queue without JavaScript, through HTTP: the queue on the session page,
the wall and the moderators' page, a participant's request and withdrawal, and the
moderators' forms, in a fixed number of queries however long the queue."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import StakeholderGroup
from sessions.floor import services
from sessions.floor.models import FloorEntry, SpeakRequest
from tests.factories import ProfileFactory
from tests.sessions.floor.conftest import participant_of, queued, speaker_of
from tests.sessions.qa.pages import said, tree

pytestmark = pytest.mark.django_db


def section(response):
    (element,) = tree(response).xpath('//section[@id="floor"]')
    return element


def hidden(element):
    return element.get("hidden") is not None


def queue(element):
    """Each waiting request as the page lists it: number, name and the rest."""
    return [
        " ".join(li.text_content().split())
        for li in element.xpath('.//ol[@data-floor-list="queue"]/li')
    ]


def test_everyone_sees_the_queue_and_who_speaks(client, floor):
    session, moderator = floor
    ama = speaker_of(session, "academia", name="Ama Mensah")
    bo = speaker_of(session, "media", name="Bo Lind", online=True)
    first = services.request(ama, session, topic="Open access")
    services.request(bo, session, reply=True, name_public=False)
    services.act(moderator, session, "call", request_id=first.pk)
    services.request(ama, session)  # again, after speaking once

    element = section(client.get(session.url))

    speaker = " ".join(
        element.xpath(".//*[@data-floor-speaker]")[0].text_content().split()
    )
    assert "#1 Ama Mensah Academia and research · onsite Open access" in speaker
    assert "of 3:00" in speaker
    assert queue(element) == [
        "#2 Participant Media · online · not yet heard Reply to the speaker",
        "#3 Ama Mensah Academia and research · onsite · has spoken 1×",
    ]
    # A visitor is told how to take part; no request form.
    assert not element.xpath(".//form[@data-floor-speak]")
    assert "sign in" in element.text_content()


def test_a_participant_requests_and_withdraws_with_plain_forms(client, floor):
    session, _ = floor
    ama = participant_of(session)
    client.force_login(ama)

    form = section(client.get(session.url)).xpath(".//form[@data-floor-speak]")[0]
    assert not hidden(form)
    response = client.post(
        f"{session.url}floor/speak/",
        {"topic": "Connectivity", "name_public": "on"},
        follow=True,
    )
    assert said(response) == ["You are in the queue as #1. Watch for your turn."]
    element = section(response)
    assert hidden(element.xpath(".//form[@data-floor-speak]")[0])
    (unspeak,) = element.xpath(".//form[@data-floor-unspeak]")
    assert not hidden(unspeak)
    assert "#1" in unspeak.text_content()

    request_id = unspeak.xpath('.//input[@name="request"]/@value')[0]
    response = client.post(
        f"{session.url}floor/unspeak/", {"request": request_id}, follow=True
    )
    assert said(response) == ["You have left the queue. Ask again at any time."]
    assert SpeakRequest.objects.get().status == SpeakRequest.Status.WITHDRAWN


def test_a_refused_request_keeps_what_was_typed_and_says_why(client, floor):
    session, _ = floor
    ama = participant_of(session)
    client.force_login(ama)
    services.request(ama, session)
    # A second tab that still shows the form.
    response = client.post(f"{session.url}floor/speak/", {"topic": "Again"})
    assert response.status_code == 200
    element = section(response)
    assert "You are in the queue already." in element.text_content()
    assert element.xpath('.//input[@name="topic"]/@value') == ["Again"]


def test_someone_not_registered_is_told_so(client, floor):
    session, _ = floor
    client.force_login(ProfileFactory().user)
    element = section(client.get(session.url))
    assert not element.xpath(".//form[@data-floor-speak]")
    assert "confirmed registration" in element.text_content()
    response = client.post(f"{session.url}floor/speak/", {}, follow=True)
    assert "confirmed registration" in " ".join(said(response))


def test_moderators_call_skip_and_move_with_plain_forms(client, floor):
    session, moderator = floor
    first, second, third = queued(session, 3)
    client.force_login(moderator)
    page = client.get(f"{session.url}questions/moderate/")
    element = section(page)
    calls = element.xpath('.//ol[@data-floor-list="queue"]//form[@data-floor-call]')
    assert [hidden(form) for form in calls] == [False, True, True]
    act = f"{session.url}floor/act/"

    response = client.post(
        act,
        {"action": "move", "request": third.pk, "place": 1, "reason": "Reply"},
        follow=True,
    )
    assert said(response) == ["#3 moved; the reason is kept on record."]
    response = client.post(act, {"action": "call", "request": first.pk}, follow=True)
    assert "#1 is not next in the queue" in said(response)[0]
    response = client.post(act, {"action": "call", "request": third.pk}, follow=True)
    assert said(response) == ["Called: #3 has the floor."]
    response = client.post(
        act, {"action": "skip", "request": first.pk, "reason": ""}, follow=True
    )
    assert "Say why" in said(response)[0]
    response = client.post(act, {"action": "finish"}, follow=True)
    assert said(response) == ["#3 has finished speaking."]
    assert queue(section(response))[0].startswith("#1")
    record = FloorEntry.objects.filter(request__session=session)
    assert list(record.values_list("action", flat=True)) == [
        "moved",
        "called",
        "finished",
    ]


def test_moderators_set_the_limit_and_budgets(client, floor):
    session, moderator = floor
    client.force_login(moderator)
    element = section(client.get(f"{session.url}questions/moderate/"))
    fields = element.xpath(".//details[@class='floor-settings']//input/@name")
    assert "floor-speaking_limit" in fields
    assert len([f for f in fields if f.startswith("floor-budget_")]) == 7

    media = StakeholderGroup.objects.get(slug="media")
    response = client.post(
        f"{session.url}floor/settings/",
        {
            "floor-status": "open",
            "floor-speaking_limit": 2,
            f"floor-budget_{media.pk}": 10,
        },
        follow=True,
    )
    assert said(response) == ["Speaking queue: Open for requests; 2 min per speaker."]
    element = section(response)
    assert "Media: 0:00 of 10:00" in element.text_content()


def test_the_moderators_page_shows_the_balance_line(client, floor):
    session, moderator = floor
    ama = speaker_of(session, "academia", gender="woman")
    services.request(speaker_of(session, "media"), session)
    first = services.request(ama, session)
    services.act(moderator, session, "move", request_id=first.pk, place=1, reason="x")
    services.act(moderator, session, "call", request_id=first.pk)
    client.force_login(moderator)
    element = section(client.get(f"{session.url}questions/moderate/"))
    rows = {
        " ".join(tr.xpath("th")[0].text_content().split()): [
            td.text_content() for td in tr.xpath("td")
        ]
        for tr in element.xpath(".//table[caption='By stakeholder group']/tbody/tr")
    }
    assert rows["Academia and research"][:2] == ["0", "1"]
    assert rows["Media"][:2] == ["1", "0"]
    # The public never sees it.
    assert not section(client.get(session.url)).xpath(".//*[@data-floor-balance]")


def test_someone_who_is_not_a_moderator_finds_no_moderators_forms(client, floor):
    session, _ = floor
    (first,) = queued(session, 1)
    client.force_login(participant_of(session))
    response = client.post(
        f"{session.url}floor/act/", {"action": "call", "request": first.pk}
    )
    assert response.status_code == 404
    assert SpeakRequest.objects.get().status == SpeakRequest.Status.WAITING


def test_the_wall_shows_the_queue(client, floor):
    session, _ = floor
    queued(session, 2)
    element = section(client.get(f"{session.url}questions/"))
    assert len(queue(element)) == 2
    assert not element.xpath(".//form")


@pytest.mark.parametrize("path", ["", "questions/moderate/"])
def test_pages_read_the_queue_in_a_fixed_number_of_queries(client, floor, path):
    session, moderator = floor
    client.force_login(moderator)
    url = f"{session.url}{path}"
    client.get(url)

    def counted():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    requests = queued(session, 2)
    few = counted()
    requests += queued(session, 20)
    for item in requests[:5]:
        services.act(moderator, session, "call", request_id=item.pk)
    assert counted() == few


def test_my_data_holds_my_requests_to_speak_and_nobody_elses(client, floor):
    session, moderator = floor
    me, other = participant_of(session), participant_of(session)
    mine = services.request(me, session, topic="Open access", name_public=False)
    services.request(other, session, topic="Not mine")
    services.act(
        moderator, session, "skip", request_id=mine.pk, reason="Not in the room"
    )
    client.force_login(me)

    data = client.get("/me/data.json").json()

    (row,) = data["speak_requests"]
    assert (row["number"], row["topic"], row["status"]) == (1, "Open access", "Skipped")
    assert row["name_shown_to_public"] is False
    assert [(e["action"], e["reason"]) for e in row["record"]] == [
        ("Skipped", "Not in the room")
    ]
    assert "actor" not in row["record"][0]


def test_a_moderator_finds_the_queue_from_the_session_page(client, floor):
    session, moderator = floor
    client.force_login(moderator)
    links = section(client.get(session.url)).xpath(".//a/@href")
    assert f"{session.url}questions/moderate/#floor" in links
