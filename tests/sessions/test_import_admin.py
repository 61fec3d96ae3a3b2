"""The programme import in the admin: a CSV or Excel file previewed row by row with
every problem, nothing written, then applied as drafts or published, through the
importer the command uses."""

import csv
import html
import re
from datetime import date, datetime, time
from io import BytesIO, StringIO

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook
from wagtail.models import Page, Revision

from events.models import Room
from sessions.importer import import_programme
from sessions.models import Person, SessionPage
from tests.factories import (
    EventPageFactory,
    SessionPageFactory,
    UserFactory,
)
from tests.sessions.import_example import EXAMPLE, example_rows

pytestmark = pytest.mark.django_db

TITLES = [
    "Opening plenary",
    "Open data for local knowledge",
    "Community networks and the last mile",
    "High-level dialogue on digital public goods",
    "Side event: libraries as knowledge hubs",
    "Closing: what we learnt, what we do next",
]


@pytest.fixture
def event(example_rooms):
    return EventPageFactory()  # 12-14 May 2031, Europe/Zurich


def csv_file(rows, name="programme.csv"):
    out = StringIO()
    writer = csv.DictWriter(out, list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode(), content_type="text/csv")


def xlsx_file(rows, name="programme.xlsx"):
    """A workbook as a spreadsheet program saves it: dates and times as such."""
    book = Workbook()
    sheet = book.active
    sheet.append(list(rows[0]))
    for row in rows:
        cells = dict(row)
        cells["date"] = date.fromisoformat(row["date"])
        cells["start"] = time.fromisoformat(row["start"])
        cells["end"] = time.fromisoformat(row["end"])
        sheet.append(list(cells.values()))
    out = BytesIO()
    book.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def url(event):
    return f"/admin/events/{event.pk}/import/"


def upload(client, event, file):
    return client.post(url(event), {"programme": file})


def apply(client, event, preview, *, publish=False):
    token = re.search(r'name="token" value="([0-9a-f]+)"', preview.content.decode())
    data = {"apply": "1", "token": token[1] if token else ""}
    if publish:
        data["publish"] = "on"
    return client.post(url(event), data, follow=True)


def text(fragment):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def previewed(response):
    """[(heading, what it will do, [problems])] of each row of the preview."""
    page = response.content.decode()
    rows = []
    for row in re.findall(
        r'<li class="import-row[^"]*">(.*?)</li>\s*(?=<li class="import-row|</ol>)',
        page,
        re.S,
    ):
        problems = re.search(r'<ul class="import-problems">(.*?)</ul>', row, re.S)
        rows.append(
            (
                text(re.search(r"<h3>(.*?)</h3>", row, re.S)[1]),
                text(re.search(r'<p class="import-outcome">(.*?)</p>', row, re.S)[1]),
                [text(p) for p in re.findall(r"<li>(.*?)</li>", problems[1], re.S)]
                if problems
                else [],
            )
        )
    return rows


def messages_of(response):
    """The success messages shown (not the empty template Wagtail keeps for more)."""
    page = response.content.decode()
    found = re.findall(r'<li class="success[^"]*">(.*?)</li>', page, re.S)
    return [text(message) for message in found if text(message)]


def written():
    return (Page.objects.count(), Revision.objects.count(), Person.objects.count())


def test_the_event_page_in_the_admin_has_a_button_to_the_import(
    client, organiser, event
):
    page = client.get(f"/admin/pages/{event.pk}/").content.decode()

    assert f'href="{url(event)}"' in page
    assert "Import sessions" in page


def test_preview_says_what_each_row_will_do_and_writes_nothing(
    client, organiser, event
):
    with EXAMPLE.open("rb") as example:
        import_programme(event, example, publish=True)
    rows = example_rows()
    rows[1].update(start="14:00", end="15:30")
    rows.append(
        {
            **rows[0],
            "code": "OP-2",
            "title": "Second plenary",
            "date": "2031-05-14",
            "start": "09:00",
            "end": "10:00",
        }
    )
    before = written()

    response = upload(client, event, csv_file(rows))

    assert previewed(response) == [
        ("Row 2: Opening plenary (OP-1)", "Unchanged", []),
        (
            "Row 3: Open data for local knowledge (WS-12)",
            "Update of WS-12: start, end",
            [],
        ),
        ("Row 4: Community networks and the last mile (WS-13)", "Unchanged", []),
        ("Row 5: High-level dialogue on digital public goods (HL-1)", "Unchanged", []),
        ("Row 6: Side event: libraries as knowledge hubs (SE-4)", "Unchanged", []),
        ("Row 7: Closing: what we learnt, what we do next (CL-1)", "Unchanged", []),
        ("Row 8: Second plenary (OP-2)", "New session", []),
    ]
    assert "7 rows: 1 new session, 1 update, 5 unchanged." in text(
        response.content.decode()
    )
    assert written() == before


