from collections import Counter
from io import StringIO

import lxml.html
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Revision, Site

from convening.demo import content as demo_content
from convening.models import SiteSettings
from convening.outcomes.models import OutcomePage
from convening.outcomes.statistics import published
from events.models import (
    EventIndexPage,
    EventPage,
    Region,
    StakeholderGroup,
)
from participants.models import Badge, Certificate, CheckIn, CheckInHelper, Registration
from sessions.models import (
    Allocation,
    CallPage,
    GuidingQuestion,
    Person,
    Proposal,
    QAHighlight,
    Review,
    SessionPage,
    SessionReportPage,
    SessionRole,
)
from sessions.polls.models import Poll, PollAnswer
from sessions.proposals import queries, screening
from sessions.qa import services as qa
from sessions.qa.models import QABoard, Question, Vote
from sessions.services import person_clashes, schedule_problems
from toolkit.page_languages import sources

ISSUES_NOTE_SESSIONS = {
    "Existing knowledge-sharing mechanisms of multi-stakeholder partnerships": 2,
    "Sharing and building knowledge among and within the SDGs": 2,
    "Designing a knowledge-sharing framework for partnerships in the post-2015 era": 3,
}


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """Seed once for the whole module (a run takes seconds) inside a transaction that
    is rolled back afterwards; each test's own transaction nests inside it."""
    with pytest.MonkeyPatch.context() as patch, django_db_blocker.unblock():
        patch.delenv("DEMO_ORGANISER_PASSWORD", raising=False)
        with transaction.atomic():
            site = Site.objects.get(is_default_site=True)
            output = StringIO()
            call_command("seed_demo", stdout=output)
            yield output.getvalue()
            transaction.set_rollback(True)
        # The cached settings would outlive the rolled-back row.
        cache.delete(SiteSettings.cache_key(site.pk))


def forum():
    return sources(EventPage.objects.all()).get(slug="knowledge-sharing-forum")


def sessions_of(event):
    return list(
        SessionPage.objects.child_of(event)
        .select_related("room")
        .prefetch_related("roles__person", "guiding_questions")
        .order_by("start")
    )


@pytest.mark.django_db
def test_seed_demo_builds_a_three_day_forum_with_the_issues_note_sessions(seeded):
    event = forum()

    sessions = [s for s in sessions_of(event) if s.live]

    days = {timezone.localtime(s.start, event.tzinfo).date() for s in sessions}
    assert (event.kind, event.time_zone) == ("forum", "Europe/Zurich")
    assert (event.end_date - event.start_date).days == 2
    assert event.start_date.weekday() == 1  # a Tuesday
    assert len(sessions) >= 20
    assert len(days) >= 2
    assert len({s.room_id for s in sessions}) >= 3
    assert len({s.format for s in sessions}) == len(SessionPage.Format.choices)
    assert [s.status for s in sessions].count(SessionPage.Status.CANCELLED) == 1
    questions = {s.title: len(s.guiding_questions.all()) for s in sessions}
    assert {t: questions.get(t) for t in ISSUES_NOTE_SESSIONS} == ISSUES_NOTE_SESSIONS


@pytest.mark.django_db
def test_seed_demo_gives_every_session_a_moderator_and_a_rapporteur(seeded):
    sessions = SessionPage.objects.prefetch_related("roles")

    roles = [{role.role for role in s.roles.all()} for s in sessions]

    assert len(roles) >= 20
    assert all(
        {SessionRole.Role.MODERATOR, SessionRole.Role.RAPPORTEUR} <= r for r in roles
    )


@pytest.mark.django_db
def test_seed_demo_lists_the_workshop_as_upcoming_and_the_conference_as_past(
    client, seeded
):
    workshop = sources(EventPage.objects.all()).get(kind=EventPage.Kind.WORKSHOP)
    past = sources(EventPage.objects.all()).get(kind=EventPage.Kind.CONFERENCE)

    html = client.get("/events/").content.decode()

    upcoming_html, past_html = html.split('id="past-heading"')
    assert workshop.start_date == workshop.end_date > timezone.localdate()
    assert past.end_date < timezone.localdate()
    assert 3 <= SessionPage.objects.child_of(workshop).count() <= 5
    assert 4 <= SessionPage.objects.child_of(past).count() <= 6
    assert (workshop.title in upcoming_html, workshop.title in past_html) == (
        True,
        False,
    )
    assert (past.title in upcoming_html, past.title in past_html) == (False, True)
    assert forum().title in upcoming_html


