"""Screening: each rule of the call, stated on a proposal with what was found."""

from datetime import date, datetime, timedelta

import pytest

from events.models import StakeholderGroup
from sessions.models import Proposal, SessionPage
from sessions.proposals import queries, screening
from tests.factories import (
    EventPageFactory,
    SessionPageFactory,
    UserFactory,
    call_page,
    proposal,
    rapporteur,
    report_page,
    theme,
)

pytestmark = pytest.mark.django_db


def group(slug):
    return StakeholderGroup.objects.get(slug=slug)


def person(role, name, *, slug="civil-society", country="KE", gender="woman", **more):
    return (
        role,
        name,
        {
            "group": group(slug),
            "country": country,
            "gender": gender,
            "mode": "onsite",
            "agreed": True,
            **more,
        },
    )


def balanced_people():
    """Everything a proposal passes with: organisers and speakers from three groups
    and three regions, women and men, the moderator and three speakers onsite."""
    return [
        person("organiser", "Amina Diallo", email="amina@example.org"),
        person("moderator", "Grace Mukamana", slug="academia", country="FR"),
        person(
            "online-moderator", "Ken Ito", slug="academia", country="IN", gender="man"
        ),
        person("rapporteur", "Leila Haddad"),
        person("speaker", "Ana Souza", slug="government", country="BR"),
        person(
            "speaker", "Tom Berg", slug="private-sector", country="FR", gender="man"
        ),
        person("speaker", "Mei Tanaka", country="IN"),
    ]


def complete_fields():
    return {
        "format": "workshop",
        "background": "Why community networks need shared knowledge.",
        "questions": "Who funds local archives?\nHow do we share what works?",
        "participation": "Onsite and online speakers answer questions from the floor.",
        "duration": 90,
    }


@pytest.fixture
def call():
    return call_page(EventPageFactory())


def checks_of(call, made):
    made = queries.for_screening(Proposal.objects.filter(pk=made.pk)).get()
    return {check.rule: check for check in screening.screen(call, [made])[made.pk]}


def balanced(call, **fields):
    made = proposal(
        call, UserFactory(), people=balanced_people(), **complete_fields() | fields
    )
    made.themes.set([theme()])
    return made


def test_a_balanced_complete_proposal_passes_every_rule(call):
    checks = checks_of(call, balanced(call))

    assert {rule: check.result for rule, check in checks.items()} == {
        "rule_complete": "pass",
        "rule_speakers": "pass",
        "rule_groups": "pass",
        "rule_regions": "pass",
        "rule_gender": "pass",
        "rule_onsite": "pass",
        "rule_per_person": "pass",
        "rule_reports": "pass",
    }
    assert checks["rule_regions"].detail == (
        "4 regions: African Group, Asia-Pacific Group, "
        "Latin American and Caribbean Group, "
        "Western European and Others Group."
    )


def test_an_incomplete_form_names_what_is_missing(call):
    made = proposal(
        call,
        UserFactory(),
        people=[person("speaker", "Ana Souza")],
        format="workshop",
    )

    check = checks_of(call, made)["rule_complete"]

    assert check.result == "fail"
    assert check.detail == (
        "Missing: a theme, the background, guiding questions, how participants take "
        "part, a duration, an organiser, a moderator, an online moderator, "
        "a rapporteur."
    )


def test_speakers_who_have_not_agreed_do_not_count(call):
    people = balanced_people()
    people[-1][2]["agreed"] = False

    check = checks_of(call, proposal(call, UserFactory(), people=people))[
        "rule_speakers"
    ]

    assert (check.result, check.detail) == (
        "fail",
        "2 of at least 3 speakers have agreed.",
    )


def test_one_stakeholder_group_fails_the_groups_rule(call):
    people = [
        person(role, name, slug="academia") for role, name, _ in balanced_people()
    ]

    check = checks_of(call, proposal(call, UserFactory(), people=people))["rule_groups"]

    assert (check.result, check.detail) == (
        "fail",
        "Only one of the stakeholder groups: Academia and research.",
    )


def test_one_region_fails_the_regions_rule_whatever_the_countries(call):
    # France and the United States: two countries, one regional group.
    people = [
        person(role, name, country="FR" if n % 2 else "US")
        for n, (role, name, _) in enumerate(balanced_people())
    ]

    check = checks_of(call, proposal(call, UserFactory(), people=people))[
        "rule_regions"
    ]

    assert (check.result, check.detail) == (
        "fail",
        "Only one of the regions: Western European and Others Group.",
    )


