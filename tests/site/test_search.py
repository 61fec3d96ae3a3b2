import pytest

from tests.factories import EventPageFactory, SessionPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum():
    event = EventPageFactory(
        title="Forum on digital cooperation", summary="Bridging the digital divide."
    )
    SessionPageFactory(
        event=event,
        title="Measuring the information society",
        background="<p>Household surveys improved the statistics.</p>",
    )
    SessionPageFactory(
        event=event,
        title="Breaking thematic silos",
        questions=["How can partnerships work across goals?"],
    )
    return event


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("household surveys", "Measuring the information society"),
        ("thematic silos", "Breaking thematic silos"),
        ("digital divide", "Forum on digital cooperation"),
    ],
    ids=["issue-note", "session-title", "event-summary"],
)
def test_search_finds_events_sessions_and_issue_notes(client, forum, query, expected):
    response = client.get("/search/", {"q": query})

    results = [page.title for page in response.context["results"]]
    assert expected in results


def test_search_finds_a_session_by_its_guiding_question(client, forum):
    response = client.get("/search/", {"q": "across goals"})

    assert "Breaking thematic silos" in [p.title for p in response.context["results"]]


def test_search_does_not_show_unpublished_sessions(client, forum):
    forum.get_children().get(title="Breaking thematic silos").unpublish()

    response = client.get("/search/", {"q": "thematic silos"})

    assert "Breaking thematic silos" not in response.content.decode()


def test_search_is_reachable_from_every_page(client, forum):
    html = client.get(forum.url).content.decode()

    form = '<form class="search" role="search" aria-label="Site" action="/search/"'
    assert form in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("household survey", "Measuring the information society"),
        ("partnership", "Breaking thematic silos"),
        ("statistic", "Measuring the information society"),
        ("silo", "Breaking thematic silos"),
    ],
    ids=["survey-surveys", "partnership-partnerships", "statistic", "silo"],
)
def test_search_finds_plural_forms_from_the_singular(client, forum, query, expected):
    page = client.get("/search/", {"q": query}).content.decode()

    assert expected in page


def test_every_result_names_its_event_and_year(client, forum):
    page = client.get("/search/", {"q": "surveys"}).content.decode()

    (result,) = (
        page.split('<ol class="results">')[1].split("</ol>")[0].split("<li>")[1:]
    )
    assert "Session · Forum on digital cooperation, 2031" in result
