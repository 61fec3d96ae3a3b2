"""Applying checked plans: sessions created or updated and published, people created."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import slugify

from sessions.importer.base import (
    ROLE_COLUMNS,
    ImportRefused,
    ImportReport,
    Problem,
    RowResult,
)
from sessions.models import GuidingQuestion, Person, SessionPage, SessionRole
from sessions.services import clock, person_clashes


def apply(event, plans, lookups, progress):
    report = ImportReport()
    in_file = {plan.page.pk for plan in plans if plan.page}
    report.not_in_file = lookups.session_count - len(in_file)
    slugs = set(event.get_children().values_list("slug", flat=True))
    written = []
    for done, plan in enumerate(plans, start=1):
        notes = list(plan.notes)
        for names in plan.roles.values():
            for name in names:
                if name not in lookups.people:
                    lookups.people[name] = Person.objects.create(name=name)
                    report.people_created.append(name)
                    notes.append(f"person created: {name}")
        try:
            if plan.page is None:
                page, changed = create(event, plan, lookups, slugs), []
                outcome = "created"
            else:
                draft = plan.page.live and plan.page.has_unpublished_changes
                page, changed = plan.page, update(plan, lookups)
                outcome = "updated" if changed else "unchanged"
                if changed and draft:
                    notes.append("its unpublished draft was replaced")
        except ValidationError as error:
            # A page rule the checks above do not know; the transaction rolls back.
            found = error.message_dict if hasattr(error, "error_dict") else {}
            raise ImportRefused(
                [
                    Problem(plan.row, name, message)
                    for name, messages in (found or {"file": error.messages}).items()
                    for message in messages
                ]
            ) from None
        result = RowResult(plan.row, plan.code, plan.title, outcome, changed, notes)
        report.rows.append(result)
        if outcome != "unchanged":
            written.append((result, page))
        if progress:
            progress(done, len(plans))
    # Once every row is in place, so that a session moved later in the file counts.
    for result, page in written:
        # Warned about, not refused, as in the admin: a speaker may look in on two.
        result.notes += [
            f"{person.name} is also in “{other.title}” at {clock(other.start, event)}"
            for person, other in person_clashes(page)
        ]
    return report


def create(event, plan, lookups, slugs):
    allow_unicode = getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True)
    base = (
        slugify(plan.title, allow_unicode=allow_unicode)
        or slugify(plan.code, allow_unicode=allow_unicode)
        or "session"
    )[:240]
    slug, number = plan.slug or base, 1
    if plan.slug and plan.slug in slugs:
        raise ImportRefused(
            [Problem(plan.row, "slug", f"the slug “{plan.slug}” is taken.")]
        )
    while slug in slugs:
        number += 1
        slug = f"{base}-{number}"
    slugs.add(slug)
    page = SessionPage(slug=slug, start=plan.start, end=plan.end, **plan.fields)
    page.languages = plan.languages or []
    page.themes = plan.themes or []
    # sort_order set, so that PostgreSQL reads the rows back in this order (NULLs tie).
    page.roles = [
        SessionRole(person=person, role=role, sort_order=n)
        for n, (role, person) in enumerate(
            (role, lookups.people[name])
            for role, names in sorted(plan.roles.items(), key=role_order)
            for name in names
        )
    ]
    page.guiding_questions = [
        GuidingQuestion(text=q, sort_order=n)
        for n, q in enumerate(plan.questions or [])
    ]
    event.add_child(instance=page)
    page.save_revision().publish()
    return page


def role_order(item):
    return [key for key, _ in SessionRole.Role.choices].index(item[0])


def update(plan, lookups):
    """Sets what differs on the session and publishes it; returns the changed columns
    (none: the session is left alone, without a new revision)."""
    page = plan.page
    changed = []
    wanted = {"code": "", "title": "", "start": plan.start, "end": plan.end}
    wanted.update(plan.fields)
    for name, value in wanted.items():
        if getattr(page, name) != value:
            setattr(page, name, value)
            changed.append(name)
    for name in ("languages", "themes"):
        value = getattr(plan, name)
        if value is not None and {o.pk for o in getattr(page, name).all()} != {
            o.pk for o in value
        }:
            setattr(page, name, value)
            changed.append(name)
    roles = [(role.role, role.person_id) for role in page.roles.all()]
    kept = {
        role: [person for kind, person in roles if kind == role]
        for role, _ in SessionRole.Role.choices
    }
    wanted_roles = dict(kept)
    for role, names in plan.roles.items():
        wanted_roles[role] = [lookups.people[name].pk for name in names]
    if wanted_roles != kept:
        page.roles = [
            SessionRole(person_id=person, role=role, sort_order=n)
            for n, (role, person) in enumerate(
                (role, person)
                for role, _ in SessionRole.Role.choices
                for person in wanted_roles[role]
            )
        ]
        changed += [c for c, r in ROLE_COLUMNS.items() if wanted_roles[r] != kept[r]]
    if plan.questions is not None and plan.questions != [
        q.text for q in page.guiding_questions.all()
    ]:
        page.guiding_questions = [
            GuidingQuestion(text=q, sort_order=n) for n, q in enumerate(plan.questions)
        ]
        changed.append("questions")
    if not page.live:
        changed.append("published")
    if changed:
        page.save_revision().publish()
    return changed
