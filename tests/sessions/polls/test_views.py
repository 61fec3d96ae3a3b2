"""The polls without JavaScript, through HTTP: the live poll on the session page and
its plain answer form, the wall, and the moderators' forms that prepare, launch, close
and reveal."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sessions.polls import services
from sessions.polls.models import Poll, PollAnswer
from sessions.qa import services as qa
from sessions.qa.models import QABoard
from tests.sessions.polls.conftest import launched, option_ids
from tests.sessions.qa.conftest import participant_of
from tests.sessions.qa.pages import said, tree

pytestmark = pytest.mark.django_db


def poll_section(response):
    (section,) = tree(response).xpath('//section[@id="poll"]')
    return section


def bars(element):
    """(label, figure) of each bar of the results shown."""
    return [
        (li.xpath("span")[0].text_content(), li.xpath("meter/@value")[0])
        for li in element.xpath('.//ul[@class="poll-bars"]/li')
    ]


# Participants ---------------------------------------------------------------------


def test_a_participant_answers_the_live_poll_with_the_plain_form(client, forum):
    session, _, _ = forum
    poll = launched(forum, "single", ["Open data", "Hubs"], results_live=True)
    data, hubs = option_ids(poll)
    client.force_login(participant_of(session))

    form = poll_section(client.get(session.url)).xpath('.//form[@class="poll-answer"]')
    response = client.post(
        f"{session.url}polls/answer/", {"poll": poll.pk, "choice": hubs}, follow=True
    )

    assert form[0].xpath("@action") == [f"{session.url}polls/answer/"]
    assert said(response) == ["Your answer is counted."]
    section = poll_section(response)
    assert section.xpath('.//input[@name="choice"][@checked]/@value') == [str(hubs)]
    assert section.xpath(".//button/text()") == ["Change my answer"]
    assert bars(section) == [("Open data", "0"), ("Hubs", "1")]

    response = client.post(
        f"{session.url}polls/answer/", {"poll": poll.pk, "choice": data}, follow=True
    )
    assert said(response) == ["Your answer is changed."]
    assert bars(poll_section(response)) == [("Open data", "1"), ("Hubs", "0")]


def test_a_refused_answer_comes_back_with_the_reason_and_what_was_chosen(client, forum):
    session, _, _ = forum
    poll = launched(forum, "multiple", ["A", "B", "C"], max_choices=2)
    a, b, c = option_ids(poll)
    client.force_login(participant_of(session))

    response = client.post(
        f"{session.url}polls/answer/", {"poll": poll.pk, "choices": [a, b, c]}
    )

    section = poll_section(response)
    assert section.xpath('.//p[@class="error"]/text()') == ["Choose at most 2 options."]
    assert section.xpath('.//input[@name="choices"][@checked]/@value') == [
        str(a),
        str(b),
        str(c),
    ]
    assert not PollAnswer.objects.exists()


def test_a_ranking_is_answered_with_a_place_for_each_option(client, forum):
    session, moderator, _ = forum
    poll = launched(forum, "ranking", ["A", "B", "C"])
    a, b, c = option_ids(poll)
    client.force_login(participant_of(session))

    offered = poll_section(client.get(session.url))
    twice = client.post(
        f"{session.url}polls/answer/",
        {"poll": poll.pk, f"place_{a}": 1, f"place_{b}": 1, f"place_{c}": 2},
    )
    client.post(
        f"{session.url}polls/answer/",
        {"poll": poll.pk, f"place_{a}": 3, f"place_{b}": 1, f"place_{c}": 2},
    )

    # The options' own order to start from, to be rearranged.
    assert offered.xpath(".//select/option[@selected]/@value") == ["1", "2", "3"]
    assert poll_section(twice).xpath('.//p[@class="error"]/text()') == [
        "Put every option in your order, each once."
    ]
    ranked = services.close(moderator, session, poll.pk).final_results["options"]
    assert [o["text"] for o in ranked] == ["B", "C", "A"]


def test_a_visitor_sees_the_poll_and_how_to_answer_and_results_once_revealed(
    client, forum
):
    session, moderator, _ = forum
    poll = launched(forum)
    services.answer(
        participant_of(session), session, poll.pk, chosen=option_ids(poll)[:1]
    )

    hidden = poll_section(client.get(session.url))
    services.reveal(moderator, session, poll.pk)
    shown = poll_section(client.get(session.url))

    assert hidden.xpath(".//h3/text()") == ["Which matters most?"]
    assert not hidden.xpath(".//form")
    assert "sign in" in hidden.xpath('.//p[@class="qa-join"]')[0].text_content()
    assert "shown once the moderators reveal them" in hidden.text_content()
    assert bars(hidden) == []
    assert bars(shown) == [("Yes", "1"), ("No", "0")]


def test_an_answer_after_the_close_is_refused_with_the_reason(client, forum):
    session, moderator, _ = forum
    poll = launched(forum)
    client.force_login(participant_of(session))
    services.close(moderator, session, poll.pk)

    response = client.post(
        f"{session.url}polls/answer/",
        {"poll": poll.pk, "choice": option_ids(poll)[0]},
        follow=True,
    )

    assert said(response) == ["This poll is closed."]
    assert not PollAnswer.objects.exists()


def test_closed_polls_with_results_shown_stay_on_the_session_page(client, forum):
    session, moderator, _ = forum
    poll = launched(forum, results_live=True)
    services.close(moderator, session, poll.pk)
    services.reveal(moderator, session, poll.pk)
    hidden = launched(forum)
    services.close(moderator, session, hidden.pk)

    section = poll_section(client.get(session.url))

    assert section.xpath(".//h4/text()") == ["Which matters most?"]  # one, revealed


def test_the_wall_shows_the_live_poll_and_its_results_when_shown(client, forum):
    session, _, _ = forum
    poll = launched(forum, results_live=True)
    services.answer(
        participant_of(session), session, poll.pk, chosen=option_ids(poll)[1:]
    )

    wall = tree(client.get(f"{session.url}questions/"))

    (section,) = wall.xpath('//section[contains(@class, "poll-wall")]')
    assert section.xpath(".//h2/text()") == ["Poll: Which matters most?"]
    assert bars(section) == [("Yes", "0"), ("No", "1")]


def test_with_the_qa_off_the_live_poll_still_runs_on_the_page_and_the_wall(
    client, forum
):
    session, moderator, _ = forum
    qa.configure(moderator, session, status=QABoard.Status.OFF)
    launched(forum, results_live=True)

    page = tree(client.get(session.url))
    wall = client.get(f"{session.url}questions/")

    # The live socket's root and scripts, without the Q&A's panel.
    (root,) = page.xpath("//div[@data-qa]")
    assert root.get("data-qa-socket") == f"/ws/sessions/{session.pk}/qa/"
    assert not page.xpath('//section[@id="qa"]')
    scripts = page.xpath("//script/@src")
    assert any(src.endswith("sessions/polls.js") for src in scripts)
    assert root.xpath('.//section[@id="poll"]//h3/text()') == ["Which matters most?"]
    assert wall.status_code == 200
    assert tree(wall).xpath('//section[contains(@class, "poll-wall")]//h2/text()') == [
        "Poll: Which matters most?"
    ]


def test_with_nothing_live_the_page_loads_no_live_script(client, forum):
    session, moderator, _ = forum
    qa.configure(moderator, session, status=QABoard.Status.OFF)

    page = tree(client.get(session.url))

    assert not page.xpath("//*[@data-qa]")
    assert not [s for s in page.xpath("//script/@src") if "sessions/qa.js" in s]
    assert client.get(f"{session.url}questions/").status_code == 404


# Moderators -----------------------------------------------------------------------


def test_a_moderator_prepares_launches_closes_and_reveals_from_their_page(
    client, forum
):
    session, moderator, _ = forum
    client.force_login(moderator)
    page = f"{session.url}questions/moderate/"

    prepared = client.post(
        f"{session.url}polls/prepare/",
        {
            "question": "Which hub first?",
            "kind": "single",
            "options": "Accra\nNairobi\n",
            "scale": 5,
            "duration": 5,
        },
        follow=True,
    )
    poll = Poll.objects.get(question="Which hub first?")
    launched_ = client.post(
        f"{session.url}polls/launch/", {"poll": poll.pk}, follow=True
    )
    closed = client.post(f"{session.url}polls/close/", {"poll": poll.pk}, follow=True)
    revealed = client.post(
        f"{session.url}polls/reveal/", {"poll": poll.pk, "revealed": 1}, follow=True
    )

    assert prepared.redirect_chain == [(f"{page}#polls", 302)]
    assert said(prepared) == [
        "Poll prepared: “Which hub first?”. Launch it when you are ready."
    ]
    assert [o.text for o in poll.options.all()] == ["Accra", "Nairobi"]
    assert poll.duration == 300
    assert said(launched_) == ["Poll launched: “Which hub first?”."]
    assert said(closed) == ["Poll closed with 0 answer(s)."]
    assert said(revealed) == ["Results shown to everyone."]
    (item,) = tree(revealed).xpath(f'//div[@id="poll-{poll.pk}"]')
    assert "Closed" in item.xpath('.//p[@class="meta"]')[0].text_content()
    assert item.xpath(".//button/text()") == ["Hide the results"]


def test_a_poll_that_breaks_a_rule_is_not_prepared_and_the_reason_is_said(
    client, forum
):
    session, moderator, _ = forum
    client.force_login(moderator)

    response = client.post(
        f"{session.url}polls/prepare/",
        {"question": "Which?", "kind": "single", "options": "Only one", "scale": 5},
        follow=True,
    )

    assert said(response) == ["Poll not prepared. Give at least two options."]
    assert not Poll.objects.exists()


def test_a_moderator_shows_or_hides_a_word_clouds_entries(client, forum):
    session, moderator, _ = forum
    poll = launched(forum, "words", words_premoderated=True, results_live=True)
    entry = services.answer(participant_of(session), session, poll.pk, words="trust")
    client.force_login(moderator)

    page = tree(client.get(f"{session.url}questions/moderate/"))
    shown = client.post(
        f"{session.url}polls/words/",
        {"answer": entry.pk, "action": "approve"},
        follow=True,
    )

    assert page.xpath('//ul[@class="poll-pending"]/li/text()')[0].strip() == "trust"
    assert said(shown) == ["Answer shown in the cloud."]
    assert (
        tree(shown).xpath('//ul[@class="poll-words"]/li/text()')[0].strip() == "trust"
    )
    # Drawn on the server: SVG text, escaped as any text.
    assert tree(shown).xpath('//svg[@class="poll-cloud"]/text/text()') == ["trust"]


@pytest.mark.parametrize("act", ["prepare", "launch", "close", "reveal", "words"])
def test_someone_who_is_not_a_moderator_finds_no_poll_act(client, forum, act):
    session, _, make_poll = forum
    poll = make_poll()
    client.force_login(participant_of(session))

    response = client.post(f"{session.url}polls/{act}/", {"poll": poll.pk})

    assert response.status_code == 404
    assert Poll.objects.get(pk=poll.pk).status == Poll.Status.PREPARED


@pytest.mark.parametrize("page", ["moderate", "session", "wall"])
def test_a_page_with_polls_reads_as_many_rows_for_many_polls(client, forum, page):
    session, moderator, make_poll = forum
    address = {
        "moderate": f"{session.url}questions/moderate/",
        "session": session.url,
        "wall": f"{session.url}questions/",
    }[page]
    if page == "moderate":
        client.force_login(moderator)

    def counted(polls):
        for _ in range(polls):
            poll = make_poll()
            services.launch(moderator, session, poll.pk)
            services.close(moderator, session, poll.pk)
            services.reveal(moderator, session, poll.pk)
        launched(forum, results_live=True)  # and one live
        client.get(address)  # sessions and caches warm
        with CaptureQueriesContext(connection) as queries:
            assert client.get(address).status_code == 200
        return len(queries)

    assert counted(2) == counted(10)


def test_my_data_holds_my_poll_answers_and_nobody_elses(client, forum):
    session, _, _ = forum
    ranking = launched(forum, "ranking", ["A", "B"])
    a, b = option_ids(ranking)
    me, other = participant_of(session), participant_of(session)
    services.answer(me, session, ranking.pk, chosen=[b, a])
    services.answer(other, session, ranking.pk, chosen=[a, b])
    words = launched(forum, "words")
    services.answer(me, session, words.pk, words="open data")
    client.force_login(me)

    data = client.get("/me/data.json").json()

    assert [
        (row["poll"], row["chosen"], row["words"]) for row in data["poll_answers"]
    ] == [
        ("Which matters most?", ["B", "A"], ""),
        ("Which matters most?", [], "open data"),
    ]
