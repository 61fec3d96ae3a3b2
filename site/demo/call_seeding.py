"""The demo's call for proposals, a part of `manage.py seed_demo`: from calls.yaml, the
next edition's call with its criteria and reviewers, the proposers' accounts, their
proposals in every state, two reviews of each proposal sent, and the confirmed ones
made draft sessions by the conversion organisers use. Rows are written directly (no
mail); a call that exists is left as it is."""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.utils import timezone

from convening.demo import content as demo
from convening.demo import publish
from convening.demo.events import demo_event
from convening.demo.loader import read
from sessions.models import (
    Allocation,
    CallCriterion,
    CallPage,
    Proposal,
    ProposalPerson,
    Review,
    SessionPage,
)
from sessions.proposals import conversion, decisions, review

CALLS = read("calls.yaml")
Status = Proposal.Status
# The roles of a proposal's people, as calls.yaml names them.
ROLES = {
    "organisers": ProposalPerson.Role.ORGANISER,
    "moderator": ProposalPerson.Role.MODERATOR,
    "online_moderator": ProposalPerson.Role.ONLINE_MODERATOR,
    "rapporteur": ProposalPerson.Role.RAPPORTEUR,
    "speakers": ProposalPerson.Role.SPEAKER,
}
DECIDED = (
    Status.ACCEPTED,
    Status.CHANGES,
    Status.REJECTED,
    Status.CONFIRMED,
    Status.DECLINED,
)


class CallSeeding:
    """seed_demo's call step; it uses the command's count, groups, themes and
    demo_account."""

    def seed_calls(self):
        for slug, data in CALLS.items():
            event = demo_event(slug)
            exists = CallPage.objects.child_of(event).exists()
            self.count("calls for proposals", not exists)
            if not exists:
                self.seed_call(event, data)

    def seed_call(self, event, data):
        now = timezone.now()
        reviewers = Group.objects.create(name=f"Reviewers: {event.title}"[:150])
        for fields in data["reviewers"]:
            reviewers.user_set.add(self.demo_account(*fields)[0])
        proposers = {f[0]: self.demo_account(*f)[0] for f in data["proposers"]}
        self.proposal_people = {**demo.PEOPLE, **data.get("people", {})}
        call = CallPage(
            title=data["title"],
            slug=data["slug"],
            intro=data["intro"],
            opens_at=now + timedelta(days=data["opens_days"]),
            closes_at=now + timedelta(days=data["closes_days"]),
            decisions_on=self.today + timedelta(days=data["decisions_days"]),
            formats=data["formats"],
            reviewers=reviewers,
            reviews_per_proposal=data["reviews_per_proposal"],
            anonymous=data["anonymous"],
        )
        call.themes = [self.themes[slug] for slug in data["themes"]]
        call.criteria = [
            CallCriterion(name=name, description=text, weight=weight, sort_order=n)
            for n, (name, text, weight) in enumerate(data["criteria"])
        ]
        publish(event, call)
        proposals = [
            self.seed_proposal(call, item, proposers[item["proposer"]], n)
            for n, item in enumerate(data["proposals"])
        ]
        sent = [p for p, item in proposals if p.status == Status.SUBMITTED]
        review._allocate(call, Proposal.objects.filter(pk__in=[p.pk for p in sent]))
        self.seed_reviews(call, dict(proposals), data["review_comments"])
        for proposal, item in proposals:
            self.decide(call, event, proposal, item, now)

    def seed_proposal(self, call, item, proposer, n):
        """(proposal, its data): sent proposals are "submitted" until reviewed."""
        final = item["status"]
        status = final if final in (Status.DRAFT, Status.WITHDRAWN) else "submitted"
        opened = call.opens_at
        proposal = Proposal.objects.create(
            call=call,
            proposer=proposer,
            status=status,
            title=item["title"],
            format=item["format"],
            background=item["background"],
            questions="\n".join(item["questions"]),
            participation=item["participation"],
            duration=item["minutes"],
            submitted_at=None if status == Status.DRAFT else opened + timedelta(n),
        )
        proposal.themes.set([self.themes[slug] for slug in item["themes"]])
        online = set(item.get("online", ()))
        rows = []
        for key, role in ROLES.items():
            keys = item.get(key) or []
            for person in [keys] if isinstance(keys, str) else keys:
                fields = self.proposal_people[person]
                name, _, organisation, group, country, gender = fields
                rows.append(
                    ProposalPerson(
                        proposal=proposal,
                        role=role,
                        name=name,
                        organisation=organisation,
                        group=self.groups[group],
                        country=country,
                        gender=gender,
                        mode="online" if person in online else "onsite",
                        agreed=final != Status.DRAFT,
                    )
                )
        ProposalPerson.objects.bulk_create(rows)
        self.count("proposals", True)
        return proposal, item

    def seed_reviews(self, call, items, comments):
        """Each allocation's scores: the proposal's `score` give or take one, by
        reviewer and criterion, so that the ranking has a spread."""
        criteria = list(call.criteria.all())
        reviews = []
        allocations = Allocation.objects.filter(proposal__call=call).order_by("pk")
        for n, allocation in enumerate(allocations):
            base = items[allocation.proposal].get("score", 3)
            scores = {
                str(c.pk): max(1, min(5, base + (n + i) % 3 - 1))
                for i, c in enumerate(criteria)
            }
            reviews.append(
                Review(
                    allocation=allocation,
                    scores=scores,
                    comment=comments[n % len(comments)],
                )
            )
        Review.objects.bulk_create(reviews)
        self.tally["reviews", True] += len(reviews)

    def decide(self, call, event, proposal, item, now):
        final = item["status"]
        if final == proposal.status:
            return
        proposal.status = final
        if final in DECIDED:
            proposal.decided_at = decided = call.closes_at + timedelta(days=3)
            proposal.decision_public_at = decisions.published_at(call, event, decided)
            proposal.decision_message = item.get("decision", "")
        if final == Status.CONFIRMED:
            published = proposal.decision_public_at
            proposal.confirmed_at = min(now, published + timedelta(days=2))
            proposal.session = session = conversion.session_from(proposal)
            self.place(session, placed=self.tally["draft sessions", True])
            self.count("draft sessions", True)
            self.created.append(session)
        proposal.save()

    def place(self, session, *, placed):
        """A slot of its own, still without a room and still a draft: each starts on
        the first morning, and the same people would clash there."""
        day, slot = divmod(placed, 3)
        shift = timedelta(days=day, hours=2 * slot)
        session.start += shift
        session.end += shift
        session.save_revision()
        SessionPage.objects.filter(pk=session.pk).update(
            start=session.start, end=session.end
        )
