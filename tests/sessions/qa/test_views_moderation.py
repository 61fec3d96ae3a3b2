"""The Q&A without JavaScript, through HTTP, for moderators: their page, the forms that
moderate and switch the Q&A, and the organisers' admin screen."""

import pytest
from django.contrib.auth.models import Permission

from sessions.models import SessionPage, SessionRole
from sessions.qa import services
from sessions.qa.models import QABoard, Question
from tests.factories import EventPageFactory
from tests.sessions.qa.conftest import moderator_of, participant_of
from tests.sessions.qa.pages import add_questions, item, listed, said, tree

pytestmark = pytest.mark.django_db


# Moderation ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "role", [SessionRole.Role.MODERATOR, SessionRole.Role.ONLINE_MODERATOR], ids=str
)
def test_moderators_find_their_page_from_the_session_page(client, qa_session, role):
    session = qa_session()
    client.force_login(moderator_of(session, role=role))

    page = tree(client.get(session.url))

    assert page.xpath('//a[text()="Moderate Q&A"]/@href') == [
        f"{session.url}questions/moderate/"
    ]


def test_moderators_reach_their_page_while_qa_is_off(client, qa_session):
    session = qa_session(status=QABoard.Status.OFF)
    client.force_login(moderator_of(session))

    link = tree(client.get(session.url)).xpath('//a[text()="Moderate Q&A"]/@href')
    page = client.get(f"{session.url}questions/moderate/")

    assert link == [f"{session.url}questions/moderate/"]
    assert page.status_code == 200


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "questions/moderate/"),
        ("post", "questions/moderate/"),
        ("post", "questions/board/"),
        ("post", "questions/untaken/"),
    ],
    ids=["moderation-page", "moderate", "board", "untaken"],
)
def test_someone_who_is_not_a_moderator_finds_nothing(client, qa_session, method, path):
    session = qa_session(premoderation=True)
    asker = participant_of(session)
    question = services.ask(asker, session, "Pending and private")
    client.force_login(asker)

    response = getattr(client, method)(
        session.url + path,
        {"question": question.pk, "action": "approve", "status": "closed"},
    )

    assert response.status_code == 404
    question.refresh_from_db()
    assert question.status == Question.Status.PENDING
    assert QABoard.objects.get(session=session).status == QABoard.Status.OPEN


def test_visitors_are_asked_to_sign_in_before_moderating(client, qa_session):
    session = qa_session()

    response = client.get(f"{session.url}questions/moderate/")

    assert response["Location"] == (
        f"/accounts/login/?next={session.url}questions/moderate/"
    )


def test_moderation_page_lists_pending_shown_answered_and_hidden(client, qa_session):
    session = qa_session(premoderation=True)
    asker = participant_of(session, name="Named Asker")
    moderator = moderator_of(session)
    texts = ["Waiting", "Shown", "Done", "Gone"]
    pending, shown, done, gone = (services.ask(asker, session, t) for t in texts)
    for question in (shown, done):
        services.moderate(moderator, session, question.pk, "approve")
    services.moderate(moderator, session, done.pk, "answer")
    services.moderate(moderator, session, gone.pk, "hide", reason="Off topic")
    client.force_login(moderator)

    response = client.get(f"{session.url}questions/moderate/")

    lists = {name: listed(response, name) for name in ["pending", "open", "answered"]}
    assert lists == {"pending": ["Waiting"], "open": ["Shown"], "answered": ["Done"]}
    assert listed(response, "hidden") == ["Gone"]
    assert item(response, gone).xpath('string(.//*[@data-field="reason"])') == (
        "Off topic"
    )
    assert "Named Asker" in item(response, pending).text_content()


