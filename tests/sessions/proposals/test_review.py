"""Review: allocation by theme in balanced numbers, conflicts of interest, scoring,
anonymity, what reviewers see of each other, and the organisers' ranking."""

import time
from collections import Counter

import pytest
from django.contrib.auth.models import Group
from django.db import IntegrityError

from sessions.models import Allocation, CallCriterion, Expertise, Proposal, Review
from sessions.proposals import ranking, review
from sessions.proposals.services import ProposalError
from tests.factories import EventPageFactory, UserFactory, call_page, proposal, theme
from tests.races import needs_postgresql, race
from tests.sessions.proposals.test_screening import balanced_people
from toolkit.translation_memory import translate

pytestmark = pytest.mark.django_db


def reviewing_call(event, *, reviewers=4, per_proposal=2, **fields):
    group = Group.objects.create(name=f"Reviewers of {event.title}")
    users = [UserFactory() for _ in range(reviewers)]
    for user in users:
        user.groups.add(group)
    call = call_page(
        event, reviewers=group, reviews_per_proposal=per_proposal, **fields
    )
    CallCriterion.objects.create(call=call, name="Relevance", weight=2, sort_order=0)
    CallCriterion.objects.create(call=call, name="Diversity", weight=1, sort_order=1)
    return call, users


@pytest.fixture
def organiser_user():
    return UserFactory(is_superuser=True, is_staff=True)


def sent(call, n, **fields):
    return [
        proposal(call, UserFactory(), people=balanced_people(), **fields)
        for _ in range(n)
    ]


def criteria(call):
    return list(call.criteria.all())


def scores(call, relevance, diversity):
    first, second = criteria(call)
    return {first.pk: relevance, second.pk: diversity}


def test_allocation_is_balanced_and_gives_each_proposal_its_reviewers(
    event, organiser_user
):
    call, users = reviewing_call(event)
    proposals = sent(call, 6)
    proposal(call, UserFactory(), status="draft")
    proposal(call, UserFactory(), status="withdrawn")

    made = review.allocate(organiser_user, call)
    again = review.allocate(organiser_user, call)

    per_proposal = Counter(Allocation.objects.values_list("proposal", flat=True))
    per_reviewer = Counter(Allocation.objects.values_list("reviewer", flat=True))
    assert (made, again) == (12, 0)
    assert per_proposal == {p.pk: 2 for p in proposals}
    assert sorted(per_reviewer.values()) == [3, 3, 3, 3]


def test_proposals_go_first_to_the_reviewers_who_know_their_theme(
    event, organiser_user
):
    call, (archivist, *others) = reviewing_call(event, per_proposal=1)
    on_archives = sent(call, 2)
    for made in on_archives:
        made.themes.set([theme("sdg-4")])
    Expertise.objects.create(call=call, reviewer=archivist).themes.set([theme("sdg-4")])
    sent(call, 4)

    review.allocate(organiser_user, call)

    mine = set(
        Allocation.objects.filter(reviewer=archivist).values_list("proposal", flat=True)
    )
    assert mine >= {p.pk for p in on_archives}


def test_nobody_reviews_a_proposal_they_are_part_of(event, organiser_user):
    call, (proposer, colleague, speaker, fourth) = reviewing_call(event, per_proposal=4)
    speaker.email = "ana@example.org"
    speaker.save()
    people = balanced_people()
    people[4][2]["email"] = "ANA@example.org"
    made = proposal(call, proposer, people=people)
    made.co_proposers.add(colleague)

    review.allocate(organiser_user, call)

    assert list(Allocation.objects.values_list("reviewer", flat=True)) == [fourth.pk]


def test_only_the_events_organisers_allocate(event):
    call, users = reviewing_call(event)
    sent(call, 1)

    with pytest.raises(ProposalError, match="Only the event's organisers"):
        review.allocate(users[0], call)

    assert not Allocation.objects.exists()


def test_a_declared_conflict_hides_the_proposal_and_hands_it_on(
    client, event, organiser_user
):
    call, users = reviewing_call(event, per_proposal=1)
    (made,) = sent(call, 1)
    review.allocate(organiser_user, call)
    first = Allocation.objects.get().reviewer
    client.force_login(first)

    declared = client.post(f"{call.url}review/{made.pk}/conflict/", follow=True)
    page = client.get(f"{call.url}review/{made.pk}/")
    scored = client.post(
        f"{call.url}review/{made.pk}/", {f"c{c.pk}": 5 for c in criteria(call)}
    )

    assert "Conflict of interest noted" in declared.content.decode()
    assert made.title not in declared.content.decode().split("</h1>", 1)[1]
    assert (page.status_code, scored.status_code) == (404, 404)
    live = Allocation.objects.get(conflict=False)
    assert live.reviewer != first and live.proposal == made
    assert not Review.objects.exists()


