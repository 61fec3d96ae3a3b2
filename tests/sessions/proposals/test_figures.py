"""The organisers' numbers of a call and its CSV export with scores and comments."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission

from sessions.models import Allocation
from sessions.proposals import review
from tests.factories import UserFactory, proposal
from tests.sessions.proposals.test_review import reviewing_call, scores
from tests.sessions.proposals.test_screening import balanced_people, person

pytestmark = pytest.mark.django_db


def rows_of(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_figures_count_people_of_the_proposals_sent_and_of_the_shortlist(
    client, organiser, event
):
    call, _ = reviewing_call(event)
    proposal(call, UserFactory(), people=balanced_people(), status="shortlisted")
    proposal(
        call,
        UserFactory(),
        people=[person("speaker", "Mei", slug="academia", country="FJ", gender="man")],
    )
    proposal(call, UserFactory(), people=balanced_people(), status="draft")

    html = client.get(f"/admin/events/{event.pk}/proposals/figures/").content.decode()

    assert "<li>Submitted: 1</li>" in html and "<li>Shortlisted: 1</li>" in html
    assert "<li>Draft: 1</li>" in html
    assert "Speakers of the proposals sent (4)" in html
    assert "Speakers of the proposals shortlisted (3)" in html
    assert "Organisers of the proposals sent (1)" in html
    # Fiji, a small island developing state, among the speakers sent.
    assert '<th scope="row">SIDS</th><td>1</td><td>25 %</td>' in html


@pytest.mark.parametrize("size", [2, 12])
def test_the_csv_has_a_row_per_review_with_scores_and_comments(
    client, organiser, event, django_assert_max_num_queries, size
):
    call, users = reviewing_call(event)
    made = [
        proposal(call, UserFactory(), people=balanced_people()) for _ in range(size)
    ]
    made[0].title = "=HYPERLINK(1)"
    made[0].save()
    review.allocate(organiser, call)
    allocation = Allocation.objects.filter(proposal=made[0]).first()
    review.score(
        allocation.reviewer,
        call,
        made[0].pk,
        scores=scores(call, 5, 2),
        comment="Strong, but one region.",
    )

    with django_assert_max_num_queries(16):
        response = client.get(f"/admin/events/{event.pk}/proposals/export.csv")

    rows = rows_of(response)
    assert len(rows) == size
    first = rows[0]
    assert first["title"] == "'=HYPERLINK(1)"
    assert (first["score: Relevance"], first["score: Diversity"]) == ("5", "2")
    assert (first["review mean"], first["mean"], first["reviews"]) == (
        "4.00",
        "4.00",
        "1",
    )
    assert first["comment"] == "Strong, but one region."
    assert first["reviewer"] == allocation.reviewer.email
    assert first["organisers"] == "Amina Diallo"
    assert rows[1]["reviews"] == "0" and rows[1]["reviewer"] == ""


def test_the_figures_and_the_csv_are_the_organisers_own(client, event):
    call, _ = reviewing_call(event)
    proposal(call, UserFactory(), title="Archives for all")
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    responses = [
        client.get(f"/admin/events/{event.pk}/proposals/figures/"),
        client.get(f"/admin/events/{event.pk}/proposals/export.csv"),
    ]

    assert [r.status_code for r in responses] == [404, 404]
    assert not any(b"Archives for all" in r.content for r in responses)
