"""The Q&A without JavaScript, through HTTP, on the session page: its panel, the forms
that ask and vote, and what the public never sees."""

import pytest

from participants.models import Registration
from sessions.qa import services
from sessions.qa.models import QABoard, Question, Vote
from tests.factories import ProfileFactory
from tests.sessions.qa.conftest import moderator_of, participant_of
from tests.sessions.qa.pages import add_questions, item, listed, said, tree
from toolkit.translation_memory import translate

pytestmark = pytest.mark.django_db


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


def test_a_participant_reading_in_french_asks_under_the_one_guiding_question(
    client, qa_session
):
    session = qa_session()
    guiding = session.guiding_questions.get(text="What is missing?")
    url = session.url
    translate(session, "fr", {"What is missing?": "Que manque-t-il ?"})
    client.force_login(participant_of(session, name="Amina Diallo"))

    form = tree(client.get(f"/fr{url}"))
    response = client.post(
        f"/fr{url}questions/ask/",
        {"text": "Qui garde l’archive ?", "guiding_question": guiding.pk},
        follow=True,
    )

    offered = form.xpath('//select[@name="guiding_question"]/option[@value!=""]')
    assert (str(guiding.pk), "Que manque-t-il ?") in [
        (o.get("value"), o.text) for o in offered
    ]
    assert "What works?" in [o.text for o in offered]  # not translated: English
    assert Question.objects.get().guiding_question == guiding  # the English row
    li = item(response, Question.objects.get())
    assert li.xpath('string(.//*[@data-field="guiding"])') == "Que manque-t-il ?"


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
        'string(//div[@class="messages"])'
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


def test_questions_sort_by_votes_or_newest_pinned_first_without_javascript(
    client, qa_session
):
    session = qa_session()
    first, popular, pinned, newest = add_questions(
        session, ["First asked", "Most voted", "Pinned", "Newest"]
    )
    Question.objects.filter(pk=popular.pk).update(votes=5)
    Question.objects.filter(pk=pinned.pk).update(pinned=True)

    by_votes = client.get(session.url)
    by_age = client.get(f"{session.url}?sort=recent")
    unknown = client.get(f"{session.url}?sort=loudest")

    assert listed(by_votes, "open") == ["Pinned", "Most voted", "First asked", "Newest"]
    assert listed(by_age, "open") == ["Pinned", "Newest", "Most voted", "First asked"]
    assert listed(unknown, "open") == listed(by_votes, "open")
    current = tree(by_age).xpath('//a[@data-qa-sort][@aria-current="true"]')
    assert [link.text_content() for link in current] == ["Newest first"]


def test_an_own_question_is_marked_yours_even_when_anonymous(client, qa_session):
    session = qa_session()
    asker = participant_of(session)
    (own,) = add_questions(session, ["Mine, asked anonymously"], anonymous=True)
    Question.objects.filter(pk=own.pk).update(author=asker)
    client.force_login(asker)

    mine = item(client.get(session.url), own)
    client.force_login(participant_of(session))
    theirs = item(client.get(session.url), own)

    assert (mine.get("data-mine"), theirs.get("data-mine")) == ("true", "false")
    assert mine.xpath('string(.//*[@data-field="author"])') == "Anonymous"


def test_an_asker_withdraws_a_pending_question_without_javascript(client, qa_session):
    session = qa_session(premoderation=True)
    asker = participant_of(session)
    client.force_login(asker)
    client.post(f"{session.url}questions/ask/", {"text": "Asked by mistake"})
    own = Question.objects.get()
    before = item(client.get(session.url), own)

    response = client.post(f"{session.url}questions/withdraw/", {"question": own.pk})
    after = client.get(session.url)

    assert before.xpath('.//form[@data-qa-own="withdraw"]//button/text()') == [
        "Withdraw"
    ]
    assert response["Location"] == f"{session.url}#qa"
    assert said(after) == ["Your question is withdrawn."]
    assert listed(after, "mine") == []
    assert Question.objects.get().status == "withdrawn"


def test_a_jump_link_near_the_top_leads_to_the_qa_panel(client, qa_session):
    session = qa_session()

    page = client.get(session.url).content.decode()

    jump = page.index('<a href="#qa">Jump to questions and answers</a>')
    assert jump < page.index('id="issue-note-heading"') < page.index('id="qa"')
