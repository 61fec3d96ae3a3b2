import csv
import html
import re
from datetime import UTC, date, datetime
from io import BytesIO, StringIO

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision

from events.models import Room
from sessions.importer import ImportRefused, import_programme
from sessions.models import Person, SessionPage, SessionRole
from tests.factories import (
    EventPageFactory,
    PersonFactory,
    RoomFactory,
    SessionPageFactory,
)
from tests.sessions.import_example import EXAMPLE, example_rows

pytestmark = pytest.mark.django_db

SESSION = re.compile(
    r'<li class="session[^"]*">\s*<h4><a href="[^"]*">(?P<title>[^<]*)</a>'
    r'.*?<p class="meta">(?P<meta>[^<]*)</p>',
    re.S,
)
EXAMPLE_PROGRAMME = [
    ("Opening plenary", "09:00–10:30", "Assembly Hall"),
    ("Open data for local knowledge", "11:00–12:30", "Room XVII"),
    ("Community networks and the last mile", "11:00–12:30", "Room XVIII"),
    ("High-level dialogue on digital public goods", "09:30–11:00", "Assembly Hall"),
    ("Side event: libraries as knowledge hubs", "13:15–14:00", "Room XVIII"),
    ("Closing: what we learnt, what we do next", "16:00–17:00", "Assembly Hall"),
]


@pytest.fixture
def event(example_rooms):
    return EventPageFactory()  # 12-14 May 2031, Europe/Zurich


def write_csv(path, rows):
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


DRAFTS = " The sessions created or updated are drafts, not yet on the public programme."


def run(event, path, *options):
    out, err = StringIO(), StringIO()
    call_command(
        "import_programme", event.slug, str(path), *options, stdout=out, stderr=err
    )
    return out.getvalue().splitlines(), err.getvalue().splitlines()


def run_refused(event, path, *options):
    err = StringIO()
    with pytest.raises(CommandError) as refusal:
        call_command(
            "import_programme",
            event.slug,
            str(path),
            *options,
            stdout=StringIO(),
            stderr=err,
        )
    return str(refusal.value), err.getvalue().splitlines()


def draft(code):
    """The session as the organiser sees it in the editor: its latest revision."""
    return SessionPage.objects.get(code=code).get_latest_revision_as_object()


def programme(client, event):
    """[(title, times, room)] as the event's programme page shows them."""
    page = client.get(f"{event.url}programme/").content.decode()
    return [
        (html.unescape(m["title"]), *html.unescape(m["meta"]).split(" · ")[:2])
        for m in SESSION.finditer(page)
    ]


def test_import_with_publish_creates_sessions_shown_on_the_programme(client, event):
    out, err = run(event, EXAMPLE, "--publish")

    assert programme(client, event) == EXAMPLE_PROGRAMME
    assert out[0] == (
        "row 2, OP-1: created “Opening plenary”; person created: Amina Diallo; "
        "person created: Jonas Meier; person created: Li Wei; "
        "person created: Sofia Ramírez"
    )
    assert out[-1] == "6 created, 0 updated, 0 unchanged; 9 people created."
    assert err == []


def test_import_saves_drafts_kept_off_the_programme_by_default(client, event):
    out, err = run(event, EXAMPLE)

    sessions = SessionPage.objects.child_of(event).order_by("pk")
    assert programme(client, event) == []
    assert [(s.live, s.has_unpublished_changes) for s in sessions] == [
        (False, True)
    ] * 6
    assert [s.revisions.count() for s in sessions] == [1] * 6
    assert client.get(f"{event.url}{sessions[0].slug}/").status_code == 404
    assert out[-1] == "6 created, 0 updated, 0 unchanged; 9 people created." + DRAFTS
    assert err == []


def test_import_with_publish_publishes_drafts_it_made_before(client, event):
    run(event, EXAMPLE)

    out, _ = run(event, EXAMPLE, "--publish")

    assert programme(client, event) == EXAMPLE_PROGRAMME
    assert out[0] == "row 2, OP-1: updated “Opening plenary” (published)"
    assert out[-1] == "0 created, 6 updated, 0 unchanged; 0 people created."


def test_import_refuses_to_publish_under_an_event_that_is_not_published(event):
    event.unpublish()

    message, err = run_refused(event, EXAMPLE, "--publish")

    assert message == (
        f"“{event.title}” is not published, so its sessions can only be imported as "
        "drafts: publish the event first, or publish the sessions later."
    )
    assert (err, SessionPage.objects.count()) == ([], 0)