def test_a_reviewer_scores_only_what_was_given_to_them(client, event, organiser_user):
    call, (reviewer, *_) = reviewing_call(event, reviewers=1, per_proposal=1)
    given, _ = sent(call, 2)
    review.allocate(organiser_user, call)
    Allocation.objects.exclude(proposal=given).delete()
    client.force_login(reviewer)

    listed = client.get(f"{call.url}review/").content.decode()
    other = Proposal.objects.exclude(pk=given.pk).get()
    refused = client.post(
        f"{call.url}review/{other.pk}/", {f"c{c.pk}": 5 for c in criteria(call)}
    )
    with pytest.raises(Allocation.DoesNotExist):
        review.score(reviewer, call, other.pk, scores=scores(call, 5, 5), comment="")

    assert f"#{given.pk} A workshop" in listed
    assert f"#{other.pk} " not in listed
    assert refused.status_code == 404
    assert not Review.objects.exists()


def test_a_reviewer_reading_in_french_scores_the_calls_one_set_of_criteria(
    client, event, organiser_user
):
    call, (reviewer,) = reviewing_call(event, reviewers=1, per_proposal=1)
    (given,) = sent(call, 1)
    review.allocate(organiser_user, call)
    url = f"/fr{call.url}review/{given.pk}/"
    translate(call, "fr", {"Relevance": "Pertinence", "Diversity": "Diversité"})
    client.force_login(reviewer)

    form = client.get(url).content.decode()
    client.post(url, {f"c{c.pk}": 4 for c in criteria(call)} | {"comment": "Bien."})

    assert "Pertinence" in form and "Diversité" in form
    (saved,) = Review.objects.all()
    assert saved.comment == "Bien."
    assert set(saved.scores) == {str(c.pk) for c in criteria(call)}


def test_someone_outside_the_reviewers_group_finds_no_review_pages(client, event):
    call, _ = reviewing_call(event)
    (made,) = sent(call, 1)
    client.force_login(UserFactory())

    responses = [
        client.get(f"{call.url}review/"),
        client.get(f"{call.url}review/{made.pk}/"),
    ]

    assert [r.status_code for r in responses] == [404, 404]


def test_every_criterion_needs_a_score_from_one_to_five(event, organiser_user):
    call, (reviewer, *_) = reviewing_call(event, reviewers=1, per_proposal=1)
    (made,) = sent(call, 1)
    review.allocate(organiser_user, call)
    first, second = criteria(call)

    for wrong in ({first.pk: 5}, {first.pk: 5, second.pk: 6}):
        with pytest.raises(ProposalError, match="Score every criterion from 1 to 5"):
            review.score(reviewer, call, made.pk, scores=wrong, comment="")

    assert not Review.objects.exists()


def test_a_reviewer_sees_others_scores_only_after_scoring(
    client, event, organiser_user
):
    call, users = reviewing_call(event, reviewers=2, per_proposal=2)
    (made,) = sent(call, 1)
    review.allocate(organiser_user, call)
    first, second = users
    review.score(first, call, made.pk, scores=scores(call, 4, 2), comment="Strong.")
    client.force_login(second)
    page = f"{call.url}review/{made.pk}/"

    before = client.get(page).content.decode()
    client.post(
        page,
        {f"c{c.pk}": s for c, s in zip(criteria(call), (3, 3), strict=True)}
        | {"comment": "Fine."},
    )
    after = client.get(page).content.decode()

    assert "Other reviewers" not in before and "Strong." not in before
    assert "Relevance: 4; Diversity: 2<br>Strong." in after
    assert Review.objects.get(allocation__reviewer=second).scores == {
        str(c.pk): 3 for c in criteria(call)
    }


@pytest.mark.parametrize("anonymous", [True, False], ids=["anonymous", "named"])
def test_an_anonymous_call_hides_proposers_and_organisers_from_reviewers(
    client, event, organiser_user, anonymous
):
    call, (reviewer, *_) = reviewing_call(
        event, reviewers=1, per_proposal=1, anonymous=anonymous
    )
    (made,) = sent(call, 1)
    review.allocate(organiser_user, call)
    client.force_login(reviewer)

    page = client.get(f"{call.url}review/{made.pk}/").content.decode()

    assert ("Amina Diallo" in page) is not anonymous  # the organiser
    assert ("Organiser: (not named)" in page) is anonymous
    assert made.proposer.email not in page
    assert "Ana Souza" in page  # speakers are named either way


def test_a_review_mean_is_weighted_and_the_standing_summarises_reviews():
    class Row:
        def __init__(self, scores):
            self.scores = scores

    weights = {1: 2, 2: 1}
    reviews = [Row({"1": 5, "2": 2}), Row({"1": 3, "2": 3}), Row({"1": 1, "2": 4})]

    result = ranking.standing(reviews, weights)

    assert ranking.review_mean({"1": 5, "2": 2}, weights) == 4
    assert (result.reviews, result.mean, result.median) == (3, 3, 3)
    assert result.spread == 2


