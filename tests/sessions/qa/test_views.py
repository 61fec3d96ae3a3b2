"""The Q&A without JavaScript, through HTTP: the session page's panel, the question
wall, the forms that ask, vote and moderate, and the moderators' page."""

from datetime import timedelta

import lxml.html
import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.utils import timezone

from participants.models import Registration
from sessions.models import SessionPage, SessionRole
from sessions.qa import services
from sessions.qa.models import QABoard, Question, Vote
from tests.factories import EventPageFactory, ProfileFactory
from tests.sessions.qa.conftest import moderator_of, participant_of

pytestmark = pytest.mark.django_db


def tree(response):
    return lxml.html.fromstring(response.content.decode())


def listed(response, name):
    """The texts in one list of the Q&A (open, answered, mine, pending, hidden)."""
    return [
        el.text_content()
        for el in tree(response).xpath(
            f'//ol[@data-qa-list="{name}"]/li/p[@data-field="text"]'
        )
    ]


def item(response, question):
    (li,) = tree(response).xpath(f'//li[@id="question-{question.pk}"]')
    return li


def said(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def add_questions(session, texts, **fields):
    """Questions as if asked over time (the services limit one asker's pace)."""
    author = participant_of(session)
    start = timezone.now() - timedelta(hours=1)
    rows = Question.objects.bulk_create(
        Question(
            session=session,
            author=author,
            author_name="Asker",
            text=text,
            status=Question.Status.APPROVED,
            **fields,
        )
        for text in texts
    )
    for n, row in enumerate(rows):  # auto_now_add ignores a given created_at
        Question.objects.filter(pk=row.pk).update(
            created_at=start + timedelta(minutes=n)
        )
    return rows


# The panel ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "shown"),
    [
        (QABoard.Status.OFF, False),
        (QABoard.Status.OPEN, True),
        (QABoard.Status.PAUSED, True),
        (QABoard.Status.CLOSED, True),
    ],
    ids=["off", "open", "paused", "closed"],
)
def test_session_page_shows_the_panel_once_qa_is_on(client, qa_session, status, shown):
    session = qa_session(status=status)

    page = tree(client.get(session.url))

    assert bool(page.xpath('//section[@id="qa"]')) == shown
    assert bool(page.xpath('//script[contains(@src, "qa.js")]')) == shown


def test_visitor_sees_the_questions_and_how_to_take_part_but_no_form(
    client, qa_session
):
    session = qa_session()
    add_questions(session, ["Who pays for open data?"])

    response = client.get(session.url)

    assert listed(response, "open") == ["Who pays for open data?"]
    assert not tree(response).xpath("//form[@data-qa-ask] | //form[@data-qa-vote]")
    (join,) = tree(response).xpath('//p[@class="qa-join"]')
    assert "sign in and register for the event" in join.text_content()


def test_unregistered_member_is_told_to_register(client, qa_session):
    session = qa_session()
    client.force_login(ProfileFactory().user)

    page = tree(client.get(session.url))

    (join,) = page.xpath('//p[@class="qa-join"]')
    assert join.text_content().startswith("Only participants with a confirmed")
    assert join.xpath("a/@href") == [f"{session.get_parent().url}register/"]
    assert not page.xpath('//a[text()="Moderate Q&A"]')


def test_participant_asks_and_sees_it_awaiting_moderation(client, qa_session):
    session = qa_session(premoderation=True)
    client.force_login(participant_of(session, name="Amina Diallo"))

    response = client.post(
        f"{session.url}questions/ask/",
        {"text": "How do libraries share data?", "guiding_question": "", "x": "1"},
        follow=True,
    )

    assert response.redirect_chain == [(f"{session.url}#qa", 302)]
    assert said(response) == [
        "Thank you: your question will be shown once a moderator approves it."
    ]
    assert listed(response, "mine") == ["How do libraries share data?"]
    assert item(response, Question.objects.get()).get("data-status") == "pending"
    assert listed(response, "open") == []
    (question,) = Question.objects.all()
    assert (question.author_name, question.status) == ("Amina Diallo", "pending")


def test_participant_asks_anonymously_under_a_guiding_question(client, qa_session):
    session = qa_session()
    guiding = session.guiding_questions.get(text="What is missing?")
    client.force_login(participant_of(session, name="Amina Diallo"))

    response = client.post(
        f"{session.url}questions/ask/",
        {
            "text": "Who keeps the archive?",
            "anonymous": "on",
            "guiding_question": guiding.pk,
        },
        follow=True,
    )

    li = item(response, Question.objects.get())
    assert said(response) == ["Your question is on the board."]
    assert li.xpath('string(.//*[@data-field="author"])') == "Anonymous"
    assert li.xpath('string(.//*[@data-field="guiding"])') == "What is missing?"
    assert "Amina Diallo" not in response.content.decode()


