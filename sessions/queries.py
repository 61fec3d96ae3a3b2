"""Read queries shared by the programme, the admin listing and the exporters."""

from django.utils.translation import gettext as _

from events.models import Gender, Language, Theme
from events.queries import public
from events.regions import country_regions, region_of
from sessions.models import Person, SessionPage, SessionRole
from toolkit.page_languages import in_reading_language

# What a listing shows of each related row; any other field is loaded on first use.
THEME_FIELDS = ["id", "kind", "code", "name", "slug", "sort_order"]
LANGUAGE_FIELDS = ["id", "code", "name"]
PERSON_FIELDS = ["id", "name", "organisation", "bio", "user_id"]


def event_sessions(event, *, everything=False):
    """The live sessions of `event` that carry no view restriction of their own (the
    event's own is Wagtail's to check when it serves the event's programme or files);
    all of them, drafts and private ones too, for the admin with everything=True. In
    programme order, each carrying `listed_themes`, `listed_languages` and
    `listed_people` (in role order) as plain lists: four queries whatever the number
    of sessions."""
    sessions = SessionPage.objects.child_of(event)
    if not everything:
        sessions = public(sessions, inside=event)
    sessions = list(
        sessions.select_related("room", "schedule_record").order_by(
            "start", "room__name", "title"
        )
    )
    attach_listing(sessions)
    if not everything:  # organisers edit the English
        in_reading_language(sessions)
    return sessions


def attach_listing(sessions):
    """One query per relation, each related row built once however many sessions share
    it. Not prefetch_related: Django builds a queryset per session and relation for
    that, a third of an export's time at 1,000 sessions."""
    by_pk = {session.pk: session for session in sessions}
    for session in sessions:
        session.listed_themes, session.listed_languages = [], []
        session.listed_people = []
    if not by_pk:
        return
    relations = [
        (
            SessionPage.themes.through.objects.order_by(
                "theme__kind", "theme__sort_order", "theme__name"
            ),
            "sessionpage_id",
            "theme",
            Theme,
            THEME_FIELDS,
            "listed_themes",
        ),
        (
            SessionPage.languages.through.objects.order_by("language__name"),
            "sessionpage_id",
            "language",
            Language,
            LANGUAGE_FIELDS,
            "listed_languages",
        ),
        (
            SessionRole.objects.order_by("sort_order", "pk"),
            "session_id",
            "person",
            Person,
            PERSON_FIELDS,
            "listed_people",
        ),
    ]
    for rows, owner, related, model, fields, attribute in relations:
        columns = [f"{related}__{name}" for name in fields]
        built = {}
        for owner_pk, *values in rows.filter(**{f"{owner}__in": by_pk}).values_list(
            owner, *columns
        ):
            item = built.get(values[0])
            if item is None:
                item = built[values[0]] = model.from_db(rows.db, fields, values)
            getattr(by_pk[owner_pk], attribute).append(item)


def panel_balance(event):
    """Each session's speakers by group, region and gender, with a warning for a
    panel of two or more that has only one of any of them."""
    regions = country_regions()
    roles = (
        SessionRole.objects.filter(
            session__in=SessionPage.objects.child_of(event),
            role=SessionRole.Role.SPEAKER,
        )
        .select_related(
            "session", "person__stakeholder_group", "person__region_override"
        )
        .order_by("session__start", "session__pk", "sort_order")
    )
    panels = {}
    for role in roles:
        person = role.person
        panel = panels.setdefault(
            role.session.pk, {"session": role.session, "people": []}
        )
        panel["people"].append(
            {
                "name": person.name,
                "group": person.stakeholder_group,
                "region": region_of(
                    person.country, override=person.region_override, regions=regions
                ),
                "gender": person.get_gender_display()
                if person.gender != Gender.UNDISCLOSED
                else "",
            }
        )
    warnings = {
        "group": _("Only one group"),
        "region": _("Only one region"),
        "gender": _("Only one gender"),
    }
    for panel in panels.values():
        people = panel["people"]
        panel["warnings"] = [
            warning
            for what, warning in warnings.items()
            if len(people) > 1
            and all(p[what] for p in people)
            and len({p[what] for p in people}) == 1
        ]
    return list(panels.values())
