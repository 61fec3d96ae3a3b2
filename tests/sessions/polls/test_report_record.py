"""The session's record in its report: closed polls the rapporteur quotes, with small
counts not shown, and who took the floor, in order and for how long."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sessions.floor.models import SpeakRequest
from sessions.models import Poll, PollHighlight, SessionReportPage
from sessions.polls import services as polls
from sessions.polls.record import quoted
from tests.factories import rapporteur, report_form
from tests.sessions.floor.conftest import speaker_of
from tests.sessions.polls.conftest import launched, option_ids, participants
from tests.sessions.qa.pages import tree

pytestmark = pytest.mark.django_db


def closed_poll(forum, kind, options, answers, **settings):
    """A poll closed after `answers` (one chosen option index each, or a rating)."""
    session, moderator, _ = forum
    poll = launched(forum, kind, options, **settings)
    ids = option_ids(poll)
    for voter, given in zip(participants(session, len(answers)), answers, strict=True):
        if kind == "rating":
            polls.answer(voter, session, poll.pk, rating=given)
        else:
            polls.answer(voter, session, poll.pk, chosen=[ids[given]])
    return polls.close(moderator, session, poll.pk)


def test_a_small_count_is_not_shown_nor_worked_out_by_subtraction(forum):
    poll = closed_poll(forum, "single", ["Hubs", "Data", "Funds"], [0] * 6 + [1] * 3)
    figures = quoted(poll)
    assert figures["answers"] == 9
    # Data has 3 (hidden); Hubs' 6 would give it away (9 - 6), so it goes too.
    assert [(line["label"], line["count"]) for line in figures["lines"]] == [
        ("Hubs", None),
        ("Data", None),
        ("Funds", 0),
    ]


def test_a_poll_with_few_answers_shows_no_count_and_no_mean(forum):
    poll = closed_poll(forum, "rating", [], [4, 5, 3])
    figures = quoted(poll)
    assert figures["answers"] is None and figures["mean"] is None
    assert {line["count"] for line in figures["lines"]} <= {None, 0}


def test_a_multiple_choice_discloses_each_option_on_its_own(forum):
    session, moderator, _ = forum
    poll = launched(forum, "multiple", ["A", "B", "C"])
    a, b, c = option_ids(poll)
    for voter in participants(session, 6):
        polls.answer(voter, session, poll.pk, chosen=[a, b])
    poll = polls.close(moderator, session, poll.pk)
    lines = [(line["label"], line["count"]) for line in quoted(poll)["lines"]]
    assert lines == [("A", 6), ("B", 6), ("C", 0)]


def report_quoting(session, *polls_quoted):
    report = SessionReportPage(title=f"Report: {session.title}", slug="report")
    report.poll_highlights = [PollHighlight(poll=poll) for poll in polls_quoted]
    session.add_child(instance=report)
    report.save_revision().publish()
    return report


def test_the_report_quotes_its_polls_and_the_floor(client, forum):
    session, moderator, _ = forum
    poll = closed_poll(forum, "single", ["Hubs", "Data"], [0] * 5 + [1] * 5)
    now = timezone.now()
    for number, (group, seconds) in enumerate(
        [("academia", 95), ("media", 130), ("academia", 61)], 1
    ):
        SpeakRequest.objects.create(
            session=session,
            user=speaker_of(session, group),
            number=number,
            name=f"Speaker {number}",
            name_public=number != 2,
            group_id=None,
            status=SpeakRequest.Status.SPOKE,
            called_at=now + timedelta(minutes=number),
            spoken=seconds,
        )
    for item in SpeakRequest.objects.all():
        item.group = item.user.registrations.get().group
        item.save()
    report = report_quoting(session, poll)

    page = tree(client.get(report.url))

    (polls_section,) = page.xpath('//section[@aria-labelledby="polls-heading"]')
    lines = [" ".join(li.text_content().split()) for li in polls_section.xpath(".//li")]
    assert lines == ["Hubs 5", "Data 5"]
    (floor,) = page.xpath('//section[@aria-labelledby="floor-heading"]')
    assert "3 speeches from the floor, 4:46 in all." in floor.text_content()
    rows = [
        [cell.text_content() for cell in tr.xpath("th|td")]
        for tr in floor.xpath(".//tbody/tr")
    ]
    assert rows == [["Academia and research", "2", "2:36"], ["Media", "1", "2:10"]]
    spoken = [" ".join(li.text_content().split()) for li in floor.xpath(".//ol/li")]
    assert spoken == [
        "Speaker 1 Academia and research · onsite · 1:35",
        "Participant Media · onsite · 2:10",
        "Speaker 3 Academia and research · onsite · 1:01",
    ]


def test_the_rapporteur_is_offered_only_this_sessions_closed_polls(client, forum):
    session, moderator, make_poll = forum
    closed = closed_poll(forum, "single", ["Yes", "No"], [0, 1])
    make_poll()  # prepared, never closed
    report = report_quoting(session)
    writer = rapporteur(session)
    client.force_login(writer)

    form = tree(client.get(f"/admin/pages/{report.pk}/edit/"))
    offered = form.xpath('//select[@name="poll_highlights-__prefix__-poll"]/option')
    response = client.post(
        f"/admin/pages/{report.pk}/edit/",
        report_form(report.title, polls=[closed.pk]),
    )
    refused = client.post(
        f"/admin/pages/{report.pk}/edit/",
        report_form(report.title, polls=[Poll.objects.exclude(pk=closed.pk).get().pk]),
    )

    assert [o.text for o in offered if o.get("value")] == [
        "Which matters most? (2 answers)"
    ]
    assert response.status_code == 302
    assert "Choose a poll of this session that has closed." in refused.content.decode()