@pytest.mark.django_db
def test_seed_demo_speakers_cover_every_stakeholder_group_and_region(seeded):
    speakers = Person.objects.filter(roles__role=SessionRole.Role.SPEAKER).distinct()

    regions = Region.objects.filter(
        countries__code__in=[p.country for p in speakers]
    ).distinct()

    assert Person.objects.count() >= 30
    assert {p.stakeholder_group.slug for p in speakers} == set(
        StakeholderGroup.objects.values_list("slug", flat=True)
    )
    assert set(regions.values_list("code", flat=True)) == {
        "AFRICAN",
        "APG",
        "EEG",
        "GRULAC",
        "WEOG",
    }
    assert {"woman", "man", "undisclosed"} <= {p.gender for p in Person.objects.all()}


@pytest.mark.django_db
def test_seed_demo_books_no_room_or_person_twice(seeded):
    events = EventPage.objects.child_of(sources(EventIndexPage.objects.all()).get())

    problems = {
        session.code: schedule_problems(
            event,
            session.start,
            session.end,
            session.room,
            session.status,
            exclude=[session.pk],
        )
        for event in events
        for session in sessions_of(event)
    }
    clashes = {
        code: person_clashes(session)
        for code, session in (
            (s.code, s) for s in SessionPage.objects.prefetch_related("roles__person")
        )
    }

    assert len(problems) >= 30
    assert {code: p for code, p in problems.items() if p} == {}
    assert {code: c for code, c in clashes.items() if c} == {}


def snapshot():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "people": Person.objects.count(),
        "roles": SessionRole.objects.count(),
        "questions": GuidingQuestion.objects.count(),
        "sessions": sorted(
            SessionPage.objects.values_list("title", "start", "latest_revision_id")
        ),
        "events": sorted(
            EventPage.objects.values_list("slug", "start_date", "latest_revision_id")
        ),
        "accounts": get_user_model().objects.count(),
        "registrations": sorted(
            Registration.objects.values_list("event_id", "user_id", "mode", "status")
        ),
        "boards": sorted(
            QABoard.objects.values_list(
                "session_id", "status", "premoderation", "seq", "untaken_published"
            )
        ),
        "q&a": sorted(
            Question.objects.values_list("session_id", "text", "status", "votes")
        ),
        "votes": Vote.objects.count(),
        "polls": sorted(
            Poll.objects.values_list("question", "status", "revealed", "final_results")
        ),
        "poll answers": PollAnswer.objects.count(),
        "highlights": sorted(QAHighlight.objects.values_list("report_id", "question")),
        "outcome figures": list(
            OutcomePage.objects.values_list("statistics", "statistics_frozen_at")
        ),
        "proposals": sorted(Proposal.objects.values_list("title", "status")),
        "reviews": Review.objects.count(),
    }


@pytest.mark.django_db
def test_seed_demo_run_twice_changes_nothing(seeded):
    before = snapshot()

    output = StringIO()
    call_command("seed_demo", stdout=output)

    assert snapshot() == before
    assert "sessions: 0 created, 37 already present" in output.getvalue()
    assert output.getvalue().splitlines()[-3:] == [
        f"Sign in at {settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/admin/",
        "  email:    organiser@example.org",
        "  password: (unchanged)",
    ]


@pytest.mark.django_db
def test_seed_demo_organiser_can_sign_in_to_the_admin(client, seeded):
    response = client.post(
        "/accounts/login/",
        {"login": "organiser@example.org", "password": "organiser-demo-2031"},
    )

    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert seeded.splitlines()[-1] == "  password: organiser-demo-2031"


