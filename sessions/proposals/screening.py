"""The screening of proposals: each rule the call turns on, stated on each proposal as
passed, failed or flagged, with what was found. Organisers and proposers read the same
results; nothing here refuses a proposal, the secretariat decides.

`screen(call, proposals)` reads what every rule needs for all the proposals at once
(their people, who is in how many proposals of the call, the reports people owe): a
fixed number of queries, whatever the number of proposals."""

from collections import Counter
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from events.models import Gender
from events.regions import country_regions, region_of
from sessions.proposals import queries
from sessions.proposals.models import Proposal, ProposalPerson

PASS, FAIL, FLAG = "pass", "fail", "flag"
Role = ProposalPerson.Role
Mode = ProposalPerson.Mode
# The genders that tell a panel's balance; "prefer not to say" and blank do not.
STATED_GENDERS = {Gender.WOMAN, Gender.MAN, Gender.OTHER}
# Roles the form asks to be filled in, besides the speakers.
REQUIRED_ROLES = (
    Role.ORGANISER,
    Role.MODERATOR,
    Role.ONLINE_MODERATOR,
    Role.RAPPORTEUR,
)


@dataclass(frozen=True)
class Check:
    rule: str  # the CallPage field that turns it on
    label: str
    result: str  # PASS, FAIL or FLAG
    detail: str

    @property
    def passed(self):
        return self.result == PASS


@dataclass
class Facts:
    """What the rules read beyond the proposal itself."""

    regions: dict  # country code -> Region
    appearances: Counter  # person key -> proposals of the call they are in
    owed: dict  # user pk or email -> [session titles] with an overdue report


def person_key(person):
    """Who someone on a proposal is, across proposals: their email, else their name."""
    return (person.email or person.name).strip().casefold()


def speakers(people):
    return [p for p in people if p.role == Role.SPEAKER]


def _role_missing():
    """What the form lacks without someone in each of REQUIRED_ROLES, in its order."""
    return {
        Role.ORGANISER: _("an organiser"),
        Role.MODERATOR: _("a moderator"),
        Role.ONLINE_MODERATOR: _("an online moderator"),
        Role.RAPPORTEUR: _("a rapporteur"),
    }


def complete(call, proposal, people, facts):
    missing = [
        label
        for label, value in (
            (_("a title"), proposal.title.strip()),
            (_("a format"), proposal.format),
            (_("a theme"), proposal.theme_ids),
            (_("the background"), proposal.background.strip()),
            (_("guiding questions"), proposal.question_list()),
            (_("how participants take part"), proposal.participation.strip()),
            (_("a duration"), proposal.duration),
        )
        if not value
    ]
    roles = {p.role for p in people}
    missing += [
        label
        for role, label in _role_missing().items()
        if role in REQUIRED_ROLES and role not in roles
    ]
    if missing:
        return FAIL, _("Missing: %(parts)s.") % {"parts": ", ".join(missing)}
    return PASS, _("Every part of the form is filled in.")


def enough_speakers(call, proposal, people, facts):
    agreed = sum(p.agreed for p in speakers(people))
    least = call.min_speakers
    # English says "speakers have" whatever the numbers; other languages need forms.
    found = ngettext(
        "%(agreed)s of at least %(least)s speakers have agreed.",
        "%(agreed)s of at least %(least)s speakers have agreed.",
        least,
    ) % {"agreed": agreed, "least": least}
    return (PASS if agreed >= least else FAIL), found


def _spread(values):
    """The different values stated, as text, sorted."""
    return sorted({str(v) for v in values if v is not None})


def groups(call, proposal, people, facts):
    found = _spread(p.group for p in people)
    if len(found) > 1:
        return PASS, ngettext(
            "%(n)s stakeholder group: %(found)s.",
            "%(n)s stakeholder groups: %(found)s.",
            len(found),
        ) % {"n": len(found), "found": ", ".join(found)}
    if found:
        return FAIL, _("Only one of the stakeholder groups: %(found)s.") % {
            "found": found[0]
        }
    return FAIL, _("No stakeholder groups stated.")


def regions(call, proposal, people, facts):
    found = _spread(region_of(p.country, regions=facts.regions) for p in people)
    if len(found) > 1:
        return PASS, ngettext(
            "%(n)s region: %(found)s.", "%(n)s regions: %(found)s.", len(found)
        ) % {"n": len(found), "found": ", ".join(found)}
    if found:
        return FAIL, _("Only one of the regions: %(found)s.") % {"found": found[0]}
    return FAIL, _("No regions stated.")


