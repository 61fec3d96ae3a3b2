"""Q&A highlights in a session report: questions from the session's Q&A quoted with
their votes, never naming an anonymous asker, chosen only among the questions the
public saw in that same session."""

import pytest

from sessions.models import QAHighlight, SessionReportPage
from sessions.qa.models import Question
from tests.factories import (
    EventPageFactory,
    SessionPageFactory,
    UserFactory,
    rapporteur,
    report_form,
    report_page,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    return SessionPageFactory(event=EventPageFactory(), title="Opening", slug="opening")


def question(session, text, *, status=Question.Status.APPROVED, votes=0, **fields):
    fields.setdefault("author_name", "Amina Diallo")
    return Question.objects.create(
        session=session, text=text, status=status, votes=votes, **fields
    )


def report_with(session, questions, **fields):
    report = SessionReportPage(
        title=f"Report: {session.title}", slug="report", **fields
    )
    report.qa_highlights = [QAHighlight(question=q) for q in questions]
    session.add_child(instance=report)
    report.save_revision().publish()
    return report


def test_report_quotes_a_highlight_with_its_text_and_votes(client, session):
    asked = question(
        session, "Who pays for the <b>platform</b>?", votes=12, author=UserFactory()
    )
    report = report_with(session, [asked])

    html = client.get(report.url).content.decode()

    assert "From the Q&amp;A" in html
    assert "<p>Who pays for the &lt;b&gt;platform&lt;/b&gt;?</p>" in html
    assert 'Amina Diallo · <span class="votes">12 votes</span>' in html


@pytest.mark.parametrize(
    "fields",
    [
        {"anonymous": True, "author": "user"},
        {"anonymous": False, "author": None},
    ],
    ids=["asked-anonymously", "account-deleted"],
)
def test_report_never_names_an_anonymous_or_deleted_asker(client, session, fields):
    author = UserFactory() if fields["author"] else None
    asked = question(
        session,
        "Can small partners afford the reporting?",
        votes=1,
        author=author,
        author_name="Secret Asker",
        anonymous=fields["anonymous"],
    )
    report = report_with(session, [asked])

    html = client.get(report.url).content.decode()

    assert "Can small partners afford the reporting?" in html
    assert "Secret Asker" not in html
    assert 'Anonymous participant · <span class="votes">1 vote</span>' in html


def test_report_drops_a_highlight_whose_question_was_hidden_since(client, session):
    kept = question(
        session, "What did the pilot cost?", status=Question.Status.ANSWERED
    )
    hidden = question(session, "A question later hidden as off topic")
    report = report_with(session, [kept, hidden])
    Question.objects.filter(pk=hidden.pk).update(status=Question.Status.HIDDEN)

    html = client.get(report.url).content.decode()

    assert "What did the pilot cost?" in html
    assert "answered in the session" in html
    assert "later hidden" not in html
    assert html.count('class="quote qa-highlight"') == 1


@pytest.mark.parametrize("size", [2, 30])
def test_report_page_queries_stay_flat(
    client, django_assert_max_num_queries, session, size
):
    asked = [question(session, f"Question {n}?", votes=n) for n in range(size)]
    report = report_with(session, asked)
    client.get(report.url)  # warm the site and settings caches

    # Routing reads each page down the tree; the highlights add two queries in all,
    # the quoted polls one and the record of the floor one.
    with django_assert_max_num_queries(19):
        response = client.get(report.url)

    assert response.content.decode().count('class="quote qa-highlight"') == size


def form_data(**highlights):
    """The report's edit form as posted, with `questions` as its highlights."""
    return report_form("Report: Opening", highlights=highlights.get("questions", []))


@pytest.fixture
def questions(session):
    other = SessionPageFactory(event=session.get_parent().specific, slug="other")
    return {
        "approved": question(session, "Shown and waiting for an answer?"),
        "answered": question(
            session, "Answered on stage?", status=Question.Status.ANSWERED
        ),
        "pending": question(session, "Still awaiting moderation?", status="pending"),
        "hidden": question(
            session, "Hidden as abusive?", status=Question.Status.HIDDEN
        ),
        "other-session": question(other, "Asked in another session?"),
    }


def test_rapporteur_is_offered_only_the_sessions_shown_questions(
    client, session, questions
):
    client.force_login(rapporteur(session))
    report = report_page(session, live=False)

    html = client.get(f"/admin/pages/{report.pk}/edit/").content.decode()

    offered = {key for key, q in questions.items() if q.text in html}
    assert offered == {"approved", "answered"}
    assert "Shown and waiting for an answer? (0 votes)" in html


def test_rapporteur_saves_highlights_in_a_draft(client, session, questions):
    client.force_login(rapporteur(session))
    report = report_page(session, live=False)
    picked = [questions["answered"].pk, questions["approved"].pk]

    client.post(f"/admin/pages/{report.pk}/edit/", form_data(questions=picked))

    draft = SessionReportPage.objects.get(pk=report.pk).get_latest_revision_as_object()
    assert [h.question_id for h in draft.qa_highlights.all()] == picked


@pytest.mark.parametrize("refused", ["pending", "hidden", "other-session"])
def test_a_question_the_public_did_not_see_in_this_session_is_refused(
    client, session, questions, refused
):
    client.force_login(rapporteur(session))
    report = report_page(session, live=False)

    response = client.post(
        f"/admin/pages/{report.pk}/edit/",
        form_data(questions=[questions[refused].pk]),
    )

    errors = response.context["form"].formsets["qa_highlights"].errors
    assert errors == [
        {
            "question": [
                "Choose a question that was shown or answered in this session's Q&A."
            ]
        }
    ]
    draft = SessionReportPage.objects.get(pk=report.pk).get_latest_revision_as_object()
    assert list(draft.qa_highlights.all()) == []