def test_preview_lists_every_problem_of_every_row(client, organiser, event):
    rows = example_rows()
    rows[0].update(room="Main hall", start="9h00")
    rows[2].update(code="OP-1")
    rows[3].update(room="Room XVII", date="2031-05-12", start="11:30", end="12:00")
    rows[5].update(title="")
    before = written()

    response = upload(client, event, csv_file(rows))

    problems = {heading: found for heading, _, found in previewed(response) if found}
    assert problems == {
        "Row 2: Opening plenary (OP-1)": [
            "Start: “9h00” is not a time like 09:30.",
            "Room: unknown room “Main hall”; the rooms are Assembly Hall, Room XVII, "
            "Room XVIII.",
        ],
        "Row 4: Community networks and the last mile (OP-1)": [
            "Code: OP-1 is already on row 2."
        ],
        "Row 5: High-level dialogue on digital public goods (HL-1)": [
            "Room: Room XVII is also booked on row 3 for “Open data for local "
            "knowledge” from 11:00 to 12:30."
        ],
        "Row 7: (no title) (CL-1)": ["Title: a value is required."],
    }
    page = text(response.content.decode())
    assert "4 rows have problems, listed below: nothing will be imported" in page
    assert 'name="apply"' not in response.content.decode()
    assert written() == before


def test_apply_saves_drafts_by_default(client, organiser, event):
    preview = upload(client, event, csv_file(example_rows()))

    response = apply(client, event, preview)

    sessions = SessionPage.objects.child_of(event).order_by("start")
    assert sorted(s.title for s in sessions) == sorted(TITLES)
    assert [(s.live, s.has_unpublished_changes) for s in sessions] == [
        (False, True)
    ] * 6
    assert messages_of(response) == [
        "6 sessions created and 0 updated, as drafts: they are not on the public "
        "programme until you publish them. See the sessions"
    ]
    assert f'href="/admin/events/{event.pk}/sessions/"' in response.content.decode()
    assert (
        client.get(f"{event.url}programme/").content.decode().count('class="session')
        == 0
    )


def test_apply_publishes_when_the_organiser_ticks_publish(client, organiser, event):
    preview = upload(client, event, csv_file(example_rows()))

    response = apply(client, event, preview, publish=True)

    assert list(SessionPage.objects.filter(live=False)) == []
    assert messages_of(response) == [
        "6 sessions created and 0 updated, and published. See the sessions"
    ]
    programme = client.get(f"{event.url}programme/").content.decode()
    assert [title for title in TITLES if html.escape(title) in programme] == TITLES


def test_publish_is_refused_under_an_event_that_is_not_published(
    client, organiser, event
):
    event.unpublish()
    preview = upload(client, event, csv_file(example_rows()))

    response = apply(client, event, preview, publish=True)

    reason = (
        f"“{event.title}” is not published, so its sessions can only be imported as "
        "drafts: publish the event first, or publish the sessions later."
    )
    assert re.search(
        r'<input type="checkbox" name="publish"[^>]*disabled', preview.content.decode()
    )
    assert reason in html.unescape(preview.content.decode())
    assert reason in html.unescape(response.content.decode())
    assert SessionPage.objects.count() == 0
    drafts = apply(client, event, preview)
    assert messages_of(drafts)[0].startswith(
        "6 sessions created and 0 updated, as drafts"
    )


def test_someone_who_does_not_manage_the_event_gets_404(client, event):
    other = UserFactory()
    other.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(other)

    assert client.get(url(event)).status_code == 404
    assert upload(client, event, csv_file(example_rows())).status_code == 404
    refused = client.post(url(event), {"apply": "1", "token": "x", "publish": "on"})
    assert refused.status_code == 404
    assert SessionPage.objects.count() == 0


def test_an_excel_workbook_is_previewed_and_applied_as_its_csv(
    client, organiser, event
):
    as_csv = previewed(upload(client, event, csv_file(example_rows())))

    preview = upload(client, event, xlsx_file(example_rows()))
    apply(client, event, preview)

    assert previewed(preview) == as_csv
    session = SessionPage.objects.get(code="WS-12")
    assert (session.start, session.room.name, session.live) == (
        datetime(2031, 5, 12, 11, 0, tzinfo=event.tzinfo),
        "Room XVII",
        False,
    )
    assert SessionPage.objects.count() == 6