def gender(call, proposal, people, facts):
    stated = Counter(p.gender for p in speakers(people) if p.gender in STATED_GENDERS)
    if len(stated) > 1:
        return PASS, _("Speakers are of more than one gender.")
    if stated:
        (only,) = stated
        return (
            FAIL,
            _("Every speaker who stated a gender answered “%(gender)s”.")
            % {"gender": Gender(only).label},
        )
    return FAIL, _("No speaker has stated a gender.")


def onsite(call, proposal, people, facts):
    moderator = any(p.role == Role.MODERATOR and p.mode == Mode.ONSITE for p in people)
    there = sum(p.mode == Mode.ONSITE for p in speakers(people))
    if moderator:
        found = ngettext(
            "Moderator onsite; %(n)s speaker onsite.",
            "Moderator onsite; %(n)s speakers onsite.",
            there,
        )
    else:
        found = ngettext(
            "Moderator not onsite; %(n)s speaker onsite.",
            "Moderator not onsite; %(n)s speakers onsite.",
            there,
        )
    found %= {"n": there}
    return (PASS if moderator and there >= 2 else FAIL), found


def per_person(call, proposal, people, facts):
    over = sorted(
        {
            p.name
            for p in people
            if facts.appearances[person_key(p)] > call.max_per_person
        }
    )
    most = call.max_per_person
    # English says "proposals" whatever the number; other languages need forms.
    if over:
        return FAIL, ngettext(
            "In more than %(n)s proposals of this call: %(names)s.",
            "In more than %(n)s proposals of this call: %(names)s.",
            most,
        ) % {"n": most, "names": ", ".join(over)}
    return PASS, ngettext(
        "Nobody is in more than %(n)s proposals.",
        "Nobody is in more than %(n)s proposals.",
        most,
    ) % {"n": most}


def reports(call, proposal, people, facts):
    holders = [proposal.proposer_id, *proposal.co_proposer_ids]
    emails = [p.email.casefold() for p in people if p.role == Role.ORGANISER]
    owed = sorted(
        {title for key in [*holders, *emails] for title in facts.owed.get(key, ())}
    )
    if owed:
        return FLAG, _("A report is overdue from an earlier event: %(sessions)s") % {
            "sessions": "; ".join(owed)
        }
    return PASS, _("No report is owed from an earlier event.")


# (the CallPage field that turns it on, what it asks, the rule), in the order shown.
RULES = (
    ("rule_complete", gettext_lazy("The form is complete"), complete),
    ("rule_speakers", gettext_lazy("Enough speakers have agreed"), enough_speakers),
    ("rule_groups", gettext_lazy("More than one stakeholder group"), groups),
    ("rule_regions", gettext_lazy("More than one region"), regions),
    ("rule_gender", gettext_lazy("Speakers of more than one gender"), gender),
    ("rule_onsite", gettext_lazy("A moderator and two speakers onsite"), onsite),
    ("rule_per_person", gettext_lazy("Nobody in too many proposals"), per_person),
    ("rule_reports", gettext_lazy("No report owed from an earlier event"), reports),
)


def facts_for(call, proposals):
    owed = {}
    if call.rule_reports:
        owed = queries.owed_reports(
            users={
                pk
                for proposal in proposals
                for pk in [proposal.proposer_id, *proposal.co_proposer_ids]
                if pk
            },
            emails={
                p.email
                for proposal in proposals
                for p in proposal.people.all()
                if p.role == Role.ORGANISER and p.email
            },
            besides=call.get_parent(),
        )
    return Facts(
        regions=country_regions() if call.rule_regions else {},
        appearances=appearances(call, proposals) if call.rule_per_person else Counter(),
        owed=owed,
    )


def appearances(call, proposals):
    """Person key -> how many of the call's proposals they are in: those submitted
    (withdrawn and drafts do not count), and the ones being screened."""
    counted = Proposal.objects.filter(call=call).exclude(
        status__in=[Proposal.Status.WITHDRAWN, Proposal.Status.DRAFT]
    )
    rows = ProposalPerson.objects.filter(
        proposal__in=counted.exclude(pk__in=[p.pk for p in proposals])
    ).only("proposal_id", "email", "name")
    pairs = {(row.proposal_id, person_key(row)) for row in rows}
    pairs |= {
        (p.pk, person_key(person))
        for p in proposals
        if p.status != Proposal.Status.WITHDRAWN
        for person in p.people.all()
    }
    return Counter(key for _, key in pairs)


def screen(call, proposals):
    """{proposal pk: [Check]} for the rules the call turns on. The proposals come
    from `queries.for_screening` (people, themes and co-proposers prefetched)."""
    proposals = list(proposals)
    facts = facts_for(call, proposals)
    results = {}
    for proposal in proposals:
        people = list(proposal.people.all())
        results[proposal.pk] = [
            Check(field, str(label), *rule(call, proposal, people, facts))
            for field, label, rule in RULES
            if getattr(call, field)
        ]
    return results
