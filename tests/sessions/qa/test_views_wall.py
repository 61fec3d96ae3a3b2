"""The Q&A without JavaScript, through HTTP: the question wall, and the queries each Q&A
page takes."""

import pytest

from sessions.qa import services
from sessions.qa.models import QABoard, Vote
from tests.sessions.qa.conftest import moderator_of, participant_of
from tests.sessions.qa.pages import add_questions, listed, tree

pytestmark = pytest.mark.django_db


# The wall ------------------------------------------------------------------------


def test_wall_shows_the_questions_and_refreshes_itself_without_javascript(
    client, qa_session
):
    session = qa_session()
    add_questions(session, ["On the wall"])

    response = client.get(f"{session.url}questions/")

    page = tree(response)
    assert listed(response, "open") == ["On the wall"]
    assert page.xpath("//noscript/meta/@content") == ["15"]
    assert page.xpath('//main[@data-qa-mode="wall"]/@data-qa-socket') == [
        f"/ws/sessions/{session.pk}/qa/"
    ]
    assert not page.xpath("//form")
    assert not page.xpath("//script[not(@src)]") and not page.xpath("//*[@style]")


def test_wall_is_never_served_from_the_page_cache(client, qa_session):
    session = qa_session()
    wall = f"{session.url}questions/"
    client.get(wall)
    add_questions(session, ["Just asked"])

    response = client.get(wall)

    assert listed(response, "open") == ["Just asked"]


def test_wall_is_not_there_while_qa_is_off(client, qa_session):
    session = qa_session(status=QABoard.Status.OFF)

    assert client.get(f"{session.url}questions/").status_code == 404


# Query counts --------------------------------------------------------------------


@pytest.mark.parametrize("size", [5, 100])
def test_qa_pages_queries_stay_flat(
    client, qa_session, django_assert_max_num_queries, size
):
    session = qa_session()
    rows = add_questions(session, [f"Question {n}" for n in range(size)])
    participant = participant_of(session)
    Vote.objects.bulk_create(Vote(question=q, user=participant) for q in rows[::2])
    moderator = moderator_of(session)
    wall = f"{session.url}questions/"
    client.get(session.url)

    # The page alone takes 17 queries anonymously and 27 signed in (menus, agenda):
    # the panel adds board, counts, guiding questions, questions and, signed in,
    # roles, rights, registration and votes; the polls add their rows (none here),
    # the speaking queue its floor (off here) and, for moderators, the stakeholder
    # groups of its budgets form.
    with django_assert_max_num_queries(22):
        anonymous = client.get(session.url)
    with django_assert_max_num_queries(18):
        projected = client.get(wall)
    client.force_login(participant)
    with django_assert_max_num_queries(33):
        signed_in = client.get(session.url)
    client.force_login(moderator)
    with django_assert_max_num_queries(25):
        moderation = client.get(f"{session.url}questions/moderate/")

    assert len(listed(anonymous, "open")) == size
    assert len(listed(projected, "open")) == size
    pressed = tree(signed_in).xpath('//button[@aria-pressed="true"]')
    assert len(pressed) == len(rows[::2])
    assert len(listed(moderation, "open")) == size


def test_a_participant_who_deleted_their_account_leaves_a_nameless_question(
    client, qa_session
):
    session = qa_session()
    asker = participant_of(session, name="Gone Away")
    services.ask(asker, session, "Still relevant?")
    services.forget_author(asker)
    asker.delete()

    response = client.get(session.url)

    assert listed(response, "open") == ["Still relevant?"]
    assert "Gone Away" not in response.content.decode()