@pytest.mark.parametrize(
    ("genders", "result", "detail"),
    [
        (["woman", "woman", "woman"], "fail", "answered “Woman”"),
        (["woman", "undisclosed", ""], "fail", "answered “Woman”"),
        (["undisclosed", "", ""], "fail", "No speaker has stated a gender."),
        (["woman", "other", "woman"], "pass", "more than one gender"),
    ],
    ids=["all-women", "one-stated", "none-stated", "mixed"],
)
def test_speakers_of_a_single_gender_fail(call, genders, result, detail):
    speakers = [
        person("speaker", f"Speaker {n}", gender=g) for n, g in enumerate(genders)
    ]

    check = checks_of(call, proposal(call, UserFactory(), people=speakers))[
        "rule_gender"
    ]

    assert check.result == result
    assert detail in check.detail


@pytest.mark.parametrize(
    ("moderator", "speakers_onsite", "result"),
    [("onsite", 2, "pass"), ("online", 3, "fail"), ("onsite", 1, "fail")],
    ids=["moderator-and-two", "moderator-online", "one-speaker-onsite"],
)
def test_a_moderator_and_two_speakers_must_be_onsite(
    call, moderator, speakers_onsite, result
):
    people = [person("moderator", "Grace", mode=moderator)] + [
        person("speaker", f"S{n}", mode="onsite" if n < speakers_onsite else "online")
        for n in range(3)
    ]

    check = checks_of(call, proposal(call, UserFactory(), people=people))["rule_onsite"]

    assert check.result == result


def test_a_person_in_more_than_three_proposals_of_the_call_is_named(call):
    busy = person("speaker", "Ana Souza", email="ana@example.org")
    for _ in range(3):
        proposal(call, UserFactory(), people=[busy])
    # Withdrawn and other calls' proposals do not count.
    proposal(call, UserFactory(), people=[busy], status="withdrawn")
    other_call = call_page(EventPageFactory())
    proposal(other_call, UserFactory(), people=[busy])
    fourth = proposal(
        call,
        UserFactory(),
        people=[person("speaker", "Ana S.", email="ANA@example.org")],
        status="draft",
    )

    check = checks_of(call, fourth)["rule_per_person"]
    first = checks_of(call, Proposal.objects.filter(call=call).first())

    assert (check.result, check.detail) == (
        "fail",
        "In more than 3 proposals of this call: Ana S..",
    )
    assert first["rule_per_person"].result == "pass"  # a draft counts once submitted


def owing_speaker(user, *, days_ago, report=False):
    """`user` was the rapporteur of a session of an earlier event that ended `days_ago`
    days ago; its report is due 14 days after."""
    earlier = EventPageFactory(start_date=date(2026, 1, 10), end_date=date(2026, 1, 12))
    end = datetime.now(earlier.tzinfo) - timedelta(days=days_ago)
    session = SessionPageFactory(
        event=earlier,
        title="Archives in the Sahel",
        start=end - timedelta(hours=1),
        end=end,
        people=0,
    )
    rapporteur(session, user)
    if report:
        report_page(session)
    return session


@pytest.mark.parametrize(
    ("days_ago", "report", "result"),
    [(20, False, "flag"), (20, True, "pass"), (5, False, "pass")],
    ids=["overdue", "published", "not-yet-due"],
)
def test_a_proposer_who_owes_a_report_is_flagged(call, days_ago, report, result):
    user = UserFactory()
    owing_speaker(user, days_ago=days_ago, report=report)
    made = balanced(call)
    made.co_proposers.add(user)

    check = checks_of(call, made)["rule_reports"]

    assert check.result == result
    if result == "flag":
        assert "Archives in the Sahel" in check.detail


def test_an_organiser_who_owes_a_report_is_found_by_email(call):
    user = UserFactory(email="amina@example.org")
    owing_speaker(user, days_ago=30)

    check = checks_of(call, balanced(call))["rule_reports"]

    assert check.result == "flag"


def test_rules_the_call_turns_off_are_not_stated(call):
    call.rule_gender = call.rule_reports = False
    call.save()

    assert set(checks_of(call, balanced(call))) == {
        "rule_complete",
        "rule_speakers",
        "rule_groups",
        "rule_regions",
        "rule_onsite",
        "rule_per_person",
    }


@pytest.mark.parametrize("size", [3, 30])
def test_screening_a_call_takes_the_same_queries_at_any_size(
    call, django_assert_max_num_queries, size
):
    for _ in range(size):
        balanced(call)
    user = UserFactory()
    owing_speaker(user, days_ago=30)
    Proposal.objects.first().co_proposers.add(user)

    with django_assert_max_num_queries(10):
        results = screening.screen(
            call, queries.for_screening(Proposal.objects.filter(call=call))
        )

    assert len(results) == size
    assert sum(c.result == "flag" for cs in results.values() for c in cs) == 1


def test_a_session_format_is_one_the_call_offers(call):
    assert call.format_choices() == [
        ("panel", "Panel"),
        ("workshop", "Workshop"),
    ]
    assert {key for key, _ in SessionPage.Format.choices} >= set(call.formats)
