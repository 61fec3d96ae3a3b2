"""What the public sees is the server's to decide: when a switch of the board changes
it (closing the Q&A, publishing the questions not taken), every public socket gets its
list anew, and the asker keeps their own question in their own list."""

import lxml.html
import pytest
from channels.db import database_sync_to_async
from django.contrib.auth import get_user_model

from sessions.qa import services
from sessions.qa.models import QABoard, Question
from tests.sessions.qa.conftest import connect, moderator_of, participant_of

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
to_thread = database_sync_to_async


def _questions(session, **texts):
    return [
        Question.objects.create(session=session, text=text, status=status)
        for status, text in texts.items()
    ]


async def _frames(communicator, count):
    return [await communicator.receive_json_from(timeout=5) for _ in range(count)]


async def test_closing_the_qa_takes_the_untaken_questions_off_every_public_screen(
    qa_session,
):
    session = await to_thread(qa_session)()
    await to_thread(_questions)(
        session, approved="Who pays for it?", answered="Is the data open?"
    )
    moderator = await to_thread(moderator_of)(session)
    viewer = await connect(session)
    [greeting] = await _frames(viewer, 1)

    await to_thread(services.configure)(
        moderator, session, status=QABoard.Status.CLOSED
    )

    [after] = await _frames(viewer, 1)
    assert [q["text"] for q in greeting["questions"]] == [
        "Who pays for it?",
        "Is the data open?",
    ]
    assert (after["type"], after["board"]["status"]) == ("snapshot", "closed")
    assert [q["text"] for q in after["questions"]] == ["Is the data open?"]
    await viewer.disconnect()


async def test_published_untaken_questions_reach_a_viewer_who_came_after_the_close(
    qa_session,
):
    session = await to_thread(qa_session)(status=QABoard.Status.CLOSED)
    await to_thread(_questions)(session, approved="What did the budget leave out?")
    organiser = await to_thread(get_user_model().objects.create_superuser)(
        "organiser", "organiser@example.org", "a-long-password-1"
    )
    viewer = await connect(session)
    [greeting] = await _frames(viewer, 1)

    await to_thread(services.publish_untaken)(organiser, session)

    [after] = await _frames(viewer, 1)
    assert greeting["questions"] == []
    assert after["type"] == "snapshot"
    assert [q["text"] for q in after["questions"]] == ["What did the budget leave out?"]
    await viewer.disconnect()


def test_the_asker_finds_their_untaken_question_in_their_own_list(client, qa_session):
    session = qa_session()
    asker = participant_of(session)
    Question.objects.create(
        session=session,
        author=asker,
        text="Mine, not taken",
        status=Question.Status.APPROVED,
    )
    moderator = moderator_of(session)
    services.configure(moderator, session, status=QABoard.Status.CLOSED)
    client.force_login(asker)

    page = lxml.html.fromstring(client.get(session.url).content.decode())

    def listed(name):
        return page.xpath(
            f'//ol[@data-qa-list="{name}"]/li/p[@data-field="text"]/text()'
        )

    assert (listed("open"), listed("mine")) == ([], ["Mine, not taken"])
