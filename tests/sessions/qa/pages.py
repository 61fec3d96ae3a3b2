"""Reading the Q&A's pages in the view tests: the HTML tree, the texts of one list,
one question's item, the messages shown; and questions as if asked over time."""

from datetime import timedelta

import lxml.html
from django.contrib.messages import get_messages
from django.utils import timezone

from sessions.qa.models import Question
from tests.sessions.qa.conftest import participant_of


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
