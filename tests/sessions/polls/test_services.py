"""The polls' acts as moderators and participants meet them: preparing, launching,
answering (one answer each, changeable until the close), closing by hand and by time,
revealing, and the results of each kind."""

from datetime import timedelta

import pytest
from django.utils import timezone

from convening import scheduler
from sessions.polls import services
from sessions.polls.models import Poll, PollAnswer
from sessions.qa.services import QAError
from tests.factories import UserFactory
from tests.sessions.polls.conftest import launched, option_ids, participants
from tests.sessions.qa.conftest import moderator_of, participant_of

pytestmark = pytest.mark.django_db


def refusal(call, *args, **kwargs):
    with pytest.raises(QAError) as refused:
        call(*args, **kwargs)
    return refused.value.code, str(refused.value)


def test_only_a_moderator_prepares_and_runs_a_sessions_polls(forum):
    session, moderator, make_poll = forum
    poll = make_poll()
    someone = participant_of(session)

    assert refusal(services.prepare, someone, session, question="?", kind="single") == (
        "forbidden",
        "Only this session's moderators can run its polls.",
    )
    for act in (services.launch, services.close, services.reveal):
        assert refusal(act, someone, session, poll.pk)[0] == "forbidden"
    assert Poll.objects.get(pk=poll.pk).status == Poll.Status.PREPARED


def test_a_poll_is_prepared_with_its_options_in_order_or_refused_with_the_reason(
    forum,
):
    session, moderator, make_poll = forum

    poll = make_poll("multiple", [" Open  data ", "Hubs", "", "Funding"], max_choices=2)

    assert [o.text for o in poll.options.all()] == ["Open data", "Hubs", "Funding"]
    assert make_poll("words", ["ignored"]).options.count() == 0
    assert refusal(make_poll, "single", ["Only one"]) == (
        "invalid",
        "Give at least two options.",
    )
    assert refusal(make_poll, "multiple", ["A", "B"], max_choices=3) == (
        "invalid",
        "The most options to choose is 1 to 2.",
    )
    assert refusal(make_poll, "quiz") == ("invalid", "Choose a kind of poll.")


def test_launching_a_poll_closes_the_one_live_before_with_its_results(forum):
    session, moderator, make_poll = forum
    first = launched(forum, duration=120)
    voter = participant_of(session)
    services.answer(voter, session, first.pk, chosen=[option_ids(first)[0]])
    second = make_poll("rating")

    services.launch(moderator, session, second.pk)

    first.refresh_from_db()
    assert first.status == Poll.Status.CLOSED
    assert [o["count"] for o in first.final_results["options"]] == [1, 0]
    assert Poll.objects.get(pk=second.pk).status == Poll.Status.LIVE
    assert refusal(services.launch, moderator, session, first.pk) == (
        "invalid",
        "Only a poll not yet launched can be launched.",
    )


def test_a_participant_has_one_answer_and_may_change_it_until_the_close(forum):
    session, moderator, _ = forum
    poll = launched(forum)
    yes, no = option_ids(poll)
    voter = participant_of(session)

    services.answer(voter, session, poll.pk, chosen=[yes])
    services.answer(voter, session, poll.pk, chosen=[no])

    assert PollAnswer.objects.filter(poll=poll).count() == 1
    mine = services.answer_of(voter, poll)
    assert [c.option_id for c in mine.choices.all()] == [no]
    services.close(moderator, session, poll.pk)
    assert refusal(services.answer, voter, session, poll.pk, chosen=[yes]) == (
        "closed",
        "This poll is closed.",
    )
    assert [c.option_id for c in services.answer_of(voter, poll).choices.all()] == [no]


def test_only_a_registered_participant_answers(forum):
    session, _, _ = forum
    poll = launched(forum)
    stranger = UserFactory()

    assert refusal(
        services.answer, stranger, session, poll.pk, chosen=option_ids(poll)[:1]
    ) == (
        "not-registered",
        "Only participants with a confirmed registration for this event can answer.",
    )


def test_a_poll_of_another_session_is_not_found(forum, qa_session):
    session, moderator, _ = forum
    poll = launched(forum)
    other = qa_session()
    voter = participant_of(other)

    others_moderator = moderator_of(other)

    assert refusal(services.answer, voter, other, poll.pk, chosen=[1])[0] == "not-found"
    assert refusal(services.close, others_moderator, other, poll.pk)[0] == "not-found"
    assert refusal(services.close, moderator, other, poll.pk)[0] == "forbidden"