@pytest.mark.django_db
def test_seed_demo_takes_a_new_organiser_password_from_the_environment(
    client, monkeypatch, seeded
):
    get_user_model().objects.filter(email="organiser@example.org").delete()
    monkeypatch.setenv("DEMO_ORGANISER_PASSWORD", "a different demo passphrase")

    output = StringIO()
    call_command("seed_demo", stdout=output)
    response = client.post(
        "/accounts/login/",
        {"login": "organiser@example.org", "password": "a different demo passphrase"},
    )

    assert "organiser account: 1 created, 0 already present" in output.getvalue()
    assert output.getvalue().splitlines()[-1] == (
        "  password: a different demo passphrase"
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_seed_demo_programme_page_shows_the_sessions(client, seeded):
    event = forum()
    titles = [s.title for s in sessions_of(event)]

    response = client.get(f"{event.url}programme/")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('<li class="session') == len(titles)
    assert [t for t in titles if t.replace("'", "&#x27;") not in html] == []
    assert "Cancelled" in html


@pytest.mark.django_db
def test_seed_demo_fills_home_page_and_site_settings(client, seeded):
    html = client.get("/").content.decode()
    french = client.get("/fr/").content.decode()

    assert "Knowledge for Development Forum" in html
    assert "forum@example.org" in html
    assert "fictional" in html
    assert '<a class="brand" href="/fr/">Forum du savoir' in french
    assert "sont fictives" in french and "fictional" not in french


@pytest.mark.django_db
def test_seed_demo_registers_participants_confirmed_waiting_and_pending(seeded):
    emails = [p[0] for p in demo_content.PARTICIPANTS]

    rows = (
        Registration.objects.filter(user__email__in=emails)
        .select_related("user", "event")
        .order_by("pk")
    )

    assert [(r.user.email.split("@")[0], r.mode, r.status) for r in rows] == [
        ("amina.diallo", "in_person", "confirmed"),
        ("lucas.moreira", "in_person", "confirmed"),
        ("mei.tanaka", "in_person", "waiting"),
        ("joseph.otieno", "online", "confirmed"),
        ("joseph.otieno", "in_person", "pending"),
    ]
    assert forum().quotas.count() == 7


@pytest.mark.django_db
def test_seed_demo_publishes_the_past_conferences_outcome_and_reports(client, seeded):
    event = sources(EventPage.objects.all()).get(slug="partnerships-conference")
    outcome = OutcomePage.objects.child_of(event).get()
    reports = SessionReportPage.objects.live().descendant_of(event)

    html = client.get(outcome.url).content.decode()
    assert outcome.live and outcome.statistics_frozen_at is not None
    assert reports.count() == 4
    assert outcome.key_messages.count() == 6
    assert outcome.recommendations.count() == 4
    assert html.count('<li class="recommendation">') == 4
    assert html.count("/report/") == 4


def figures(table):
    return {row["label"]: row["count"] for row in table}


@pytest.mark.django_db
def test_seed_demo_freezes_the_past_conferences_participation_figures(seeded):
    event = sources(EventPage.objects.all()).get(slug="partnerships-conference")
    stats = OutcomePage.objects.child_of(event).get().statistics

    confirmed = Registration.objects.filter(event=event, status="confirmed")
    attended = CheckIn.objects.filter(event=event).values("registration").distinct()

    # The figures count who came (three in-person participants stayed away, two of
    # the online ones opened no session), with the registrations beside them.
    assert stats["basis"] == "attendance"
    assert stats["confirmed"] == confirmed.count() == 36
    assert stats["attended"] == attended.count() == 31
    assert (stats["countries"], stats["registered_countries"]) == (29, 34)
    assert beside(stats["modes"]) == {"In person": (20, 23), "Online": (11, 13)}
    assert set(figures(stats["groups"])) == set(
        StakeholderGroup.objects.values_list("name", flat=True)
    )
    assert len(figures(stats["regions"])) == 5
    shown = published(stats)
    assert (shown["attended"], shown["confirmed"]) == (31, 36)
    assert beside(shown["modes"]) == {"In person": (20, 23), "Online": (11, 13)}
    assert beside(shown["gender"]) == {
        "Woman": (16, 17),
        "Man": (None, None),  # 31 - 16 - 13 = 2 would give the small groups away
        "Prefer not to say": (None, None),  # fewer than 5
        "Not given": (None, None),
        "Another gender": (0, None),
    }
    assert all(r.created_at.date() < event.start_date for r in confirmed)


def beside(lines):
    return {line["label"]: (line["count"], line["registered"]) for line in lines}


@pytest.mark.django_db
def test_seed_demo_past_conference_has_badges_check_ins_and_certificates(
    client, seeded
):
    event = sources(EventPage.objects.all()).get(slug="partnerships-conference")
    in_person = Registration.objects.filter(event=event, mode="in_person")
    certificate = Certificate.objects.select_related("registration__user").first()

    page = client.get(f"/certificates/{certificate.code}/").content.decode()

    assert Badge.objects.filter(registration__in=in_person).count() == 23
    assert CheckIn.objects.filter(event=event, session=None).count() == 20 * 2 - 5
    assert CheckIn.objects.filter(event=event, mode="online").count() == 15
    assert Certificate.objects.filter(registration__event=event).count() == 5
    assert "This certificate is valid." in page
    assert certificate.registration.user.profile.full_name in page


def boards_of(slug):
    return {
        board.session.slug: board
        for board in QABoard.objects.filter(
            session__in=SessionPage.objects.child_of(
                sources(EventPage.objects.all()).get(slug=slug)
            )
        )
        .select_related("session")
        .order_by("session__path")  # programme order; PostgreSQL keeps no row order
    }


@pytest.mark.django_db
def test_seed_demo_opens_the_forums_q_and_a_with_and_without_premoderation(seeded):
    boards = boards_of("knowledge-sharing-forum")

    moderated = boards["existing-knowledge-sharing-mechanisms"]
    questions = list(moderated.session.questions.all())
    assert [(b.status, b.premoderation) for b in boards.values()] == [
        ("open", True),
        ("open", False),
    ]
    assert {q.status for q in questions} == {
        "pending",
        "approved",
        "answered",
        "hidden",
    }
    assert [q.text[:30] for q in questions if q.pinned] == [
        "Most partnership websites stop"
    ]
    assert any(q.anonymous and q.author_name for q in questions)
    assert {
        q.status
        for q in boards["knowledge-among-and-within-the-sdgs"].session.questions.all()
    } == {"approved"}


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["knowledge-sharing-forum", "partnerships-conference"])
def test_seed_demo_q_and_a_comes_from_registered_participants(seeded, slug):
    boards = boards_of(slug).values()
    registered = set(
        Registration.objects.filter(event__slug=slug, status="confirmed").values_list(
            "user_id", flat=True
        )
    )
    questions = Question.objects.filter(session__qa_board__in=boards)

    voters = set(
        Vote.objects.filter(question__in=questions).values_list("user_id", flat=True)
    )

    assert {q.author_id for q in questions} <= registered
    assert voters <= registered
    assert [q.votes for q in questions] == [q.vote_rows.count() for q in questions]
    assert all(q.votes == 0 for q in questions if q.status in ("pending", "hidden"))
    assert all(b.seq >= b.session.questions.count() for b in boards)