@pytest.mark.parametrize(
    ("status", "member", "message"),
    [
        (
            Registration.Status.WAITING,
            True,
            "Only participants with a confirmed registration for this event can ask "
            "and vote.",
        ),
        (None, False, "Only participants with a confirmed registration"),
    ],
    ids=["waiting-list", "not-registered"],
)
def test_a_member_without_a_confirmed_registration_is_refused(
    client, qa_session, status, member, message
):
    session = qa_session()
    user = participant_of(session, status=status) if member else ProfileFactory().user
    client.force_login(user)

    response = client.post(
        f"{session.url}questions/ask/", {"text": "May I ask?", "guiding_question": ""}
    )

    assert response.status_code == 200
    assert said(response)[0].startswith(message)
    assert "Only participants" in tree(response).xpath(
        'string(//ul[@class="messages"])'
    )
    assert not Question.objects.exists()


def test_a_refused_question_keeps_its_text(client, qa_session):
    session = qa_session()
    client.force_login(participant_of(session))
    too_long = "Why " * 130

    response = client.post(
        f"{session.url}questions/ask/", {"text": too_long, "guiding_question": ""}
    )

    (form,) = tree(response).xpath("//form[@data-qa-ask]")
    assert form.xpath("string(.//textarea)").strip() == too_long.strip()
    assert "at most 500 characters" in form.xpath('string(.//*[@class="error"])')
    assert not Question.objects.exists()


def test_a_question_refused_by_the_service_keeps_its_text_and_says_why(
    client, qa_session, settings
):
    settings.QA_RATE_LIMITS = {**settings.QA_RATE_LIMITS, "ask": "1/m"}
    session = qa_session()
    client.force_login(participant_of(session))
    client.post(
        f"{session.url}questions/ask/", {"text": "First", "guiding_question": ""}
    )

    response = client.post(
        f"{session.url}questions/ask/", {"text": "Second", "guiding_question": ""}
    )

    (form,) = tree(response).xpath("//form[@data-qa-ask]")
    assert form.xpath("string(.//textarea)").strip() == "Second"
    assert form.xpath('string(p[@class="error"])') == (
        "You are going too fast. Please wait a minute."
    )
    assert [q.text for q in Question.objects.all()] == ["First"]


def test_visitors_posting_are_sent_to_sign_in_and_gets_are_refused(client, qa_session):
    session = qa_session()
    (question,) = add_questions(session, ["Open?"])

    ask = client.post(f"{session.url}questions/ask/", {"text": "Hi"})
    vote = client.post(f"{session.url}questions/vote/", {"question": question.pk})
    get = client.get(f"{session.url}questions/vote/")

    assert ask["Location"] == f"/accounts/login/?next={session.url}"
    assert vote["Location"] == f"/accounts/login/?next={session.url}"
    assert get.status_code == 405
    assert client.get(f"{session.url}questions/nothing/").status_code == 404


def test_forms_need_the_csrf_token(qa_session):
    from django.test import Client

    session = qa_session()
    client = Client(enforce_csrf_checks=True)
    client.force_login(participant_of(session))

    response = client.post(f"{session.url}questions/ask/", {"text": "Forged?"})

    assert response.status_code == 403
    assert not Question.objects.exists()


def test_participant_votes_and_withdraws_the_vote(client, qa_session):
    session = qa_session()
    (question,) = add_questions(session, ["Who pays?"])
    client.force_login(participant_of(session))

    voted = client.post(
        f"{session.url}questions/vote/", {"question": question.pk}, follow=True
    )
    twice = client.post(
        f"{session.url}questions/vote/", {"question": question.pk}, follow=True
    )
    button = item(twice, question).xpath(".//form[@data-qa-vote]")[0]
    unvoted = client.post(
        f"{session.url}questions/unvote/", {"question": question.pk}, follow=True
    )

    assert said(voted) == ["Your vote is counted."]
    assert said(twice) == ["You have already voted for this question."]
    assert button.get("action") == f"{session.url}questions/unvote/"
    assert button.xpath("string(button/@aria-pressed)") == "true"
    assert item(twice, question).xpath('string(.//*[@data-field="votes"])') == "1"
    assert said(unvoted) == ["Your vote is withdrawn."]
    assert item(unvoted, question).xpath("string(.//button/@aria-pressed)") == "false"
    assert not Vote.objects.exists()


