"""The speaking queue's acts, one rule at a time: who may request and act, the order,
calls, skips and moves with their reasons, the clock and the record."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from events.models import StakeholderGroup
from participants.models import Registration
from sessions.floor import services
from sessions.floor.models import Floor, FloorEntry, SpeakRequest
from sessions.qa.services import QAError
from tests.sessions.floor.conftest import (
    moderator_of,
    participant_of,
    queued,
    speaker_of,
)

pytestmark = pytest.mark.django_db


def refused(code, call, *args, **kwargs):
    with pytest.raises(QAError) as caught:
        call(*args, **kwargs)
    assert caught.value.code == code, str(caught.value)
    return str(caught.value)


def waiting(session):
    return list(
        SpeakRequest.objects.filter(
            session=session, status=SpeakRequest.Status.WAITING
        ).values_list("number", flat=True)
    )


def test_requests_are_numbered_in_order_and_copy_who_asks(floor):
    session, _ = floor
    ama = speaker_of(session, "academia", name="Ama Mensah", gender="woman")
    bo = speaker_of(session, "media", name="Bo Lind", online=True)

    first = services.request(ama, session, topic="  Open   access ")
    second = services.request(bo, session, reply=True, name_public=False)

    assert (first.number, second.number) == (1, 2)
    assert waiting(session) == [1, 2]
    assert first.name == "Ama Mensah" and first.topic == "Open access"
    assert first.group.slug == "academia" and first.gender == "woman"
    assert first.region.name == "African Group"  # the factory's country is Kenya
    assert first.mode == SpeakRequest.Mode.ONSITE
    assert second.mode == SpeakRequest.Mode.ONLINE
    assert second.reply and second.shown_name == "Participant"


def test_a_guiding_question_must_be_the_sessions(floor, qa_session):
    session, _ = floor
    other = qa_session()
    ama = participant_of(session)
    assert "guiding questions" in refused(
        "invalid",
        services.request,
        ama,
        session,
        guiding_question=other.guiding_questions.first().pk,
    )
    item = services.request(
        ama, session, guiding_question=session.guiding_questions.first().pk
    )
    assert item.guiding_question.text == "What works?"


def test_only_confirmed_participants_may_request(floor):
    session, _ = floor
    waiting_list = participant_of(session, status=Registration.Status.WAITING)
    refused("not-registered", services.request, waiting_list, session)
    refused("sign-in", services.request, AnonymousUser(), session)
    assert waiting(session) == []


def test_one_waiting_request_each(floor):
    session, _ = floor
    ama = participant_of(session)
    services.request(ama, session)
    assert "already" in refused("already", services.request, ama, session)
    assert waiting(session) == [1]


def test_no_request_while_the_floor_is_closed_or_off(floor, qa_session):
    session, moderator = floor
    services.configure(moderator, session, status=Floor.Status.CLOSED)
    refused("closed", services.request, participant_of(session), session)
    unopened = qa_session()
    refused("closed", services.request, participant_of(unopened), unopened)


def test_a_topic_is_short(floor):
    session, _ = floor
    refused(
        "invalid",
        services.request,
        participant_of(session),
        session,
        topic="x" * (SpeakRequest.MAX_TOPIC + 1),
    )


def test_the_head_of_the_queue_is_called_and_the_speaker_before_finishes(floor):
    session, moderator = floor
    first, second, _ = queued(session, 3)

    services.act(moderator, session, "call", request_id=first.pk)
    services.act(moderator, session, "call", request_id=second.pk)

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == SpeakRequest.Status.SPOKE and first.ended_at
    assert second.status == SpeakRequest.Status.SPEAKING
    assert second.clock_since is not None
    assert waiting(session) == [3]
    actions = FloorEntry.objects.filter(request__session=session)
    assert list(actions.values_list("action", "request__number")) == [
        ("called", 1),
        ("finished", 1),
        ("called", 2),
    ]


def test_only_the_head_is_called_and_only_once(floor):
    session, moderator = floor
    first, second = queued(session, 2)
    assert "move it up" in refused(
        "not-next", services.act, moderator, session, "call", request_id=second.pk
    )
    services.act(moderator, session, "call", request_id=first.pk)
    assert "another moderator" in refused(
        "taken", services.act, moderator, session, "call", request_id=first.pk
    )


def test_skip_and_move_need_a_reason_kept_on_record(floor):
    session, moderator = floor
    first, second, third = queued(session, 3)

    refused("invalid", services.act, moderator, session, "skip", request_id=first.pk)
    refused(
        "invalid",
        services.act,
        moderator,
        session,
        "move",
        request_id=third.pk,
        place=1,
    )
    services.act(
        moderator,
        session,
        "move",
        request_id=third.pk,
        place=1,
        reason="A reply to the minister",
    )
    assert waiting(session) == [3, 1, 2]
    services.act(
        moderator, session, "skip", request_id=first.pk, reason="Not in the room"
    )
    assert waiting(session) == [3, 2]
    record = FloorEntry.objects.filter(request__session=session).order_by("pk")
    assert [(e.action, e.reason, e.actor) for e in record] == [
        ("moved", "To place 1: A reply to the minister", moderator),
        ("skipped", "Not in the room", moderator),
    ]


def test_a_move_stays_within_the_queue(floor):
    session, moderator = floor
    first, _ = queued(session, 2)
    message = refused(
        "invalid",
        services.act,
        moderator,
        session,
        "move",
        request_id=first.pk,
        place=3,
        reason="Later",
    )
    assert "1 to 2" in message


def test_a_participant_withdraws_their_own_request_only(floor):
    session, _ = floor
    first, second = queued(session, 2)
    refused("not-found", services.withdraw, second.user, session, first.pk)
    services.withdraw(first.user, session, first.pk)
    assert waiting(session) == [2]
    assert FloorEntry.objects.get(request=first).action == "withdrawn"
    refused("invalid", services.withdraw, first.user, session, first.pk)
    # Back in the queue at its end, with a new number.
    assert services.request(first.user, session).number == 3


def test_only_moderators_act(floor):
    session, _ = floor
    (first,) = queued(session, 1)
    someone = participant_of(session)
    refused("forbidden", services.act, someone, session, "call", request_id=first.pk)
    refused("forbidden", services.configure, someone, session, status="closed")


def test_a_request_of_another_session_is_not_found(floor, qa_session):
    session, moderator = floor
    other = qa_session()
    other_participant = participant_of(other)
    services.configure(moderator_of(other), other, status="open")
    mine = services.request(other_participant, other)
    refused("not-found", services.act, moderator, session, "call", request_id=mine.pk)


def test_the_clock_counts_only_while_it_runs(floor):
    session, moderator = floor
    (first,) = queued(session, 1)
    services.act(moderator, session, "call", request_id=first.pk)
    start = timezone.now() - timedelta(seconds=50)
    SpeakRequest.objects.filter(pk=first.pk).update(clock_since=start)

    services.act(moderator, session, "stop")
    first.refresh_from_db()
    assert 50 <= first.spoken <= 52 and first.clock_since is None
    refused("invalid", services.act, moderator, session, "stop")

    services.act(moderator, session, "start")
    services.act(moderator, session, "finish")
    first.refresh_from_db()
    assert 50 <= first.spoken <= 53
    assert first.status == SpeakRequest.Status.SPOKE
    refused("invalid", services.act, moderator, session, "finish")


def test_settings_and_budgets(floor):
    session, moderator = floor
    academia = StakeholderGroup.objects.get(slug="academia")
    media = StakeholderGroup.objects.get(slug="media")
    services.configure(
        moderator,
        session,
        speaking_limit=120,
        budgets={academia.pk: 600, media.pk: 300},
    )
    services.configure(moderator, session, budgets={media.pk: 0})
    floor_row = Floor.objects.get(session=session)
    assert floor_row.speaking_limit == 120
    assert [(b.group, b.seconds) for b in floor_row.budgets.all()] == [(academia, 600)]
    refused("invalid", services.configure, moderator, session, speaking_limit=5)
    refused("invalid", services.configure, moderator, session, budgets={10**9: 60})


def test_a_deleted_account_leaves_its_request_nameless(floor):
    session, moderator = floor
    ama = speaker_of(session, name="Ama Mensah")
    item = services.request(ama, session)
    services.act(moderator, session, "call", request_id=item.pk)
    ama.delete()
    item.refresh_from_db()
    assert item.user is None and item.name == "" and item.shown_name == "Participant"
    assert item.status == SpeakRequest.Status.SPEAKING  # the record stands
