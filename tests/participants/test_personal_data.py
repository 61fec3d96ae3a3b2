"""The "My data" download holds everything kept about the person, and nobody else's."""

import json

import pytest
from wagtail.models import Comment

from participants import services
from participants.attendance import badges, checkin
from participants.models import Badge
from sessions import agenda
from sessions.models import Allocation, CallPage, ReportReminder, Review, SessionPage
from sessions.qa.models import QABoard, Question, Vote
from tests.factories import (
    ProfileFactory,
    SessionPageFactory,
    UserFactory,
    call_page,
    proposal,
    rapporteur,
    report_page,
)

pytestmark = pytest.mark.django_db


def active_person(event, sessions, tag):
    """A participant who registered, asked, voted, picked sessions, reset their feed
    and reports on the first session; every text they own carries `tag`."""
    user = ProfileFactory(full_name=f"Person {tag}").user
    registration = services.register(user, event)
    checkin.check_in(user, event, badges.badge_for(registration).code)
    for n, session in enumerate(sessions):
        Question.objects.create(
            session=session,
            author=user,
            author_name=f"Person {tag}",
            text=f"Question {n} of {tag}, as corrected",
            original_text=f"Question {n} of {tag}, as asked",
            status=Question.Status.HIDDEN,
            hidden_reason=f"Off topic ({tag})",
        )
        agenda.add(user, session)
    agenda.reset_token(user)
    rapporteur(sessions[0], user)
    Comment.objects.create(
        page=sessions[0], user=user, text=f"Check the room ({tag})", contentpath="title"
    )
    SessionPage.objects.get(pk=sessions[0].pk).save_revision(user=user)
    ReportReminder.objects.create(session=sessions[0], user=user, kind="due-soon")
    call = CallPage.objects.child_of(event).first() or call_page(event)
    proposal(call, user, title=f"Proposal of {tag}", people=[("speaker", tag, {})])
    theirs = proposal(call, UserFactory(), title=f"Reviewed by {tag}")
    allocation = Allocation.objects.create(proposal=theirs, reviewer=user)
    Review.objects.create(
        allocation=allocation, scores={"1": 4}, comment=f"Comment of {tag}"
    )
    return user


def vote_for_each(user, questions):
    for question in questions:
        Vote.objects.create(question=question, user=user)


@pytest.mark.parametrize("size", [2, 8])
def test_my_data_holds_questions_votes_agenda_feed_and_person(
    client, django_assert_max_num_queries, open_event, size
):
    event = open_event(quotas={"government": 20})
    sessions = [SessionPageFactory(event=event) for _ in range(size)]
    for session in sessions:
        QABoard.objects.create(session=session, status=QABoard.Status.OPEN)
    me = active_person(event, sessions, "mine")
    other = active_person(event, sessions, "theirs")
    report_page(sessions[0])
    theirs = list(Question.objects.filter(author=other))
    Question.objects.filter(pk=theirs[0].pk).update(status=Question.Status.APPROVED)
    vote_for_each(me, theirs)
    vote_for_each(other, Question.objects.filter(author=me))
    client.force_login(me)

    # One query or two per section, whatever its size (25 with the poll answers, 26
    # with the requests to speak, 31 with the proposals and reviews, 33 with the
    # badges and check-ins).
    with django_assert_max_num_queries(33):
        response = client.get("/me/data.json")

    body = response.content.decode()
    data = json.loads(body)
    for secret in [
        "Proposal of theirs",
        "Comment of theirs",
        "Person theirs",
        "Off topic (theirs)",
        "of theirs, as asked",
        "Check the room (theirs)",
    ]:
        assert secret not in body
    (mine,) = data["registrations"]
    assert [b["code"] for b in mine["badges"]] == [
        Badge.objects.get(registration__user=me).code
    ]
    assert Badge.objects.get(registration__user=other).code not in body
    assert [(c["session"], c["mode"]) for c in mine["check_ins"]] == [(None, "onsite")]
    assert mine["certificate"] is None
    assert [(p["title"], p["people"][0]["name"]) for p in data["proposals"]] == [
        ("Proposal of mine", "mine")
    ]
    assert [(r["proposal"], r["comment"]) for r in data["reviews"]] == [
        ("Reviewed by mine", "Comment of mine")
    ]
    assert [q["text"] for q in data["questions"]] == [
        f"Question {n} of mine, as corrected" for n in range(size)
    ]
    assert {
        (q["original_text"], q["status"], q["hidden_reason"], q["anonymous"])
        for q in data["questions"]
    } == {
        (f"Question {n} of mine, as asked", "Hidden", "Off topic (mine)", False)
        for n in range(size)
    }
    assert [q["session"]["title"] for q in data["questions"]] == [
        s.title for s in sessions
    ]
    # Another's question is named only while it is public.
    assert [v["question"] for v in data["votes"]] == [
        "Question 0 of theirs, as corrected",
        *["(a question no longer shown)"] * (size - 1),
    ]
    assert [a["session"]["url"] for a in data["agenda"]] == [s.url for s in sessions]
    feed = data["agenda_feed"]
    assert feed["url"].endswith(f"/agenda/{feed['token']}.ics")
    assert feed["token"] == agenda.feed_token(me)
    assert feed["created_or_reset_at"]
    assert data["person"]["roles"] == [
        {
            "session": {"title": sessions[0].title, "url": sessions[0].url},
            "role": "Rapporteur",
        }
    ]
    assert data["person"]["reports"] == [
        {
            "title": f"Report: {sessions[0].title}",
            "published": True,
            "url": f"{sessions[0].url}report/",
        }
    ]
    assert [r["kind"] for r in data["report_reminders"]] == ["Due soon"]
    assert [c["text"] for c in data["editing"]["comments"]] == ["Check the room (mine)"]
    assert data["editing"]["revisions_saved"] == 1
    assert data["profile"]["full_name"] == "Person mine"
    assert len(data["registrations"]) == 1


def test_my_data_of_a_person_who_did_nothing_yet(client):
    me = ProfileFactory().user
    client.force_login(me)

    data = json.loads(client.get("/me/data.json").content)

    assert (data["questions"], data["votes"], data["agenda"]) == ([], [], [])
    assert (data["agenda_feed"], data["person"]) == (None, None)