@pytest.mark.django_db
def test_seed_demo_moderator_signs_in_and_moderates_the_forums_q_and_a(client, seeded):
    boards = boards_of("knowledge-sharing-forum")
    moderator = get_user_model().objects.get(email="grace.mukamana@example.org")

    response = client.post(
        "/accounts/login/",
        {"login": "grace.mukamana@example.org", "password": "participant-demo-2031"},
    )

    assert response.status_code == 302
    assert client.get("/me/agenda/").status_code == 200
    assert qa.can_moderate(
        moderator, boards["existing-knowledge-sharing-mechanisms"].session
    )
    assert not qa.can_moderate(
        moderator, boards["knowledge-among-and-within-the-sdgs"].session
    )


@pytest.mark.django_db
def test_seed_demo_closes_the_past_q_and_a_and_quotes_it_in_the_reports(client, seeded):
    boards = boards_of("partnerships-conference")
    reports = SessionReportPage.objects.live().descendant_of(
        sources(EventPage.objects.all()).get(slug="partnerships-conference")
    )

    highlights = {
        report.get_parent().slug: report.shown_highlights() for report in reports
    }
    html = {
        report.get_parent().slug: client.get(report.url).content.decode()
        for report in reports
    }

    assert {b.status for b in boards.values()} == {"closed"}
    assert [s for s, b in boards.items() if b.untaken_published] == [
        "trust-between-partners"
    ]
    assert {
        b.session.questions.filter(status="approved").exists() for b in boards.values()
    } == {True}
    assert {slug: 1 <= len(h) <= 3 for slug, h in highlights.items()} == dict.fromkeys(
        boards, True
    )
    for slug, shown in highlights.items():
        for highlight in shown:
            question = highlight.question
            assert (question.session.slug, question.is_public) == (slug, True)
            assert question.text.replace("'", "&#x27;") in html[slug]
            if question.anonymous:
                assert question.author_name not in html[slug]
    assert sum(h.question.anonymous for s in highlights.values() for h in s) >= 2


