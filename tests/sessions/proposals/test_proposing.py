"""Proposing through the call's pages: start a draft, edit it with its people and
co-proposers, submit, withdraw; the deadline, other people's proposals and
co-proposers saving over each other."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from sessions.models import Proposal
from sessions.proposals import services
from tests.factories import EventPageFactory, UserFactory, call_page, proposal, theme
from tests.races import needs_postgresql, race

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return EventPageFactory()


@pytest.fixture
def call(event):
    return call_page(event)


@pytest.fixture
def proposer(client):
    user = UserFactory(email="amina@example.org")
    client.force_login(user)
    return user


def form_data(made, *, people=(), **fields):
    """What the proposal page posts: its fields and a people formset of `people`
    (dicts) and two rows left as the page offers them (their selects at their
    first choice)."""
    data = {
        "version": made.version,
        "title": made.title,
        "format": "workshop",
        "themes": [theme().pk],
        "duration": "90",
        "background": "Community networks keep local knowledge.",
        "questions": "Who funds local archives?",
        "participation": "Speakers onsite and online take questions from the floor.",
        "co_proposers": "",
        **fields,
    }
    untouched = {"role": "speaker", "mode": "onsite"}
    rows = [*people, untouched, untouched]
    data |= {
        "people-TOTAL_FORMS": len(rows),
        "people-INITIAL_FORMS": 0,
        "people-MIN_NUM_FORMS": 0,
        "people-MAX_NUM_FORMS": 1000,
    }
    for n, row in enumerate(rows):
        data |= {f"people-{n}-{name}": value for name, value in row.items()}
    return data


def speaker(name, **fields):
    return {"role": "speaker", "name": name, "mode": "onsite", "agreed": "on"} | fields


def page_of(call, made):
    return f"{call.url}proposals/{made.pk}/"


def test_anyone_reads_the_call_and_is_asked_to_sign_in_to_propose(client, call):
    response = client.get(call.url)

    text = response.content.decode()
    assert response.status_code == 200
    assert "Propose a workshop." in text
    assert "Sign in</a> to propose a session" in text
    assert "Workshop" in text and "Panel" in text


def test_the_event_page_links_the_call_inviting_proposals_while_it_is_open(
    client, event, call
):
    open_page = client.get(event.url).content.decode()
    call.closes_at = timezone.now() - timedelta(minutes=1)
    call.save_revision().publish()
    closed_page = client.get(event.url).content.decode()

    assert f'href="{call.url}">Propose a session' in open_page
    assert f'href="{call.url}">Call for proposals' in closed_page


def test_a_participant_starts_fills_in_and_submits_a_proposal(client, call, proposer):
    started = client.post(f"{call.url}propose/", {"title": "Archives for all"})
    made = Proposal.objects.get()
    saved = client.post(
        page_of(call, made),
        form_data(made, people=[speaker("Ana Souza", country="BR", gender="woman")]),
    )
    draft = Proposal.objects.get()
    people = [(p.name, p.country.code, p.gender) for p in draft.people.all()]
    submitted = client.post(
        page_of(call, made),
        form_data(draft, people=[speaker("Ana Souza")], submit="1"),
        follow=True,
    )

    assert started.url == page_of(call, made)
    assert (made.proposer, made.title, made.status) == (
        proposer,
        "Archives for all",
        "draft",
    )
    assert saved.status_code == 302
    assert people == [("Ana Souza", "BR", "woman")]
    assert (draft.version, draft.duration, draft.theme_ids) == (2, 90, [theme().pk])
    assert Proposal.objects.get().status == "submitted"
    assert "Your proposal is submitted." in submitted.content.decode()


def test_the_proposal_page_states_the_screening(client, call, proposer):
    made = proposal(call, proposer, status="draft")

    text = client.get(page_of(call, made)).content.decode()

    assert "Not met:</strong> The form is complete. Missing: a format" in text
    assert "Not met:</strong> Enough speakers have agreed. 0 of at least 3" in text


def test_someone_elses_proposal_answers_404(client, call, proposer):
    theirs = proposal(call, UserFactory(), status="draft")

    responses = [
        client.get(page_of(call, theirs)),
        client.post(page_of(call, theirs), form_data(theirs, title="Mine now")),
        client.post(f"{page_of(call, theirs)}withdraw/"),
    ]

    assert [r.status_code for r in responses] == [404, 404, 404]
    assert Proposal.objects.get().status == "draft"
    assert Proposal.objects.get().title == "A workshop"


def test_nothing_is_started_or_changed_after_the_deadline(client, call, proposer):
    made = proposal(call, proposer, status="submitted")
    call.closes_at = timezone.now() - timedelta(seconds=1)
    call.save_revision().publish()

    started = client.post(f"{call.url}propose/", {"title": "Late"}, follow=True)
    edited = client.post(page_of(call, made), form_data(made, title="Changed late"))
    withdrawn = client.post(f"{page_of(call, made)}withdraw/", follow=True)

    assert "This call closed" in started.content.decode()
    assert edited.status_code == 400
    assert "This call closed; proposals can no longer be started or changed." in (
        edited.content.decode()
    )
    assert "This call closed" in withdrawn.content.decode()
    assert list(Proposal.objects.values_list("title", "status")) == [
        ("A workshop", "submitted")
    ]


def test_a_call_not_yet_open_takes_no_proposal(client, event, proposer):
    call = call_page(event, opens=timezone.now() + timedelta(days=2))

    page = client.get(call.url).content.decode()
    started = client.post(f"{call.url}propose/", {"title": "Early"}, follow=True)

    assert "The call opens on" in page
    assert "This call is not open yet." in started.content.decode()
    assert not Proposal.objects.exists()


def test_a_co_proposer_edits_and_a_stale_save_is_refused_keeping_its_text(
    client, call, proposer
):
    colleague = UserFactory(email="ken@example.org")
    made = proposal(call, proposer, status="draft")
    client.post(page_of(call, made), form_data(made, co_proposers="KEN@example.org"))
    made.refresh_from_db()
    stale = made.version
    client.force_login(colleague)
    theirs = client.post(page_of(call, made), form_data(made, title="Ken's title"))
    client.force_login(proposer)

    mine = client.post(
        page_of(call, made),
        form_data(made, title="Amina's title") | {"version": stale},
    )

    assert [u.email for u in made.co_proposers.all()] == ["ken@example.org"]
    assert theirs.status_code == 302
    assert mine.status_code == 400
    text = mine.content.decode()
    assert "Someone else saved this proposal while you were editing it." in text
    assert 'value="Amina&#x27;s title"' in text  # nothing typed is lost
    assert Proposal.objects.get().title == "Ken's title"


def test_an_address_without_an_account_cannot_be_a_co_proposer(client, call, proposer):
    made = proposal(call, proposer, status="draft")

    response = client.post(
        page_of(call, made), form_data(made, co_proposers="nobody@example.org")
    )

    assert response.status_code == 400
    assert "No account uses nobody@example.org" in response.content.decode()
    assert not made.co_proposers.exists()


def test_a_withdrawn_proposal_can_no_longer_be_changed(client, call, proposer):
    made = proposal(call, proposer, status="submitted")

    client.post(f"{page_of(call, made)}withdraw/")
    page = client.get(page_of(call, made)).content.decode()
    edited = client.post(page_of(call, made), form_data(made, title="Back again"))

    assert Proposal.objects.get().status == "withdrawn"
    assert "This proposal was withdrawn." in page
    assert "it can no longer be changed" in edited.content.decode()
    assert Proposal.objects.get().title == "A workshop"


def test_one_account_has_a_bounded_number_of_proposals_in_a_call(call, proposer):
    for n in range(services.MAX_PER_PROPOSER):
        services.start(proposer, call, title=f"Idea {n}")

    with pytest.raises(services.ProposalError, match="20 proposals in this call"):
        services.start(proposer, call, title="One more")


def save_as(user, made, title):
    services.save(
        user,
        made,
        version=made.version,
        fields={"title": title},
        themes=[],
        people=[],
        co_proposers=[],
    )


@needs_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("locked", [True, False], ids=["locked", "unlocked"])
def test_two_co_proposers_saving_at_once_never_overwrite_each_other_unseen(
    monkeypatch, locked
):
    call = call_page(EventPageFactory())
    proposer, colleague = UserFactory(), UserFactory()
    made = proposal(call, proposer, status="draft")
    made.co_proposers.add(colleague)
    if not locked:
        # Without the row lock both read version 1, then both write.
        def read(user, proposal):
            row = Proposal.objects.get(pk=proposal.pk)
            time.sleep(0.05)  # the gap between the check and the write
            return row

        monkeypatch.setattr(services, "_locked", read)

    errors = race(
        [
            lambda: save_as(proposer, Proposal.objects.get(), "Amina's"),
            lambda: save_as(colleague, Proposal.objects.get(), "Ken's"),
        ]
    )

    saved = Proposal.objects.get()
    if locked:
        assert [str(e)[:24] for e in errors] == ["Someone else saved this "]
        assert saved.version == 2
    else:
        assert (errors, saved.version) == ([], 2)  # one save lost, unseen