def test_a_malformed_vote_is_refused_with_a_message(client, qa_session):
    session = qa_session()
    client.force_login(participant_of(session))

    response = client.post(
        f"{session.url}questions/vote/", {"question": "many"}, follow=True
    )

    assert said(response) == ["Enter a whole number."]


# What the public never sees ------------------------------------------------------


@pytest.mark.parametrize("path", ["", "questions/"], ids=["session-page", "wall"])
def test_public_never_sees_an_anonymous_name_nor_pending_or_hidden_text(
    client, qa_session, path
):
    session = qa_session(premoderation=True)
    asker = participant_of(session, name="Secret Asker")
    anonymous = services.ask(asker, session, "Shown, nameless", anonymous=True)
    pending = services.ask(asker, session, "Still pending")
    hidden = services.ask(asker, session, "Rude words")
    moderator = moderator_of(session)
    services.moderate(moderator, session, anonymous.pk, "approve")
    services.moderate(moderator, session, hidden.pk, "hide", reason="Insult")
    client.force_login(participant_of(session, name="Someone Else"))

    response = client.get(session.url + path)

    html = response.content.decode()
    assert listed(response, "open") == ["Shown, nameless"]
    assert "Secret Asker" not in html
    assert pending.text not in html and hidden.text not in html
    assert "Insult" not in html


def test_typed_markup_shows_as_text(client, qa_session):
    session = qa_session()
    add_questions(session, ['<script>alert("x")</script><b>Bold?</b>'])

    response = client.get(session.url)

    assert listed(response, "open") == ['<script>alert("x")</script><b>Bold?</b>']
    assert "<script>alert" not in response.content.decode()


def test_counts_tell_received_shown_and_answered(client, qa_session):
    session = qa_session(premoderation=True)
    asker = participant_of(session)
    moderator = moderator_of(session)
    for text in ["One", "Two", "Three"]:
        services.ask(asker, session, text)
    services.moderate(
        moderator, session, Question.objects.get(text="One").pk, "approve"
    )
    services.moderate(
        moderator, session, Question.objects.get(text="Two").pk, "approve"
    )
    services.moderate(moderator, session, Question.objects.get(text="Two").pk, "answer")

    page = tree(client.get(session.url))

    counts = page.xpath("//p[@data-qa-counts]")[0].text_content()
    assert counts == "Received: 3 · Shown: 2 · Answered: 1"


def test_questions_are_pinned_then_by_votes_then_oldest_first_and_answered_apart(
    client, qa_session
):
    session = qa_session()
    rows = add_questions(session, ["Old", "Popular", "Pinned", "Newer", "Done"])
    old, popular, pinned, newer, done = rows
    Question.objects.filter(pk=popular.pk).update(votes=3)
    Question.objects.filter(pk=pinned.pk).update(pinned=True)
    Question.objects.filter(pk=done.pk).update(status=Question.Status.ANSWERED, votes=9)

    response = client.get(session.url)

    assert listed(response, "open") == ["Pinned", "Popular", "Old", "Newer"]
    assert listed(response, "answered") == ["Done"]
    assert item(response, pinned).get("data-pinned") == "true"


def test_untaken_questions_show_only_once_published(client, qa_session, admin_user):
    session = qa_session()
    add_questions(session, ["Not taken"])
    services.configure(admin_user, session, status=QABoard.Status.CLOSED)
    before = client.get(session.url)
    client.force_login(admin_user)

    published = client.post(
        f"{session.url}questions/untaken/", {"published": "1"}, follow=True
    )
    client.logout()
    after = client.get(session.url)

    assert listed(before, "open") == []
    assert said(published) == ["The questions not taken are public now."]
    assert listed(after, "open") == ["Not taken"]
    assert "Questions the session did not take" in tree(after).xpath(
        'string(//*[@id="qa-open-heading"])'
    )
    assert [q.text for q in services.untaken(session)] == ["Not taken"]


def test_a_moderator_who_is_not_an_organiser_cannot_publish_untaken(client, qa_session):
    session = qa_session(status=QABoard.Status.CLOSED)
    client.force_login(moderator_of(session))

    response = client.post(
        f"{session.url}questions/untaken/", {"published": "1"}, follow=True
    )

    assert said(response) == ["Only the event's organisers can publish this list."]
    assert not QABoard.objects.get(session=session).untaken_published


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
    # roles, rights, registration and votes.
    with django_assert_max_num_queries(20):
        anonymous = client.get(session.url)
    with django_assert_max_num_queries(16):
        projected = client.get(wall)
    client.force_login(participant)
    with django_assert_max_num_queries(32):
        signed_in = client.get(session.url)
    client.force_login(moderator)
    with django_assert_max_num_queries(23):
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