def test_a_file_with_a_bad_row_is_refused_whole_then_the_fixed_file_applies(
    client, organiser, event
):
    rows = example_rows()
    rows[4].update(room="Room 99")
    bad = upload(client, event, csv_file(rows))

    token = client.session[f"programme-import:{event.pk}"]["token"]
    forced = client.post(url(event), {"apply": "1", "token": token}, follow=True)
    rows[4].update(room="Room XVIII")
    fixed = upload(client, event, csv_file(rows))
    applied = apply(client, event, fixed)

    assert previewed(bad)[4][2] == [
        "Room: unknown room “Room 99”; the rooms are Assembly Hall, Room XVII, "
        "Room XVIII."
    ]
    assert "1 row refused; nothing was imported." in html.unescape(
        forced.content.decode()
    )
    assert previewed(fixed)[4][2] == []
    assert messages_of(applied)[0].startswith("6 sessions created")
    assert SessionPage.objects.count() == 6


def test_apply_checks_the_rows_again(client, organiser, event):
    preview = upload(client, event, csv_file(example_rows()))
    SessionPageFactory(
        event=event,
        title="Digital skills for teachers",
        room=Room.objects.get(name="Room XVII"),
        start=datetime(2031, 5, 12, 12, 0, tzinfo=event.tzinfo),
    )

    response = apply(client, event, preview)

    page = html.unescape(text(response.content.decode()))
    assert (
        "The programme changed since the preview, and the file no longer fits it: "
        "1 row refused; nothing was imported." in page
    )
    assert previewed(response)[1][2] == [
        "Room: Room XVII is already booked for “Digital skills for teachers” from "
        "12:00 to 13:30."
    ]
    assert SessionPage.objects.count() == 1


def test_apply_without_the_preview_kept_asks_for_the_file_again(
    client, organiser, event
):
    upload(client, event, csv_file(example_rows()))

    response = client.post(url(event), {"apply": "1", "token": "0" * 32}, follow=True)

    assert "That preview is no longer kept" in html.unescape(response.content.decode())
    assert SessionPage.objects.count() == 0


@pytest.mark.parametrize(
    ("file", "problem"),
    [
        (
            SimpleUploadedFile("programme.txt", b"code,title\n"),
            "“programme.txt” is neither a .csv nor an .xlsx file",
        ),
        (
            SimpleUploadedFile("programme.xlsx", b"not a workbook"),
            "Row 1, file: this is not an Excel workbook (.xlsx) that can be read",
        ),
        (
            SimpleUploadedFile("programme.csv", b"code,title,date,start\n"),
            "Row 1, header: the required column “end” is missing.",
        ),
        (
            SimpleUploadedFile("programme.csv", b"x" * (2 * 1024 * 1024 + 1)),
            "The file is 2,097,153 bytes; it may be at most 2 MB (2,097,152 bytes).",
        ),
    ],
    ids=["not-a-spreadsheet", "broken-workbook", "missing-column", "too-big"],
)
def test_a_file_that_cannot_be_read_is_refused_with_a_sentence(
    client, organiser, event, file, problem
):
    response = upload(client, event, file)

    assert problem in html.unescape(response.content.decode())
    assert previewed(response) == []


def test_preview_queries_stay_flat(client, organiser, event):
    def rows(size):
        return [
            {
                "code": f"S-{n}",
                "title": f"Session {n}",
                "date": f"2031-05-{12 + n % 3}",
                "start": f"{8 + n % 10:02}:00",
                "end": f"{9 + n % 10:02}:00",
                "room": ["Assembly Hall", "Room XVII"][n // 30],  # no clash
                "speakers": f"Speaker {n}",
                "languages": "en",
            }
            for n in range(size)
        ]

    def count(size):
        event = EventPageFactory()
        # Half the sessions there already as drafts, so that their revisions are read.
        import_programme(event, BytesIO(csv_file(rows(size // 2)).read()))
        with CaptureQueriesContext(connection) as queries:
            response = upload(client, event, csv_file(rows(size)))
        assert len(previewed(response)) == size
        return len(queries)

    assert count(10) == count(60)


def test_applying_the_same_file_again_changes_nothing(client, organiser, event):
    apply(client, event, upload(client, event, csv_file(example_rows())))
    revisions = Revision.objects.count()

    again = upload(client, event, csv_file(example_rows()))
    response = apply(client, event, again)

    assert {outcome for _, outcome, _ in previewed(again)} == {"Unchanged"}
    assert messages_of(response) == [
        "Nothing to change: every session is as the file says. See the sessions"
    ]
    assert Revision.objects.count() == revisions
