"""An outcome's open data, as JSON and as a long-format CSV: in English, whatever the
language of the page it is linked from, as the figures are frozen."""

import csv
import io
import json

from django.conf import settings
from django.http import HttpResponse
from django.utils import translation

from convening.outcomes.display import TABLES, published_reports
from convening.outcomes.statistics import ATTENDANCE_RULE, HIDDEN, RULE, published
from events.tree import event_of
from sessions.models import Poll, PollHighlight, SessionPage
from sessions.polls.record import quoted
from toolkit.addresses import page_address
from toolkit.spreadsheets import spreadsheet_safe


def open_data(outcome):
    event = event_of(outcome)
    return {
        "title": outcome.title,
        "url": page_address(outcome),
        "event": {
            "title": event.title,
            "url": page_address(event),
            "start_date": event.start_date.isoformat(),
            "end_date": event.end_date.isoformat(),
            "venue": event.venue,
            "time_zone": event.time_zone,
        },
        "licence": outcome.licence,
        "licence_url": outcome.licence_url,
        "key_messages": [m.text for m in outcome.key_messages.all()],
        "recommendations": [
            {
                "text": r.text,
                "addressee": r.addressee,
                "stakeholder_group": r.group_name,
                "deadline": r.deadline.isoformat() if r.deadline else None,
            }
            for r in outcome.recommendations.select_related("group")
        ],
        "statistics": published(outcome.statistics),
        "statistics_rule": RULE,
        "attendance_rule": ATTENDANCE_RULE,
        "polls": quoted_polls(event),
    }


def quoted_polls(event):
    """The polls quoted in the event's published session reports, as the reports quote
    them (sessions.polls.record: small counts not shown)."""
    reports = published_reports(event)
    highlights = (
        PollHighlight.objects.filter(
            report__in=reports, poll__status=Poll.Status.CLOSED
        )
        .select_related("poll", "report")
        .order_by("report__path", "sort_order")
    )
    # Each report's session, its parent, read in one query.
    parents = {report.pk: report.path[: -report.steplen] for report in reports}
    by_path = SessionPage.objects.filter(path__in=parents.values()).in_bulk(
        field_name="path"
    )
    return [
        {
            "session": by_path[parents[h.report_id]].title,
            "session_url": page_address(by_path[parents[h.report_id]]),
            **quoted(h.poll),
        }
        for h in highlights
    ]


def json_response(outcome):
    body = json.dumps(open_data(outcome), indent=2, ensure_ascii=False)
    return HttpResponse(body, content_type="application/json; charset=utf-8")


def csv_rows(data):
    """Long format, one fact a row: section, label, value, detail."""
    yield ["section", "label", "value", "detail"]
    event = data["event"]
    yield ["event", event["title"], event["url"], event["venue"]]
    yield ["event", "dates", event["start_date"], event["end_date"]]
    yield ["licence", data["licence"], data["licence_url"], ""]
    for text in data["key_messages"]:
        yield ["key message", text, "", ""]
    for r in data["recommendations"]:
        detail = "; ".join(
            part
            for part in [r["addressee"], r["stakeholder_group"], r["deadline"] or ""]
            if part
        )
        yield ["recommendation", r["text"], "", detail]
    stats = data["statistics"]
    if stats:
        yield ["statistics", "rule", data["statistics_rule"], ""]
    by_attendance = stats.get("basis") == "attendance"
    if by_attendance:
        yield ["statistics", "basis", "attendance", data["attendance_rule"]]
    for key in ("attended", "countries", "confirmed", "registered_countries"):
        if key in stats:
            yield ["statistics", key, _shown(stats[key]), ""]
    for key, caption in TABLES:
        with translation.override(settings.LANGUAGE_CODE):
            caption = str(caption)
        for row in stats.get(key, []):
            # With attendance, the value is who attended; registrations beside it.
            beside = (
                f"registered: {_shown(row['registered'])}"
                if "registered" in row
                else ""
            )
            yield ["statistics: " + caption, row["label"], _shown(row["count"]), beside]
    for poll in data["polls"]:
        yield ["poll", poll["question"], _shown(poll["answers"]), poll["session"]]
        for line in poll["lines"]:
            yield [
                "poll: " + poll["question"],
                line["label"],
                _shown(line["count"]),
                "",
            ]


def _shown(count):
    return HIDDEN if count is None else count


def csv_response(outcome):
    buffer = io.StringIO()
    buffer.write("\ufeff")  # the BOM tells spreadsheet programs it is UTF-8
    writer = csv.writer(buffer)
    for row in csv_rows(open_data(outcome)):
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="outcomes.csv"'
    return response
