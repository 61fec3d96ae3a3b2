"""The session's record in the outcome: who took the floor in its sessions, and the
polls its reports quote, in the figures and the open data, under the disclosure rule."""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.utils import timezone

from convening.outcomes.statistics import published
from sessions.floor.models import SpeakRequest
from sessions.models import PollHighlight, SessionReportPage
from sessions.polls import services as polls
from tests.factories import outcome_page
from tests.sessions.floor.conftest import speaker_of
from tests.sessions.polls.conftest import (
    launched,
    option_ids,
    participants,
)

pytestmark = pytest.mark.django_db


def spoke(session, people):
    """Finished speeches: (group slug, gender, seconds) each, a person each."""
    now = timezone.now()
    for number, (group, gender, seconds) in enumerate(people, 1):
        user = speaker_of(session, group, gender=gender)
        SpeakRequest.objects.create(
            session=session,
            user=user,
            number=number,
            name=f"Speaker {number}",
            group=user.profile.group,
            gender=gender,
            status=SpeakRequest.Status.SPOKE,
            called_at=now + timedelta(minutes=number),
            spoken=seconds,
        )


def test_the_figures_count_who_took_the_floor_with_small_groups_not_shown(forum):
    session, _, _ = forum
    spoke(
        session,
        [("academia", "woman", 120)] * 6
        + [("media", "man", 90)] * 2
        + [("government", "man", 60)] * 5,
    )

    stats = outcome_page(session.get_parent().specific).statistics
    shown = published(stats)

    assert stats["floor_speakers"] == 13
    groups = {row["label"]: row for row in stats["floor_groups"]}
    assert groups["Academia and research"] | {} == {
        "label": "Academia and research",
        "count": 6,
        "speeches": 6,
        "minutes": 12,
    }
    shown_groups = {
        row["label"]: (row["count"], row["speeches"], row["minutes"])
        for row in shown["floor_groups"]
    }
    # Media's 2 are not shown, nor the next smallest, which would give them away.
    assert shown_groups == {
        "Government": (None, None, None),
        "Academia and research": (6, 6, 12),
        "Media": (None, None, None),
    }
    assert {row["label"]: row["count"] for row in shown["floor_gender"]} == {
        "Woman": 6,
        "Man": 7,
    }


def test_the_open_data_carries_the_polls_the_reports_quote(client, forum):
    session, moderator, _ = forum
    poll = launched(forum, "single", ["Hubs", "Data"])
    hubs, data = option_ids(poll)
    for n, voter in enumerate(participants(session, 8)):
        polls.answer(voter, session, poll.pk, chosen=[hubs if n < 6 else data])
    poll = polls.close(moderator, session, poll.pk)
    report = SessionReportPage(title="Report", slug="report")
    report.poll_highlights = [PollHighlight(poll=poll)]
    session.add_child(instance=report)
    report.save_revision().publish()
    outcome = outcome_page(session.get_parent().specific)

    data_json = json.loads(client.get(f"{outcome.url}outcomes.json").content)
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(f"{outcome.url}outcomes.csv").content.decode("utf-8-sig")
            )
        )
    )

    (quoted,) = data_json["polls"]
    assert quoted["session"] == session.title
    assert quoted["question"] == "Which matters most?" and quoted["answers"] == 8
    assert quoted["lines"] == [
        {"label": "Hubs", "count": None},
        {"label": "Data", "count": None},
    ]
    assert ["poll", "Which matters most?", "8", session.title] in rows
    assert ["poll: Which matters most?", "Data", "not shown", ""] in rows
