"""Many answer a poll at once on PostgreSQL: every answer acknowledged is counted,
once, in the results frozen at the close."""

import time

import pytest

from sessions.polls import services
from sessions.polls.models import Poll, PollAnswer, PollChoice
from tests.races import needs_postgresql, race
from tests.sessions.polls.conftest import launched, option_ids, participants

pytestmark = [
    needs_postgresql,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

VOTERS = 40


def test_a_crowd_answering_at_once_is_counted_exactly(forum):
    session, moderator, _ = forum
    poll = launched(forum)
    yes, no = option_ids(poll)
    voters = participants(session, VOTERS)

    errors = race(
        [
            lambda voter=voter, n=n: services.answer(
                voter, session, poll.pk, chosen=[yes if n % 4 else no]
            )
            for n, voter in enumerate(voters)
        ]
    )

    results = services.close(moderator, session, poll.pk).final_results
    assert errors == []
    assert results["answers"] == VOTERS
    assert [o["count"] for o in results["options"]] == [30, 10]


def tabs_answering(forum):
    """One participant, who has answered already, changes their answer to a
    single-choice poll in ten tabs at once, each to another option."""
    session, _, _ = forum
    options = [f"Option {n}" for n in range(10)]
    poll = launched(forum, "single", options)
    (voter,) = participants(session, 1)
    services.answer(voter, session, poll.pk, chosen=option_ids(poll)[:1])
    errors = race(
        [
            lambda option=option: services.answer(
                voter, session, poll.pk, chosen=[option]
            )
            for option in option_ids(poll)
        ]
    )
    return errors, poll


def test_one_participants_tabs_answering_at_once_leave_one_answer_of_one_choice(forum):
    errors, poll = tabs_answering(forum)

    assert errors == []
    assert PollAnswer.objects.filter(poll=poll).count() == 1
    assert PollChoice.objects.filter(answer__poll=poll).count() == 1


def test_without_the_answers_lock_the_same_tabs_leave_several_choices(
    forum, monkeypatch
):
    def own_answer_unlocked(poll, user, fields):
        entry, _ = PollAnswer.objects.get_or_create(poll=poll, user=user)
        entry.fresh = False
        time.sleep(0.05)  # the others read the same state meanwhile
        return entry

    monkeypatch.setattr(services, "_own_answer", own_answer_unlocked)

    errors, poll = tabs_answering(forum)

    # Each tab removed the choices it saw and added its own: one answer, several
    # options chosen.
    assert errors == []
    assert PollChoice.objects.filter(answer__poll=poll).count() > 1


def answers_racing_a_close(forum):
    """Forty answers and the moderator's close, released at once; each answer that
    returned was acknowledged to its participant."""
    session, moderator, _ = forum
    poll = launched(forum)
    yes = option_ids(poll)[0]
    acknowledged = []

    def answer(voter):
        services.answer(voter, session, poll.pk, chosen=[yes])
        acknowledged.append(voter.pk)

    calls = [lambda voter=voter: answer(voter) for voter in participants(session, 40)]
    calls.insert(20, lambda: services.close(moderator, session, poll.pk))
    errors = race(calls)
    poll.refresh_from_db()
    return poll, acknowledged, errors


def slowed(hold_open):
    """The gap between an answer's check and its write, widened."""

    def hold(session, poll_id):
        poll = hold_open(session, poll_id)
        time.sleep(0.05)
        return poll

    return hold


def test_every_answer_acknowledged_before_a_close_is_in_its_results(forum, monkeypatch):
    monkeypatch.setattr(services, "_hold_open", slowed(services._hold_open))

    poll, acknowledged, errors = answers_racing_a_close(forum)

    assert poll.status == Poll.Status.CLOSED
    assert poll.final_results["answers"] == len(acknowledged)
    assert {str(error) for error in errors} <= {"This poll is closed."}


def test_without_the_shared_hold_a_close_misses_answers_acknowledged(
    forum, monkeypatch
):
    def hold_open_unlocked(session, poll_id):
        poll = Poll.objects.get(pk=poll_id, session=session)
        if not services.is_open(poll):
            raise services.QAError("closed", "This poll is closed.")
        return poll

    monkeypatch.setattr(services, "_hold_open", slowed(hold_open_unlocked))

    poll, acknowledged, errors = answers_racing_a_close(forum)

    assert poll.final_results["answers"] < len(acknowledged)


def test_two_moderators_launching_at_once_leave_one_poll_live(forum):
    session, moderator, make_poll = forum
    first, second = make_poll(), make_poll()

    errors = race(
        [
            lambda poll=poll: services.launch(moderator, session, poll.pk)
            for poll in (first, second)
        ]
    )

    assert errors == []
    statuses = sorted(
        Poll.objects.filter(session=session).values_list("status", flat=True)
    )
    assert statuses == ["closed", "live"]
