"""Applying checked plans: sessions created or updated, as drafts or published, and
people created."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _

from sessions.importer.base import (
    ImportRefused,
    ImportReport,
    Problem,
    RowResult,
)
from sessions.importer.comparing import (
    changes,
    floor_of,
    states,
    wanted_fields,
    wanted_roles,
)
from sessions.models import GuidingQuestion, Person, SessionPage, SessionRole
from sessions.services import clock, person_clashes


def apply(event, plans, lookups, progress, *, publish):
    report = ImportReport(published=publish)
    in_file = {plan.page.pk for plan in plans if plan.page}
    report.not_in_file = lookups.session_count - len(in_file)
    found = states([plan.page for plan in plans if plan.page], publish=publish)
    slugs = set(event.get_children().values_list("slug", flat=True))
    written = []
    for done, plan in enumerate(plans, start=1):
        notes = list(plan.notes)
        for names in plan.roles.values():
            for name in names:
                if name not in lookups.people:
                    lookups.people[name] = Person.objects.create(name=name)
                    report.people_created.append(name)
                    notes.append(_("person created: %(name)s") % {"name": name})
        try:
            if plan.page is None:
                page, changed = create(event, plan, lookups, slugs, publish), []
                outcome = "created"
            else:
                state = found[plan.page.pk]
                pending = plan.page.live and plan.page.has_unpublished_changes
                page, changed = update(plan, state, lookups, publish)
                outcome = "updated" if changed else "unchanged"
                if changed and pending and publish:
                    notes.append(_("its unpublished draft was replaced"))
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
            _("%(person)s is also in “%(title)s” at %(time)s")
            % {
                "person": person.name,
                "title": other.title,
                "time": clock(other.start, event),
            }
            for person, other in person_clashes(page)
        ]
    return report


def create(event, plan, lookups, slugs, publish):
    allow_unicode = getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True)
    base = (
        slugify(plan.title, allow_unicode=allow_unicode)
        or slugify(plan.code, allow_unicode=allow_unicode)
        or "session"
    )[:240]
    slug, number = plan.slug or base, 1
    if plan.slug and plan.slug in slugs:
        raise ImportRefused(
            [
                Problem(
                    plan.row,
                    "slug",
                    _("the slug “%(slug)s” is taken.") % {"slug": plan.slug},
                )
            ]
        )
    while slug in slugs:
        number += 1
        slug = f"{base}-{number}"
    slugs.add(slug)
    page = SessionPage(slug=slug, start=plan.start, end=plan.end, **plan.fields)
    if not publish:
        page.live, page.has_unpublished_changes = False, True
    page.languages = plan.languages or []
    page.floor_language_id = floor_of(plan)
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
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


def role_order(item):
    return [key for key, _label in SessionRole.Role.choices].index(item[0])


def update(plan, state, lookups, publish):
    """The session and the columns that differ; none: the session is left alone,
    without a new revision. Else a new revision of what the import built on (the
    latest draft, or what is live when publishing), published when asked."""
    changed = changes(plan, state, lookups, publish=publish)
    if not changed:
        return plan.page, []
    page = plan.page.get_latest_revision_as_object() if state.from_draft else plan.page
    for name, value in wanted_fields(plan).items():
        setattr(page, name, value)
    for name in ("languages", "themes"):
        if getattr(plan, name) is not None:
            setattr(page, name, getattr(plan, name))
    if plan.languages is not None:
        page.floor_language_id = floor_of(plan)
    roles = wanted_roles(plan, state, lookups)
    if roles != state.roles:
        page.roles = [
            SessionRole(person_id=person, role=role, sort_order=n)
            for n, (role, person) in enumerate(
                (role, person)
                for role, _label in SessionRole.Role.choices
                for person in roles.get(role, [])
            )
        ]
    if "questions" in changed:  # Q&A questions point at the guiding ones: kept if same
        page.guiding_questions = [
            GuidingQuestion(text=q, sort_order=n) for n, q in enumerate(plan.questions)
        ]
    if not page.live:
        # As Wagtail's editor and the grid do: a page never published keeps its draft
        # in its row, where the other sessions' room checks see it.
        page.save()
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page, changed
