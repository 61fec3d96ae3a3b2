"""What an outcome page shows: its frozen figures as table rows with bar lengths, and
links to the event's published session reports."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from convening.outcomes.statistics import (
    PEOPLE_TABLES,
    SMALL_GROUP,
    attendance_rule,
    published,
    rule,
)
from events.queries import public
from events.tree import event_of
from sessions.models import SessionReportPage

TABLES = [
    ("modes", _("Onsite and online")),
    ("groups", _("By stakeholder group")),
    ("regions", _("By region")),
    ("development", _("By development status")),
    ("gender", _("By gender")),
    ("roles", _("Speakers, moderators and rapporteurs")),
    ("floor_groups", _("Who took the floor, by stakeholder group")),
    ("floor_gender", _("Who took the floor, by gender")),
]
# Tables whose labels the code wrote (in English, frozen so): translated when shown.
# The others are groups and regions, named by organisers.
WORDED = {"modes", "development", "gender", "roles", "floor_gender"}


def tables(statistics):
    """[(key, caption, rows)] of published figures; each row gets `percent` of the
    table's largest shown count, the length of its bar."""
    result = []
    for key, caption in TABLES:
        rows = [dict(row) for row in statistics.get(key, [])]
        if key in WORDED:
            for row in rows:
                row["label"] = gettext(row["label"]) if row["label"] else ""
        largest = max((row["count"] or 0 for row in rows), default=0)
        for row in rows:
            row["percent"] = (
                round(100 * (row["count"] or 0) / largest) if largest else 0
            )
        if rows:
            result.append((key, caption, rows))
    return result


def published_reports(event):
    return list(public(SessionReportPage.objects.descendant_of(event)).order_by("path"))


def page_context(outcome):
    event = event_of(outcome)
    statistics = published(outcome.statistics)
    return {
        "event": event,
        "statistics": statistics,
        "statistics_rule": rule(),
        "attendance_rule": attendance_rule(),
        "people_tables": PEOPLE_TABLES,
        "small_group": SMALL_GROUP,
        "tables": tables(statistics),
        # The seats column only where the event set seats aside for some group.
        "seat_targets": any(
            row.get("target") is not None for row in statistics.get("groups", [])
        ),
        "reports": published_reports(event),
        "key_messages": list(outcome.key_messages.all()),
        "recommendations": list(outcome.recommendations.select_related("group")),
        "documents": list(outcome.documents.select_related("document")),
    }
