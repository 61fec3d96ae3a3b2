"""The organisers' numbers of a call: proposals by status; the organisers and the
speakers of the proposals sent, and of the shortlist, by stakeholder group, region,
gender and development status; reviews done per reviewer (admin_views)."""

from collections import Counter

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from events.models import Country, Gender
from events.regions import country_regions, region_of
from participants.queries import shares
from sessions.proposals.models import Proposal, ProposalPerson

Status = Proposal.Status
SENT = [s for s in Status if s not in (Status.DRAFT, Status.WITHDRAWN)]
SHORTLIST = [Status.SHORTLISTED, Status.ACCEPTED, Status.CHANGES, Status.CONFIRMED]
ORGANISERS = [ProposalPerson.Role.ORGANISER]
SPEAKERS = [ProposalPerson.Role.SPEAKER]
# The tables: who is counted (by the roles they hold on a proposal) among which
# proposals, under its heading.
TABLES = (
    (gettext_lazy("Organisers of the proposals sent"), ORGANISERS, SENT),
    (gettext_lazy("Speakers of the proposals sent"), SPEAKERS, SENT),
    (gettext_lazy("Organisers of the proposals shortlisted"), ORGANISERS, SHORTLIST),
    (gettext_lazy("Speakers of the proposals shortlisted"), SPEAKERS, SHORTLIST),
)


def development_status(country, table):
    row = table.get(country.code) if country else None
    other = pgettext("development status", "Other")
    if row is None:
        return _("Not given") if not country else other
    kinds = [
        label
        for label, flag in (
            (_("LDC"), row.ldc),
            (_("LLDC"), row.lldc),
            (_("SIDS"), row.sids),
        )
        if flag
    ]
    return ", ".join(kinds) or other


def balance(people, regions, table):
    """Shares of group, region, gender and development status among `people`."""
    counters = {name: Counter() for name in ("groups", "regions", "genders", "status")}
    not_given = _("Not given")
    for person in people:
        counters["groups"][str(person.group or not_given)] += 1
        region = region_of(person.country, regions=regions)
        counters["regions"][str(region or not_given)] += 1
        gender = person.gender if person.gender != Gender.UNDISCLOSED else ""
        counters["genders"][str(Gender(gender).label) if gender else not_given] += 1
        counters["status"][development_status(person.country, table)] += 1
    total = len(people)
    return {"total": total} | {k: shares(c, total) for k, c in counters.items()}


def call_figures(call):
    """{"statuses": [(label, n)], "tables": [(heading, balance)]}: four queries."""
    by_status = Counter(
        Proposal.objects.filter(call=call).values_list("status", flat=True)
    )
    rows = list(
        ProposalPerson.objects.filter(
            proposal__call=call, proposal__status__in=SENT
        ).select_related("group", "proposal")
    )
    regions = country_regions()
    table = {row.code.code: row for row in Country.objects.all()}
    tables = []
    for heading, roles, statuses in TABLES:
        chosen = [p for p in rows if p.role in roles and p.proposal.status in statuses]
        tables.append((str(heading), balance(chosen, regions, table)))
    return {
        "statuses": [
            (s.label, by_status[s.value]) for s in Status if by_status[s.value]
        ],
        "tables": tables,
    }