@pytest.mark.django_db
def test_seed_demo_runs_a_live_poll_and_shows_a_closed_ones_results(client, seeded):
    session = sources(SessionPage.objects.all()).get(
        slug="existing-knowledge-sharing-mechanisms"
    )

    page = lxml.html.fromstring(client.get(session.url).content)

    (section,) = page.xpath('//section[@id="poll"]')
    live = section.xpath('.//div[contains(@class, "poll-live")]/h3/text()')
    assert live == [
        "How well do today's mechanisms reach people who are rarely online?"
    ]
    (earlier,) = section.xpath('.//div[@class="poll"]')
    assert earlier.xpath("h4/text()") == [
        "Where do you look first for what other partnerships have learned?"
    ]
    figures = [
        " ".join(li.xpath("span/text()"))
        for li in earlier.xpath('.//ul[@class="poll-bars"]/li')
    ]
    assert figures == [
        "Partnership websites 2 (17 %)",
        "Colleagues and peers 6 (50 %)",
        "Newsletters and mailing lists 1 (8 %)",
        "Reports and publications 3 (25 %)",
    ]


@pytest.mark.django_db
def test_seed_demo_next_forum_has_a_decided_call_with_reviews_and_draft_sessions(
    client, seeded
):
    event = sources(EventPage.objects.all()).get(slug="knowledge-sharing-forum-next")
    call = CallPage.objects.child_of(event).get()
    statuses = Counter(
        Proposal.objects.filter(call=call).values_list("status", flat=True)
    )
    confirmed = Proposal.objects.filter(call=call, status="confirmed")
    reviewers = set(Allocation.objects.values_list("reviewer", flat=True))

    assert not call.is_open() and call.closes_at < timezone.now()
    assert 25 <= sum(statuses.values()) <= 35
    assert set(statuses) == {s.value for s in Proposal.Status}
    assert len(reviewers) == 4
    assert Review.objects.filter(allocation__proposal__call=call).count() >= 40
    assert all(p.session and not p.session.live for p in confirmed)
    assert {p.session.title for p in confirmed} == set(
        SessionPage.objects.child_of(event).values_list("title", flat=True)
    )
    page = client.get(event.url).content.decode()
    assert f'href="{call.url}">Call for proposals' in page
    # Most proposals sent meet every rule; a few fail one on purpose.
    sent = Proposal.objects.filter(call=call).exclude(status__in=["draft", "withdrawn"])
    checks = screening.screen(call, queries.for_screening(sent))
    unmet = Counter(c.rule for cs in checks.values() for c in cs if not c.passed)
    clean = sum(all(c.passed for c in cs) for cs in checks.values())
    assert clean >= len(checks) // 2
    assert 0 < unmet["rule_per_person"] <= 5


@pytest.mark.django_db
def test_seed_demo_forum_desk_has_a_helper_who_opens_it_and_nothing_else(
    client, seeded
):
    forum = sources(EventPage.objects.all()).get(slug="knowledge-sharing-forum")
    helper = CheckInHelper.objects.select_related("user").get(event=forum).user
    client.force_login(helper)

    desk = client.get(f"/check-in/{forum.pk}/")

    assert helper.email == "desk.helper@example.org"
    assert desk.status_code == 200 and "Check-in" in desk.content.decode()
    assert client.get("/admin/").status_code == 302  # no admin access


@pytest.mark.django_db
def test_seed_demo_writes_the_forum_its_programme_and_the_outcome_in_french(
    client, seeded
):
    opening = SessionPage.objects.child_of(forum()).order_by("start").first()
    urls = {
        "forum": forum().url,
        "opening": opening.url,
        "outcome": OutcomePage.objects.child_of(
            sources(EventPage.objects.all()).get(slug="partnerships-conference")
        )
        .get()
        .url,
    }

    home = client.get("/fr/").content.decode()
    event = client.get(f"/fr{urls['forum']}").content.decode()
    programme = client.get(f"/fr{urls['forum']}programme/").content.decode()
    outcome = client.get(f"/fr{urls['outcome']}").content.decode()
    session = client.get(f"/fr{urls['opening']}").content.decode()
    spanish = client.get(f"/es{urls['forum']}").content.decode()

    assert "<h1>Forums sur le savoir au service du développement" in home
    assert "<h1>Forum sur le partage des connaissances" in event
    assert "Mécanismes existants de partage des connaissances" in programme
    assert "<h1>Synthèse des résultats" in outcome
    assert "Qu’est-ce que chaque groupe de parties prenantes attend" in session
    assert "source-language" not in event + programme + outcome
    assert 'class="source-language"' in spanish  # no Spanish: English, said so
