"""A confirmed proposal becomes a draft session of its event: its issue note, its
people (each matched to a Person by email, or by name and organisation, else created)
and a place on the event's first morning, with no room, for the organiser to move in
the grid."""

from datetime import datetime, time, timedelta

from django.utils.html import escape, linebreaks
from django.utils.text import Truncator, slugify

from events.tree import event_of
from sessions.models.people import Person
from sessions.models.session import GuidingQuestion, SessionPage, SessionRole
from sessions.proposals.models import ProposalPerson

# Proposal roles that are roles in the session; organisers stay on the proposal.
SESSION_ROLES = {
    ProposalPerson.Role.MODERATOR: SessionRole.Role.MODERATOR,
    ProposalPerson.Role.ONLINE_MODERATOR: SessionRole.Role.ONLINE_MODERATOR,
    ProposalPerson.Role.RAPPORTEUR: SessionRole.Role.RAPPORTEUR,
    ProposalPerson.Role.SPEAKER: SessionRole.Role.SPEAKER,
}


def person_for(row):
    """The programme's Person for someone on a proposal: the one with their email,
    else the one of the same name and organisation (given the email if it had none),
    else a new one with what the proposal says of them."""
    if row.email:
        found = Person.objects.filter(email__iexact=row.email).first()
        if found:
            return found
    found = Person.objects.filter(
        name__iexact=row.name, organisation__iexact=row.organisation
    ).first()
    if found:
        if row.email and not found.email:
            found.email = row.email
            found.save(update_fields=["email"])
        return found
    return Person.objects.create(
        name=row.name,
        organisation=row.organisation,
        email=row.email,
        stakeholder_group=row.group,
        country=row.country,
        gender=row.gender,
    )


def unique_slug(event, title):
    base = slugify(title)[:70] or "session"
    taken = set(
        SessionPage.objects.child_of(event)
        .filter(slug__startswith=base)
        .values_list("slug", flat=True)
    )
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def rich(text):
    return linebreaks(escape(text)) if text.strip() else ""


def session_from(proposal):
    """The draft session of `proposal` (made once: a proposal that has one keeps it)."""
    if proposal.session_id:
        return proposal.session
    event = event_of(proposal.call)
    start = datetime.combine(event.start_date, time(9, 0), tzinfo=event.tzinfo)
    minutes = proposal.duration or event.session_minutes
    session = SessionPage(
        title=proposal.title,
        slug=unique_slug(event, proposal.title),
        code=f"P-{proposal.pk}",
        start=start,
        end=start + timedelta(minutes=minutes),
        format=proposal.format or SessionPage.Format.WORKSHOP,
        summary=Truncator(" ".join(proposal.background.split())).chars(600),
        background=rich(proposal.background),
        participation=rich(proposal.participation),
        live=False,
    )
    session.themes = list(proposal.themes.all())
    session.guiding_questions = [
        GuidingQuestion(text=question) for question in proposal.question_list()
    ]
    session.roles = [
        SessionRole(person=person_for(row), role=SESSION_ROLES[row.role])
        for row in proposal.people.select_related("group")
        if row.role in SESSION_ROLES
    ]
    event.add_child(instance=session)
    session.save_revision()
    return session