@pytest.mark.parametrize(
    ("action", "fields", "expected", "message"),
    [
        ("approve", {}, ("approved", False, "Why?", ""), "Question approved"),
        (
            "hide",
            {"reason": "Personal attack"},
            ("hidden", False, "Why?", "Personal attack"),
            "Question hidden",
        ),
        ("pin", {}, ("approved", True, "Why?", ""), "Question pinned"),
        ("answer", {}, ("answered", False, "Why?", ""), "Question marked answered"),
        (
            "edit",
            {"text": "Why so?"},
            ("approved", False, "Why so?", ""),
            "Question corrected",
        ),
    ],
    ids=["approve", "hide", "pin", "answer", "edit"],
)
def test_moderator_acts_on_a_question_through_the_forms(
    client, qa_session, action, fields, expected, message
):
    session = qa_session(premoderation=True)
    moderator = moderator_of(session)
    question = services.ask(participant_of(session), session, "Why?")
    if action != "approve":
        services.moderate(moderator, session, question.pk, "approve")
    client.force_login(moderator)

    response = client.post(
        f"{session.url}questions/moderate/",
        {"question": question.pk, "action": action, **fields},
        follow=True,
    )

    question.refresh_from_db()
    assert response.redirect_chain == [
        (f"{session.url}questions/moderate/#question-{question.pk}", 302)
    ]
    assert said(response)[0].startswith(message)
    assert (
        question.status,
        question.pinned,
        question.text,
        question.hidden_reason,
    ) == expected
    assert question.original_text == ("Why?" if action == "edit" else "")
    assert question.moderated_by == moderator


def test_hiding_without_a_reason_is_refused(client, qa_session):
    session = qa_session()
    moderator = moderator_of(session)
    (question,) = add_questions(session, ["Rude?"])
    client.force_login(moderator)

    response = client.post(
        f"{session.url}questions/moderate/",
        {"question": question.pk, "action": "hide", "reason": " "},
        follow=True,
    )

    assert said(response) == ["Give a reason for hiding it (kept on record)."]
    question.refresh_from_db()
    assert question.status == Question.Status.APPROVED


@pytest.mark.parametrize(
    ("posted", "expected", "message"),
    [
        (
            {"status": "paused", "premoderation": "on"},
            ("paused", True),
            "Q&A: Paused; pre-moderation on.",
        ),
        ({"status": "closed"}, ("closed", False), "Q&A: Closed; pre-moderation off."),
        ({"status": "nonsense"}, ("open", False), "Q&A: Select a valid choice."),
    ],
    ids=["pause-premoderated", "close", "unknown"],
)
def test_moderator_opens_pauses_and_closes_the_qa(
    client, qa_session, posted, expected, message
):
    session = qa_session()
    client.force_login(moderator_of(session))

    response = client.post(f"{session.url}questions/board/", posted, follow=True)

    board = QABoard.objects.get(session=session)
    assert (board.status, board.premoderation) == expected
    assert said(response)[0].startswith(message)


def test_organiser_moderates_without_a_session_role(client, qa_session, admin_user):
    session = qa_session(status=QABoard.Status.OFF)
    client.force_login(admin_user)

    response = client.post(
        f"{session.url}questions/board/", {"status": "open"}, follow=True
    )

    page = tree(response)
    assert QABoard.objects.get(session=session).status == QABoard.Status.OPEN
    assert page.xpath("//form[@class='qa-untaken']//button/text()") == [
        "Publish the questions not taken"
    ]


# The admin -----------------------------------------------------------------------


@pytest.mark.parametrize("size", [2, 20])
def test_organisers_reach_each_sessions_moderation_from_the_admin(
    client, admin_user, django_assert_max_num_queries, size
):
    event = EventPageFactory(sessions=size)
    session = SessionPage.objects.child_of(event).order_by("start", "title").first()
    QABoard.objects.create(
        session=session, status=QABoard.Status.OPEN, premoderation=True
    )
    services.ask(participant_of(session), session, "Pending?")
    client.force_login(admin_user)
    client.get(f"/admin/events/{event.pk}/qa/")

    with django_assert_max_num_queries(20):
        response = client.get(f"/admin/events/{event.pk}/qa/")

    rows = tree(response).xpath('//table[@class="listing"]/tbody/tr')
    cells = [cell.text_content() for cell in rows[0].xpath("td")[1:6]]
    links = rows[0].xpath(".//a/@href")
    assert len(rows) == size
    assert cells == ["Open for questions", "On", "1", "1", "0"]
    assert links == [f"{session.url}questions/moderate/", f"{session.url}questions/"]
    assert rows[1].xpath("string(td[2])") == "Off"


def test_the_admin_qa_screen_is_not_there_for_an_editor_of_other_events(
    client, qa_session
):
    session = qa_session()
    editor = moderator_of(session)  # moderates this session, organises nothing
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    event = session.get_parent()

    assert client.get(f"/admin/events/{event.pk}/qa/").status_code == 404
