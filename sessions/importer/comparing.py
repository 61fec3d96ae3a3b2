"""What a row would change of its session. The import builds on the session as the
editor shows it, its latest revision, or, when it publishes a live session, on what
is live (a pending draft is then replaced, as a publish from the editor would). Both
are read for all sessions at once, so that a preview of 500 rows costs what one of 10
does."""

from dataclasses import dataclass

from django.utils.dateparse import parse_datetime
from wagtail.models import Revision

from sessions.importer.base import ROLE_COLUMNS
from sessions.models import SessionRole

SCALARS = [
    "code",
    "title",
    "start",
    "end",
    "room",
    "track",
    "format",
    "status",
    "summary",
    "interpretation",
    "interpretation_online",
    "captions",
    "sign_language",
    "background",
    "participation",
]


@dataclass
class State:
    """A session's content as comparable values: the room by pk, people by pk."""

    fields: dict
    languages: set
    floor_language: int | None  # the first language of the import's column
    themes: set
    roles: dict  # role -> [person pk], every role
    questions: list
    live: bool
    from_draft: bool  # read from the latest revision, not from the page's row


def builds_on_draft(page, publish):
    if publish and page.live:
        return False
    return bool(page.has_unpublished_changes and page.latest_revision_id)


def states(pages, *, publish):
    """{pk: State} of `pages`, read with their relations prefetched (Lookups), and
    their drafts' revisions in one query."""
    drafts = [
        page.latest_revision_id for page in pages if builds_on_draft(page, publish)
    ]
    contents = (
        dict(Revision.objects.filter(pk__in=drafts).values_list("pk", "content"))
        if drafts
        else {}
    )
    return {
        page.pk: (
            from_content(page, contents[page.latest_revision_id])
            if builds_on_draft(page, publish) and page.latest_revision_id in contents
            else from_page(page)
        )
        for page in pages
    }


def grouped(pairs):
    roles = {role: [] for role, _ in SessionRole.Role.choices}
    for role, person in pairs:
        roles.setdefault(role, []).append(person)
    return roles


def from_page(page):
    return State(
        fields={
            name: getattr(page, "room_id" if name == "room" else name)
            for name in SCALARS
        },
        languages={language.pk for language in page.languages.all()},
        floor_language=page.floor_language_id,
        themes={theme.pk for theme in page.themes.all()},
        roles=grouped((role.role, role.person_id) for role in page.roles.all()),
        questions=[question.text for question in page.guiding_questions.all()],
        live=page.live,
        from_draft=False,
    )


def in_order(items):
    return sorted(
        items,
        key=lambda item: (item.get("sort_order") is None, item.get("sort_order") or 0),
    )


def from_content(page, content):
    """The State of a revision's JSON, read as it is: building the page from it
    (Revision.as_object) would query each of its relations."""
    fields = {}
    for name in SCALARS:
        value = content.get(name)
        if name in ("start", "end") and value:
            value = parse_datetime(value)
        fields[name] = value
    return State(
        fields=fields,
        languages=set(content.get("languages") or []),
        floor_language=content.get("floor_language"),
        themes=set(content.get("themes") or []),
        roles=grouped(
            (role["role"], role["person"])
            for role in in_order(content.get("roles") or [])
        ),
        questions=[q["text"] for q in in_order(content.get("guiding_questions") or [])],
        live=page.live,
        from_draft=True,
    )


def wanted_fields(plan):
    wanted = {"code": "", "title": "", "start": plan.start, "end": plan.end}
    wanted.update(plan.fields)
    return wanted


def floor_of(plan):
    """The floor language's pk: the first of the row's languages, the others being
    interpreted."""
    return plan.languages[0].pk if plan.languages else None


def wanted_roles(plan, state, lookups):
    """role -> [person pk] after the import; a person not created yet by name."""
    roles = {role: list(people) for role, people in state.roles.items()}
    for role, names in plan.roles.items():
        roles[role] = [
            lookups.people[name].pk if name in lookups.people else name
            for name in names
        ]
    return roles


def changes(plan, state, lookups, *, publish):
    """The columns of `plan` that differ from `state` (none: the session is left
    alone), and "published" when publishing a session that is not live."""
    changed = []
    for name, value in wanted_fields(plan).items():
        if name == "room":
            value = value.pk if value else None
        if state.fields.get(name) != value:
            changed.append(name)
    for name in ("languages", "themes"):
        value = getattr(plan, name)
        if value is not None and getattr(state, name) != {item.pk for item in value}:
            changed.append(name)
    if (
        plan.languages is not None
        and "languages" not in changed
        and state.floor_language != floor_of(plan)
    ):
        changed.append("languages")
    roles = wanted_roles(plan, state, lookups)
    changed += [
        column
        for column, role in ROLE_COLUMNS.items()
        if roles.get(role, []) != state.roles.get(role, [])
    ]
    if plan.questions is not None and plan.questions != state.questions:
        changed.append("questions")
    if publish and not state.live:
        changed.append("published")
    return changed