@pytest.mark.parametrize("size", [2, 12])
def test_the_organisers_screen_ranks_and_counts_at_any_size(
    client, organiser, event, django_assert_max_num_queries, size
):
    call, users = reviewing_call(event)
    proposals = sent(call, size)
    review.allocate(organiser, call)
    for allocation in Allocation.objects.select_related("proposal"):
        high = allocation.proposal == proposals[-1]
        review.score(
            allocation.reviewer,
            call,
            allocation.proposal_id,
            scores=scores(call, 5 if high else 2, 5 if high else 2),
            comment="",
        )

    with django_assert_max_num_queries(40):
        html = client.get(
            f"/admin/events/{event.pk}/proposals/?order=ranking"
        ).content.decode()

    first_row = html.split('class="proposal-submitted"')[1]
    assert f"<td>{proposals[-1].pk}</td>" in first_row
    assert "Mean 5.00 · median 5.00 · spread 0.00 · 2 reviews" in first_row
    assert html.count(" reviewed · ") == 4


def test_the_organiser_allocates_from_the_screen(client, organiser, event):
    call, users = reviewing_call(event)
    sent(call, 2)

    before = client.get(f"/admin/events/{event.pk}/proposals/").content.decode()
    after = client.post(f"/admin/events/{event.pk}/proposals/", follow=True)

    assert "2 proposal(s) have fewer than 2 reviewers." in before
    assert "4 allocation(s) made." in after.content.decode()
    assert "0 proposal(s) have fewer than 2 reviewers." in after.content.decode()


def test_a_reviewers_themes_are_set_by_the_organiser(client, organiser, event):
    call, (reviewer, *_) = reviewing_call(event)

    client.post(
        f"/admin/events/{event.pk}/proposals/reviewers/{reviewer.pk}/",
        {"themes": [theme("sdg-4").pk]},
    )
    outsider = client.get(
        f"/admin/events/{event.pk}/proposals/reviewers/{UserFactory().pk}/"
    )

    assert list(Expertise.objects.get().themes.all()) == [theme("sdg-4")]
    assert outsider.status_code == 404


@needs_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("locked", [True, False], ids=["locked", "unlocked"])
def test_two_organisers_allocating_at_once_allocate_once(monkeypatch, locked):
    event = EventPageFactory()
    call, users = reviewing_call(event)
    sent(call, 4)
    organisers = [UserFactory(is_superuser=True) for _ in range(2)]
    create = Allocation.objects.bulk_create

    def slow(rows):
        time.sleep(0.1)  # the gap between reading who has what and writing
        return create(rows)

    monkeypatch.setattr(Allocation.objects, "bulk_create", slow)
    if not locked:
        monkeypatch.setattr(review.CallPage.objects, "select_for_update", lambda: Q())

    errors = race([lambda o=o: review.allocate(o, call) for o in organisers])

    per_proposal = Counter(Allocation.objects.values_list("proposal", flat=True))
    if locked:
        assert (errors, set(per_proposal.values())) == ([], {2})
    else:
        assert [type(e) for e in errors] == [IntegrityError]


class Q:
    """A stand-in for the call's lock: filtering and checking do nothing."""

    def filter(self, **kwargs):
        return self

    def exists(self):
        return True


@needs_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_one_reviewer_saving_from_two_tabs_keeps_one_review():
    event = EventPageFactory()
    call, (reviewer, *_) = reviewing_call(event, reviewers=1, per_proposal=1)
    (made,) = sent(call, 1)
    review.allocate(UserFactory(is_superuser=True), call)

    errors = race(
        [
            lambda s=s: review.score(
                reviewer, call, made.pk, scores=scores(call, s, s), comment=str(s)
            )
            for s in (2, 4)
        ]
    )

    assert errors == []
    assert Review.objects.count() == 1
    assert Review.objects.get().comment in {"2", "4"}


def test_the_call_page_leads_reviewers_to_their_reviews(client, event):
    call, (reviewer, *_) = reviewing_call(event)
    client.force_login(reviewer)
    theirs = client.get(call.url).content.decode()
    client.force_login(UserFactory())
    others = client.get(call.url).content.decode()

    assert f'href="{call.url}review/">Your reviews' in theirs
    assert "Your reviews" not in others


def test_a_decided_proposal_stays_readable_to_its_reviewer_but_takes_no_score(
    client, event, organiser_user
):
    call, (reviewer, *_) = reviewing_call(event, reviewers=1, per_proposal=1)
    (made,) = sent(call, 1)
    review.allocate(organiser_user, call)
    review.score(reviewer, call, made.pk, scores=scores(call, 4, 3), comment="Good.")
    Proposal.objects.filter(pk=made.pk).update(status="accepted")
    client.force_login(reviewer)

    listed = client.get(f"{call.url}review/").content.decode()
    page = client.get(f"{call.url}review/{made.pk}/").content.decode()
    with pytest.raises(ProposalError, match="its reviews are closed"):
        review.score(reviewer, call, made.pk, scores=scores(call, 1, 1), comment="")

    assert f"#{made.pk} A workshop</a> (reviewed)" in listed
    assert "its reviews are closed" in page and "Relevance: 4" in page
    assert Review.objects.get().scores == {
        str(c.pk): s for c, s in zip(criteria(call), (4, 3), strict=True)
    }
