"""The importer's service for rows a program already has (`import_rows`, which
seed_demo uses): the same checks as a file, plus the columns only a program may give."""

from io import BytesIO

import pytest
from wagtail.models import Revision

from sessions.importer import ImportRefused, import_programme, import_rows
from sessions.models import SessionPage
from tests.factories import EventPageFactory, RoomFactory

pytestmark = pytest.mark.django_db


def row(**cells):
    return {
        "code": "KS-01",
        "title": "Opening plenary: knowledge as a common resource",
        "date": "2031-05-12",
        "start": "09:30",
        "end": "10:30",
        "room": "Plenary Hall",
        **cells,
    }


@pytest.fixture
def event():
    RoomFactory(name="Plenary Hall")
    return EventPageFactory()  # 12-14 May 2031, Europe/Zurich


def test_a_program_creates_a_whole_session_at_its_own_address_in_one_revision(event):
    report = import_rows(
        event,
        publish=True,
        rows=[
            row(
                slug="opening-plenary",
                interpretation="Into the six UN languages",
                background="<p>Why <b>knowledge</b> matters.</p>",
                speakers="Ana Lima; Kofi Boateng",
            )
        ],
    )

    session = SessionPage.objects.get()
    assert [(r.row, r.code, r.outcome) for r in report.rows] == [
        (2, "KS-01", "created")
    ]
    assert report.people_created == ["Ana Lima", "Kofi Boateng"]
    assert (session.slug, session.interpretation, session.background) == (
        "opening-plenary",
        "Into the six UN languages",
        "<p>Why <b>knowledge</b> matters.</p>",
    )
    assert [r.person.name for r in session.roles.all()] == ["Ana Lima", "Kofi Boateng"]
    assert (
        session.live,
        Revision.page_revisions.filter(object_id=str(session.pk)).count(),
    ) == (
        True,
        1,
    )


def test_rows_are_drafts_unless_the_program_publishes_them(event):
    report = import_rows(event, [row(slug="opening-plenary")])

    session = SessionPage.objects.get()
    assert (session.live, session.has_unpublished_changes) == (False, True)
    assert [r.outcome for r in report.rows] == ["created"]


def test_the_same_rows_again_change_nothing(event):
    rows = [
        row(slug="opening-plenary"),
        row(code="KS-02", slug="second", start="11:00", end="12:00"),
    ]
    import_rows(event, rows)

    again = import_rows(event, rows)

    assert [r.outcome for r in again.rows] == ["unchanged", "unchanged"]
    sessions = SessionPage.objects.values_list("pk", flat=True)
    assert (
        Revision.page_revisions.filter(
            object_id__in=[str(pk) for pk in sessions]
        ).count()
        == 2
    )


def test_a_clash_between_rows_refuses_them_all(event):
    with pytest.raises(ImportRefused) as refusal:
        import_rows(event, [row(slug="one"), row(code="KS-02", slug="two")])

    assert SessionPage.objects.count() == 0
    assert [p.row for p in refusal.value.problems] == [3]


def test_a_spreadsheet_may_not_give_the_program_columns(event):
    csv = "code,title,date,start,end,slug\nKS-01,Opening,2031-05-12,09:30,10:30,x\n"

    with pytest.raises(ImportRefused) as refusal:
        import_programme(event, BytesIO(csv.encode()))

    assert [p.message.split(";")[0] for p in refusal.value.problems] == [
        "unknown column “slug”"
    ]
    assert SessionPage.objects.count() == 0


def test_a_draft_moved_by_an_import_holds_its_new_room_for_the_other_sessions(event):
    """As in Wagtail's editor and the grid: a session never published keeps its draft
    in its row, which the room checks of every other change read."""
    import_rows(event, rows=[row()])
    import_rows(event, rows=[row(start="14:00", end="15:00")])

    draft = SessionPage.objects.get()
    assert not draft.live
    assert draft.start.astimezone(event.tzinfo).hour == 14
    with pytest.raises(ImportRefused) as refused:
        import_rows(event, rows=[row(code="KS-02", start="14:30", end="15:30")])
    assert "Plenary Hall is already booked" in str(refused.value.problems)


def test_a_program_states_interpretation_online_captions_and_sign_language(event):
    first = row(
        slug="opening-plenary", interpretation_online="true", captions="yes",
        sign_language="International Sign",
    )  # fmt: skip
    import_rows(event, publish=True, rows=[first])
    again = import_rows(event, publish=True, rows=[{**first, "captions": "no"}])

    session = SessionPage.objects.get()
    assert (session.interpretation_online, session.captions) == (True, False)
    assert session.sign_language == "International Sign"
    assert [r.outcome for r in again.rows] == ["updated"]