def test_import_saves_drafts_under_an_event_that_is_not_published(event):
    event.unpublish()

    out, _ = run(event, EXAMPLE)

    assert out[-1] == "6 created, 0 updated, 0 unchanged; 9 people created." + DRAFTS
    assert not SessionPage.objects.filter(live=True).exists()


def test_import_stores_times_people_themes_and_questions(event):
    run(event, EXAMPLE)

    session = SessionPage.objects.get(code="WS-12")
    assert (session.start, session.end) == (
        datetime(2031, 5, 12, 9, 0, tzinfo=UTC),  # 11:00 in Geneva, summer time
        datetime(2031, 5, 12, 10, 30, tzinfo=UTC),
    )
    assert [(r.role, r.person.name) for r in session.roles.all()] == [
        (SessionRole.Role.MODERATOR, "Li Wei"),
        (SessionRole.Role.ONLINE_MODERATOR, "Kofi Mensah"),
        (SessionRole.Role.SPEAKER, "Ana Costa"),
        (SessionRole.Role.SPEAKER, "Ravi Patel"),
        (SessionRole.Role.RAPPORTEUR, "Kofi Mensah"),
    ]
    assert (session.format, session.track) == (
        SessionPage.Format.WORKSHOP,
        "Open knowledge",
    )
    assert sorted(session.language_codes) == ["en", "es"]
    assert sorted(t.slug for t in session.themes.all()) == ["sdg-4", "wsis-c3"]
    assert [q.text for q in session.guiding_questions.all()] == [
        "What data do communities need?",
        "Who keeps it up to date once the project ends?",
    ]
    assert SessionPage.objects.get(code="SE-4").status == SessionPage.Status.CANCELLED
    assert (session.live, session.get_parent().pk) == (False, event.pk)


def test_import_of_the_same_file_again_changes_nothing(event):
    run(event, EXAMPLE)
    pages, revisions = Page.objects.count(), Revision.objects.count()
    people = Person.objects.count()

    out, _ = run(event, EXAMPLE)

    assert (Page.objects.count(), Revision.objects.count(), Person.objects.count()) == (
        pages,
        revisions,
        people,
    )
    assert [line.split(": ", 1)[1].split(" “")[0] for line in out[:-1]] == [
        "unchanged"
    ] * 6
    assert out[-1] == "0 created, 0 updated, 6 unchanged; 0 people created."


def test_import_of_a_changed_row_updates_only_that_session(client, event, tmp_path):
    run(event, EXAMPLE, "--publish")
    rows = example_rows()
    rows[1].update(start="14:00", end="15:30")
    revisions = Revision.objects.count()
    others = {
        s.code: s.latest_revision_id for s in SessionPage.objects.exclude(code="WS-12")
    }

    out, _ = run(event, write_csv(tmp_path / "moved.csv", rows), "--publish")

    assert (
        out[1] == "row 3, WS-12: updated “Open data for local knowledge” (start, end)"
    )
    assert out[-1] == "0 created, 1 updated, 5 unchanged; 0 people created."
    assert Revision.objects.count() == revisions + 1
    assert {
        s.code: s.latest_revision_id for s in SessionPage.objects.exclude(code="WS-12")
    } == others
    assert ("Open data for local knowledge", "14:00–15:30", "Room XVII") in programme(
        client, event
    )


