"""Factories without surprises: every page is published under
the site's real tree (home -> events index -> event -> session)."""

import json
from datetime import date, datetime, timedelta

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Page

from convening.outcomes.models import OutcomePage
from events.models import (
    EventIndexPage,
    EventPage,
    Language,
    Quota,
    Room,
    StakeholderGroup,
    Theme,
)
from participants.models import Profile
from sessions.models import (
    CallPage,
    GuidingQuestion,
    Person,
    Proposal,
    ProposalPerson,
    ReportTakeaway,
    SessionPage,
    SessionReportPage,
    SessionRole,
)
from toolkit.page_languages import sources


def events_index():
    return sources(EventIndexPage.objects.all()).get()


def add_page(parent, page, *, revision=True):
    """Adds `page` under `parent` and publishes it as the admin does (with a revision,
    so the search index sees its inline rows). revision=False only makes it live:
    quicker, for tests that build hundreds of sessions."""
    parent.add_child(instance=page)  # live by default
    if revision:
        page.save_revision().publish()
    return page


def republish(page, **fields):
    """Changes `fields` of a live page and publishes it again, as an editor does."""
    page = page.specific_class.objects.get(pk=page.pk)
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.Sequence(lambda n: f"user{n}@example.org")
    password = factory.django.Password("a long enough passphrase")


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    name = factory.Sequence(lambda n: f"Room {n}")
    venue = "Palais des Nations"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Speaker {n}")
    organisation = "Knowledge Partnership"
    stakeholder_group = factory.LazyFunction(lambda: StakeholderGroup.objects.first())
    country = "KE"


def theme(slug="sdg-4"):
    return Theme.objects.get(slug=slug)


def language(code="en"):
    return Language.objects.get(code=code)