def test_a_timed_poll_refuses_answers_once_its_time_is_up_and_closes_at_that_time(
    forum,
):
    session, _, _ = forum
    poll = launched(forum, duration=60)
    voter = participant_of(session)
    services.answer(voter, session, poll.pk, chosen=option_ids(poll)[:1])
    Poll.objects.filter(pk=poll.pk).update(
        closes_at=timezone.now() - timedelta(seconds=1)
    )

    refused = refusal(services.answer, voter, session, poll.pk, chosen=[1])
    said = scheduler.close_polls()  # the background round's job

    poll.refresh_from_db()
    assert refused == ("closed", "This poll is closed.")
    assert said == "1 timed poll(s) closed"
    assert (poll.status, poll.closed_at) == ("closed", poll.closes_at)
    assert poll.final_results["answers"] == 1
    assert scheduler.close_polls() == ""


def test_results_stay_hidden_until_revealed_unless_shown_live(forum):
    session, moderator, _ = forum
    hidden = launched(forum)
    voter = participant_of(session)
    services.answer(voter, session, hidden.pk, chosen=option_ids(hidden)[:1])

    assert services.public_results(hidden) is None
    services.reveal(moderator, session, hidden.pk)
    hidden.refresh_from_db()
    assert services.public_results(hidden)["answers"] == 1

    shown_live = launched(forum, results_live=True)
    assert services.public_results(shown_live)["answers"] == 0
    services.close(moderator, session, shown_live.pk)
    shown_live.refresh_from_db()
    assert services.public_results(shown_live) is None  # live results end at the close


def test_each_kind_counts_its_answers(forum):
    session, moderator, _ = forum
    voters = participants(session, 3)

    single = launched(forum, "multiple", ["Open data", "Hubs", "Funding"])
    data, hubs, funding = option_ids(single)
    for voter, chosen in zip(voters, [[data], [data, hubs], [hubs]], strict=True):
        services.answer(voter, session, single.pk, chosen=chosen)
    counts = services.close(moderator, session, single.pk).final_results
    assert [(o["text"], o["count"]) for o in counts["options"]] == [
        ("Open data", 2),
        ("Hubs", 2),
        ("Funding", 0),
    ]
    assert counts["answers"] == 3

    rating = launched(forum, "rating", scale=5)
    for voter, stars in zip(voters, [5, 4, 4], strict=True):
        services.answer(voter, session, rating.pk, rating=stars)
    rated = services.close(moderator, session, rating.pk).final_results
    assert (rated["counts"], rated["mean"]) == ([0, 0, 0, 2, 1], 4.33)

    ranking = launched(forum, "ranking", ["Open data", "Hubs", "Funding"])
    data, hubs, funding = option_ids(ranking)
    for voter, order in zip(
        voters,
        [[hubs, data, funding], [hubs, funding, data], [data, hubs, funding]],
        strict=True,
    ):
        services.answer(voter, session, ranking.pk, chosen=order)
    ranked = services.close(moderator, session, ranking.pk).final_results
    # Borda: Hubs 3+3+2 = 8, Open data 2+1+3 = 6, Funding 1+2+1 = 4.
    assert [(o["text"], o["points"], o["first"]) for o in ranked["options"]] == [
        ("Hubs", 8, 2),
        ("Open data", 6, 1),
        ("Funding", 4, 0),
    ]


def test_a_word_cloud_counts_entries_whatever_their_case_once_approved(forum):
    session, moderator, _ = forum
    poll = launched(forum, "words", words_premoderated=True)
    voters = participants(session, 4)
    for voter, words in zip(
        voters, ["Open data", "open  data", "OPEN DATA", "trust"], strict=True
    ):
        services.answer(voter, session, poll.pk, words=words)

    assert services.close(moderator, session, poll.pk).final_results["words"] == []

    poll = launched(forum, "words", words_premoderated=True)
    entries = [
        services.answer(voter, session, poll.pk, words=words)
        for voter, words in zip(
            voters, ["Open data", "open data", "OPEN DATA", "spam spam"], strict=True
        )
    ]
    for entry in entries[:3]:
        services.moderate_words(moderator, session, entry.pk, "approve")
    services.moderate_words(moderator, session, entries[3].pk, "hide")

    cloud = services.close(moderator, session, poll.pk).final_results
    assert cloud["words"] == [{"text": "Open data", "count": 3}]
    assert cloud["answers"] == 3


def test_a_deleted_account_leaves_its_answer_counted(forum):
    session, moderator, _ = forum
    poll = launched(forum)
    voter = participant_of(session)
    services.answer(voter, session, poll.pk, chosen=option_ids(poll)[:1])

    voter.delete()

    results = services.close(moderator, session, poll.pk).final_results
    assert [o["count"] for o in results["options"]] == [1, 0]