def test_import_leaves_missing_columns_alone_and_clears_empty_cells(event, tmp_path):
    room = RoomFactory(name="Room XX")
    SessionPageFactory(event=event, code="WS-1", title="Old", room=room, people=2)
    speakers = list(SessionPage.objects.get(code="WS-1").people)
    base = {"code": "WS-1", "title": "New", "date": "2031-05-12"}
    times = {"start": "10:00", "end": "11:30"}

    run(event, write_csv(tmp_path / "a.csv", [{**base, **times}]))
    kept = draft("WS-1")
    kept = (kept.title, kept.room, kept.people)
    run(event, write_csv(tmp_path / "b.csv", [{**base, **times, "speakers": ""}]))
    cleared = draft("WS-1")

    assert kept == ("New", room, speakers)
    assert (cleared.title, cleared.room, cleared.people) == ("New", room, [])
    assert SessionPage.objects.get(code="WS-1").title == "Old"  # live until published


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"title": ""}, "row 3, title: a value is required."),
        (
            {"date": "12/05/2031"},
            "row 3, date: “12/05/2031” is not a date like 2031-05-12.",
        ),
        ({"start": "11h00"}, "row 3, start: “11h00” is not a time like 09:30."),
        ({"end": "25:00"}, "row 3, end: “25:00” is not a time like 09:30."),
        (
            {"start": "12:30", "end": "11:00"},
            "row 3, end: The session must end after it starts.",
        ),
        (
            {"date": "2031-05-15"},
            "row 3, date: The session must take place during the event",
        ),
        (
            {"room": "Room 99"},
            "row 3, room: unknown room “Room 99”; the rooms are Assembly Hall, "
            "Room XVII, Room XVIII.",
        ),
        ({"format": "keynote"}, "row 3, format: unknown format “keynote”; one of"),
        ({"status": "postponed"}, "row 3, status: unknown status “postponed”"),
        ({"languages": "en;Klingon"}, "row 3, languages: unknown language “Klingon”"),
        ({"themes": "SDG 4;SDG 18"}, "row 3, themes: unknown theme “SDG 18”"),
        ({"code": "OP-1"}, "row 3, code: OP-1 is already on row 2."),
    ],
    ids=[
        "missing-title",
        "bad-date",
        "bad-start",
        "bad-end",
        "end-before-start",
        "after-the-event",
        "unknown-room",
        "unknown-format",
        "unknown-status",
        "unknown-language",
        "unknown-theme",
        "duplicate-code",
    ],
)
def test_import_refuses_a_bad_row_and_imports_nothing(event, tmp_path, change, problem):
    rows = example_rows()
    rows[1].update(change)

    message, err = run_refused(event, write_csv(tmp_path / "bad.csv", rows))

    assert message == "1 row refused; nothing was imported."
    assert len(err) == 1 and err[0].startswith(problem), err
    assert (SessionPage.objects.count(), Person.objects.count()) == (0, 0)


def test_import_lists_every_problem_row_by_row(event, tmp_path):
    rows = example_rows()
    rows[0].update(date="2031-05-11", room="Main hall")
    rows[2].update(speakers="")  # fine
    rows[3].update(start="9.30")
    rows[4].update(code="")
    rows[5].update(code="", languages="tlh")
    SessionPageFactory(event=event, code="X-1", title="Kept as it was")

    message, err = run_refused(event, write_csv(tmp_path / "bad.csv", rows))

    assert message == "4 rows refused; nothing was imported."
    assert err == [
        "row 2, date: The session must take place during the event, 12 May 2031 "
        "to 14 May 2031 (Europe/Zurich).",
        "row 2, room: unknown room “Main hall”; the rooms are Assembly Hall, "
        "Room XVII, Room XVIII.",
        "row 5, start: “9.30” is not a time like 09:30.",
        "row 6, code: a value is required.",
        "row 7, code: a value is required.",
        "row 7, languages: unknown language “tlh”; the codes are ar, en, es, fr, pt, "
        "ru, sgn, zh.",
    ]
    assert list(SessionPage.objects.values_list("title", flat=True)) == [
        "Kept as it was"
    ]


def test_import_refuses_a_room_clash_with_an_existing_session(event):
    existing = SessionPageFactory(
        event=event,
        title="Digital skills for teachers",
        room=Room.objects.get(name="Room XVII"),
        start=datetime(2031, 5, 12, 12, 0, tzinfo=event.tzinfo),
    )

    message, err = run_refused(event, EXAMPLE)

    assert message == "1 row refused; nothing was imported."
    assert err == [
        "row 3, room: Room XVII is already booked for “Digital skills for teachers” "
        "from 12:00 to 13:30."
    ]
    assert list(SessionPage.objects.all()) == [existing]


def test_import_refuses_two_rows_in_one_room_at_once(event, tmp_path):
    rows = example_rows()
    rows[2].update(room="Room XVII")

    message, err = run_refused(event, write_csv(tmp_path / "clash.csv", rows))

    assert message == "1 row refused; nothing was imported."
    assert err == [
        "row 4, room: Room XVII is also booked on row 3 for “Open data for local "
        "knowledge” from 11:00 to 12:30."
    ]
    assert SessionPage.objects.count() == 0


def test_import_lets_two_sessions_swap_rooms(client, event, tmp_path):
    run(event, EXAMPLE, "--publish")
    rows = example_rows()
    rows[1]["room"], rows[2]["room"] = rows[2]["room"], rows[1]["room"]

    out, _ = run(event, write_csv(tmp_path / "swap.csv", rows), "--publish")

    assert out[-1] == "0 created, 2 updated, 4 unchanged; 0 people created."
    assert programme(client, event)[1:3] == [
        ("Community networks and the last mile", "11:00–12:30", "Room XVII"),
        ("Open data for local knowledge", "11:00–12:30", "Room XVIII"),
    ]