class EventPageFactory(factory.Factory):
    """EventPageFactory(sessions=10) also publishes ten sessions over its days;
    quotas={"government": 5, None: 2} adds seat quotas (None: the open pool)."""

    class Meta:
        model = EventPage

    title = factory.Sequence(lambda n: f"Forum on knowledge sharing {n}")
    slug = factory.Sequence(lambda n: f"forum-{n}")
    kind = EventPage.Kind.FORUM
    start_date = date(2031, 5, 12)
    end_date = date(2031, 5, 14)
    time_zone = "Europe/Zurich"
    venue = "Geneva"
    summary = "Three days on knowledge sharing for sustainable development."

    @classmethod
    def _create(cls, model_class, *args, sessions=0, quotas=None, **kwargs):
        event = model_class(**kwargs)
        event.quotas = [
            Quota(group=slug and StakeholderGroup.objects.get(slug=slug), seats=seats)
            for slug, seats in (quotas or {}).items()
        ]
        event = add_page(events_index(), event)
        if sessions:
            rooms = [RoomFactory() for _ in range(4)]
            days = (event.end_date - event.start_date).days + 1
            for n in range(sessions):
                day = event.start_date + timedelta(days=n % days)
                hour = 8 + (n // (days * len(rooms))) % 12
                SessionPageFactory(
                    event=event,
                    room=rooms[(n // days) % len(rooms)],
                    start=datetime(
                        day.year, day.month, day.day, hour, tzinfo=event.tzinfo
                    ),
                    people=2,
                    revision=False,
                )
        return event


class ProfileFactory(factory.django.DjangoModelFactory):
    """A participant with a complete profile: ProfileFactory(group_slug="academia")."""

    class Meta:
        model = Profile

    class Params:
        group_slug = "government"

    user = factory.SubFactory(UserFactory)
    full_name = factory.Sequence(lambda n: f"Participant {n}")
    organisation = "Ministry of Knowledge"
    group = factory.LazyAttribute(
        lambda o: StakeholderGroup.objects.get(slug=o.group_slug)
    )
    country = "KE"


class SessionPageFactory(factory.Factory):
    """SessionPageFactory(event=e, people=2, questions=[...], themes=[...])."""

    class Meta:
        model = SessionPage

    title = factory.Sequence(lambda n: f"Session {n}")
    slug = factory.Sequence(lambda n: f"session-{n}")
    start = factory.LazyAttribute(
        lambda o: datetime(2031, 5, 12, 10, 0, tzinfo=o.event.tzinfo)
    )
    end = factory.LazyAttribute(lambda o: o.start + timedelta(minutes=90))
    format = SessionPage.Format.PANEL
    summary = "A conversation between stakeholder groups."
    event = None  # required: the parent EventPage

    @classmethod
    def _create(
        cls,
        model_class,
        *args,
        event,
        people=0,
        questions=(),
        themes=(),
        languages=(),
        revision=True,
        **kwargs,
    ):
        session = model_class(**kwargs)
        session.themes = list(themes)
        session.languages = list(languages)
        session.guiding_questions = [GuidingQuestion(text=q) for q in questions]
        session.roles = [
            SessionRole(person=PersonFactory(), role=SessionRole.Role.SPEAKER)
            for _ in range(people)
        ]
        return add_page(event, session, revision=revision)


def rapporteur(session, user=None):
    """Adds a rapporteur linked to `user` (a new account by default) to a live session
    and publishes it; returns the user."""
    user = user or UserFactory()
    session = SessionPage.objects.get(pk=session.pk)
    session.roles.add(
        SessionRole(person=PersonFactory(user=user), role=SessionRole.Role.RAPPORTEUR)
    )
    session.save_revision().publish()
    return user


def report_page(session, *, takeaways=("Share what works.",), live=True, **fields):
    """The session's report, published (live=True) or saved as a draft."""
    report = SessionReportPage(
        title=f"Report: {session.title}", slug="report", live=live, **fields
    )
    report.takeaways = [ReportTakeaway(text=text) for text in takeaways]
    session.add_child(instance=report)
    revision = report.save_revision()
    if live:
        revision.publish()
    return report


def report_form(title, *, takeaways=(), highlights=(), polls=(), **fields):
    """A session report's admin edit form as posted: takeaways, Q&A highlights
    (question ids) and quoted polls (poll ids) as inline rows, no calls to action,
    `fields` over the defaults."""
    rows = {"takeaways": [{"text": text} for text in takeaways], "calls_to_action": []}
    rows["qa_highlights"] = [{"question": str(pk)} for pk in highlights]
    rows["poll_highlights"] = [{"poll": str(pk)} for pk in polls]
    data = {
        "title": title,
        "slug": "report",
        "discussion": json.dumps({"blocks": [], "entityMap": {}}),  # empty rich text
        "convergence": "",
        "divergence": "",
    }
    for name, forms in rows.items():
        data |= {
            f"{name}-TOTAL_FORMS": str(len(forms)),
            f"{name}-INITIAL_FORMS": "0",
            f"{name}-MIN_NUM_FORMS": "0",
            f"{name}-MAX_NUM_FORMS": "1000",
        }
        for n, form in enumerate(forms):
            data |= {f"{name}-{n}-{key}": value for key, value in form.items()}
            data[f"{name}-{n}-ORDER"] = str(n + 1)
    return data | fields


def outcome_page(event, **fields):
    """The event's outcome summary, published (its figures freeze then)."""
    fields.setdefault("executive_summary", "<p>We agreed on a few things.</p>")
    outcome = add_page(
        event, OutcomePage(title="Outcome summary", slug="outcomes", **fields)
    )
    return OutcomePage.objects.get(pk=outcome.pk)


__all__ = [
    "Page",
    "UserFactory",
    "RoomFactory",
    "PersonFactory",
    "ProfileFactory",
    "EventPageFactory",
    "SessionPageFactory",
    "theme",
    "language",
    "events_index",
    "add_page",
    "republish",
    "rapporteur",
    "report_page",
    "outcome_page",
]


def call_page(event, *, opens=None, closes=None, **fields):
    """An event's call for proposals, open now unless `opens`/`closes` say otherwise,
    with every screening rule on (their defaults)."""
    now = timezone.now()
    call = CallPage(
        title="Call for session proposals",
        slug="call",
        intro="<p>Propose a workshop.</p>",
        opens_at=opens or now - timedelta(days=1),
        closes_at=closes or now + timedelta(days=30),
        formats=["workshop", "panel"],
        **fields,
    )
    return add_page(event, call)


def proposal(call, proposer, *, people=(), status="submitted", **fields):
    """A proposal with `people`: (role, name, fields) triples."""
    fields.setdefault("title", "A workshop")
    made = Proposal.objects.create(
        call=call, proposer=proposer, status=status, **fields
    )
    for role, name, extra in people:
        ProposalPerson.objects.create(proposal=made, role=role, name=name, **extra)
    return made
