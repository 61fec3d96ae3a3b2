"""Ids too large for the database's keys, in URLs, forms and websocket paths: they name
nothing, so the answer is a 404 or a form error, never a server error."""

import re

import pytest
from channels.testing import WebsocketCommunicator
from django.urls import URLResolver, get_resolver

from convening.asgi import application
from tests.factories import EventPageFactory, ProfileFactory, SessionPageFactory
from toolkit.ids import MAX_ID, parse

pytestmark = pytest.mark.django_db

TOO_LARGE = [str(MAX_ID + 1), "9" * 20]


def routes(resolver=None, prefix=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            yield from routes(pattern, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern)


def urls_with(id_value):
    """Every URL pattern that takes an id (ours and Wagtail's), filled in."""
    for route in routes():
        if re.search(r"<(int|id):", route):
            url = re.sub(r"<(int|id):\w+>", id_value, route)
            yield "/" + re.sub(r"<\w+:\w+>", "x", url).lstrip("^").removesuffix("$")


def test_the_rule_of_ids():
    assert [parse(v) for v in ["1", " 42 ", str(MAX_ID), "0", "-1", "1e3", "٣"]] == [
        1,
        42,
        MAX_ID,
        None,
        None,
        None,
        None,
    ]
    assert [parse(v) for v in [*TOO_LARGE, "1" * 5000, None]] == [None] * 4


@pytest.mark.parametrize("id_value", TOO_LARGE, ids=["2**63", "20 digits"])
def test_every_url_with_a_too_large_id_answers_404(client, organiser, id_value):
    urls = list(urls_with(id_value))

    answers = {url: client.get(url).status_code for url in urls}

    assert f"/admin/pages/{id_value}/edit/" in answers
    assert f"/me/registrations/{id_value}/" in answers
    assert f"/admin/events/{id_value}/registrations/" in answers
    assert {url: code for url, code in answers.items() if code != 404} == {}


@pytest.mark.parametrize(
    "path",
    [
        "/admin/pages/{}/edit/",
        "/admin/pages/1/revisions/{}/view/",
        "/admin/snippets/programme/person/edit/{}/",
    ],
)
def test_the_admin_answers_404_to_a_too_large_id_also_by_post(client, organiser, path):
    response = client.post(path.format("9" * 20), {"title": "x"})

    assert response.status_code == 404


@pytest.mark.parametrize(
    "url",
    ["/api/v2/pages/?offset={}", "/admin/users/?group={}"],
    ids=["api offset", "admin filter"],
)
def test_a_too_large_number_in_a_wagtail_query_is_a_bad_request(client, organiser, url):
    response = client.get(url.format("9" * 20))

    assert response.status_code == 400
    assert response.content == b"A number in the query is too large."


def test_the_admin_still_searches_for_a_long_number(client, organiser):
    response = client.get("/admin/pages/search/", {"q": "9" * 20})

    assert response.status_code == 200


def test_an_agenda_change_with_a_too_large_session_is_refused(client):
    event = EventPageFactory()
    session = SessionPageFactory(event=event)
    client.force_login(ProfileFactory().user)

    response = client.post("/me/agenda/", {"session": str(MAX_ID + 1), "action": "add"})

    assert response.status_code == 400
    assert response.json() == {"error": "Unknown session or action."}
    assert client.get("/me/agenda/").content.decode().count(session.title) == 0


def test_search_with_a_too_large_event_ignores_the_filter(client):
    EventPageFactory(title="Youth Forum")

    response = client.get("/search/", {"q": "forum", "event": str(MAX_ID + 1)})

    assert response.status_code == 200
    assert "Youth Forum" in response.content.decode()


def test_starting_a_report_for_a_too_large_session_is_a_404(client, organiser):
    response = client.post("/admin/my-reports/", {"session": "9" * 20})

    assert response.status_code == 404


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("id_value", TOO_LARGE, ids=["2**63", "20 digits"])
async def test_a_qa_socket_for_a_too_large_session_is_refused(id_value):
    communicator = WebsocketCommunicator(
        application,
        f"/ws/sessions/{id_value}/qa/",
        headers=[(b"origin", b"http://127.0.0.1"), (b"host", b"127.0.0.1")],
    )

    connected, code = await communicator.connect(timeout=5)
    await communicator.disconnect()

    assert (connected, code) == (False, 4404)