def test_import_lets_a_cancelled_session_free_its_room(event):
    SessionPageFactory(
        event=event,
        title="Library tour",
        room=Room.objects.get(name="Room XVIII"),
        start=datetime(2031, 5, 13, 13, 0, tzinfo=event.tzinfo),
    )

    out, _ = run(event, EXAMPLE)  # SE-4, cancelled, is in Room XVIII at 13:15

    assert out[-1].startswith("6 created, 0 updated, 0 unchanged;")


def test_import_uses_existing_people_and_creates_the_others(event):
    amina = PersonFactory(name="Amina Diallo")

    out, _ = run(event, EXAMPLE)

    opening = SessionPage.objects.get(code="OP-1")
    assert opening.roles.first().person == amina
    assert "person created: Amina Diallo" not in "\n".join(out)
    assert Person.objects.filter(name="Amina Diallo").count() == 1
    assert out[-1] == "6 created, 0 updated, 0 unchanged; 8 people created." + DRAFTS


def test_import_notes_people_booked_twice_at_once(event, tmp_path):
    rows = example_rows()
    rows[2].update(moderators="Ana Costa")  # also speaks in WS-12 at 11:00

    out, _ = run(event, write_csv(tmp_path / "busy.csv", rows))

    assert out[1].endswith(
        "; Ana Costa is also in “Community networks and the last mile” at 11:00"
    )
    assert out[2].endswith(
        "; Ana Costa is also in “Open data for local knowledge” at 11:00"
    )


def test_import_reads_a_bom_semicolons_and_any_column_order(event):
    text = (
        "\ufeffEnd;Start;Date;Title;Code;Languages\r\n"
        '12:00;11:00;2031-05-14;Regional voices;RV-1;"en;ru"\r\n'
    )

    report = import_programme(event, BytesIO(text.encode()))

    session = SessionPage.objects.get(code="RV-1")
    assert [str(row) for row in report.rows] == [
        "row 2, RV-1: created “Regional voices”"
    ]
    assert (session.start, sorted(session.language_codes)) == (
        datetime(2031, 5, 14, 9, 0, tzinfo=UTC),
        ["en", "ru"],
    )


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (
            b"code,title,date,start\nA,B,2031-05-12,10:00\n",
            "row 1, header: the required column “end” is missing.",
        ),
        (
            b"code,title,date,start,end,speaker\n",
            "row 1, header: unknown column “speaker”",
        ),
        (
            "code,title,date,start,end\nA,Caf\xe9,2031-05-12,10:00,11:00\n".encode(
                "cp1252"
            ),
            "row 2, file: this is not UTF-8 text",
        ),
    ],
    ids=["missing-column", "unknown-column", "not-utf-8"],
)
def test_import_refuses_a_file_it_cannot_read(event, content, problem):
    with pytest.raises(ImportRefused) as refusal:
        import_programme(event, BytesIO(content))

    assert str(refusal.value.problems[0]).startswith(problem)
    assert SessionPage.objects.count() == 0


def test_import_refuses_a_time_the_clocks_skip(tmp_path):
    event = EventPageFactory(start_date=date(2031, 3, 30), end_date=date(2031, 3, 30))
    rows = [
        {
            "code": "N-1",
            "title": "Night owls",
            "date": "2031-03-30",
            "start": "02:30",
            "end": "03:30",
        }
    ]

    _, err = run_refused(event, write_csv(tmp_path / "night.csv", rows))

    assert err == [
        "row 2, start: 02:30 does not exist on 2031-03-30 in Europe/Zurich "
        "(the clocks go forward)."
    ]


def test_import_reports_progress_on_long_files(event, tmp_path):
    rows = [
        {
            "code": f"S-{n}",
            "title": f"Session {n}",
            "date": f"2031-05-{12 + n % 3}",
            "start": f"{8 + n % 10:02}:00",
            "end": f"{9 + n % 10:02}:00",
        }
        for n in range(60)
    ]

    out, err = run(event, write_csv(tmp_path / "long.csv", rows))

    assert err == ["applied 50/60 rows", "applied 60/60 rows"]
    assert out[-1] == "60 created, 0 updated, 0 unchanged; 0 people created." + DRAFTS


def test_import_into_an_unknown_event_names_the_events(event):
    with pytest.raises(CommandError) as refusal:
        call_command("import_programme", "no-such-forum", str(EXAMPLE))

    assert str(refusal.value) == (
        f"No event has the slug “no-such-forum”. Event slugs: {event.slug}."
    )
