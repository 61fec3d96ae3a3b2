"""An organiser builds and rearranges a programme on the admin's grid, in Chromium."""

from datetime import datetime, timedelta

from django.db import transaction
from playwright.sync_api import expect, sync_playwright

from sessions.models import SessionPage, SessionRole
from tests.browser.harness import (
    BrowserTestCase,
    axe_violations,
    screenshot,
    sign_in,
    verified_user,
)
from tests.factories import (
    EventPageFactory,
    PersonFactory,
    RoomFactory,
    SessionPageFactory,
)

VENUE = "Palais des Nations"
PHONE = {"width": 360, "height": 740}
SIDEWAYS = "document.documentElement.scrollWidth > window.innerWidth"


def click_slot(page, room, day, clock):
    """Clicks `room`'s column of `day` (YYYY-MM-DD) at `clock` (HH:MM), once grid.js
    runs: before it (a deferred script), a column is a plain link to a session at the
    start of the day."""
    page.wait_for_load_state("load")
    lane = page.locator(f'.grid-lane[data-room="{room.pk}"][data-first^="{day}"]')
    box = lane.bounding_box()
    first = lane.get_attribute("data-first")[11:]
    rows = int(lane.get_attribute("data-rows"))
    minutes = (int(clock[:2]) * 60 + int(clock[3:])) - (
        int(first[:2]) * 60 + int(first[3:])
    )
    row_height = box["height"] / rows
    lane.click(position={"x": 10, "y": (minutes / 15 + 0.5) * row_height})
    return lane


class GridTests(BrowserTestCase):
    def setUp(self):
        with transaction.atomic():
            self.organiser = verified_user(is_staff=True, is_superuser=True)
            self.event = EventPageFactory(title="Workshop on open data", venue=VENUE)
            self.room_a = RoomFactory(name="Room A", venue=VENUE)
            self.room_b = RoomFactory(name="Room B", venue=VENUE)
            self.amina = PersonFactory(name="Amina Diallo")

    def open_grid(self, page):
        sign_in(page, self.live_server_url, self.organiser.email)
        # The event's admin pages link here (tests/sessions/test_grid.py).
        page.goto(self.url(f"/admin/events/{self.event.pk}/grid/"))
        expect(page.locator("h1")).to_contain_text("Programme grid")

    def add_in_slot(self, page, room, clock, title, people=()):
        click_slot(page, room, "2031-05-12", clock)
        expect(page.locator("#id_start")).to_have_value(f"2031-05-12T{clock}")
        page.get_by_label("Title").fill(title)
        for person in people:
            # The box narrows the list as one types (accents ignored).
            page.get_by_label("Find a person by name or organisation").fill(
                person.name.split()[0].lower()
            )
            page.get_by_label("People").select_option(
                label=f"{person.name} — {person.organisation}"
            )
        page.get_by_role("button", name="Add the session").click()

    def test_organiser_builds_five_sessions_on_the_grid(self):
        with sync_playwright() as pw:
            browser = self.launch(pw)
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            self.watch(context)
            page = context.new_page()
            self.open_grid(page)
            grid_violations = axe_violations(page)

            self.add_in_slot(page, self.room_a, "09:00", "Opening", [self.amina])
            expect(page.locator(".messages")).to_contain_text(
                "“Opening” added as a draft"
            )
            self.add_in_slot(page, self.room_b, "11:00", "Data commons")
            self.add_in_slot(page, self.room_a, "11:00", "Open budgets")
            # Room A is free at 10:30, but 90 minutes from then it is not: refused,
            # with the reason on the room.
            self.add_in_slot(page, self.room_a, "10:30", "Open maps")
            error = page.locator("#id_room_error")
            expect(error).to_contain_text(
                "Room A is already booked for “Open budgets” from 11:00 to 12:30."
            )
            form_violations = axe_violations(page)
            page.get_by_label("Ends").fill("2031-05-12T11:00")
            page.get_by_role("button", name="Add the session").click()
            expect(page.locator(".messages")).to_contain_text(
                "“Open maps” added as a draft"
            )
            # Amina opens the forum in Room A at the same time: saved, with a warning.
            self.add_in_slot(page, self.room_b, "09:00", "Data skills", [self.amina])
            expect(page.locator(".messages")).to_contain_text(
                "Amina Diallo is also in “Opening” at 09:00 (Room A)."
            )
            blocks = page.locator(".grid .block h3").all_inner_texts()
            clash = page.locator('.block[aria-label="Data skills"] .block-clashes')
            expect(clash).to_contain_text("Amina Diallo is also in “Opening”")
            screenshot(page, "admin-grid")
            page.set_viewport_size(PHONE)
            page.reload()
            sideways = page.evaluate(SIDEWAYS)
            screenshot(page, "admin-grid-360")
            browser.close()

        assert sorted(blocks) == sorted(
            ["Opening", "Data commons", "Open budgets", "Open maps", "Data skills"]
        )
        sessions = SessionPage.objects.child_of(self.event)
        assert sessions.count() == 5 and not sessions.filter(live=True).exists()
        maps = sessions.get(title="Open maps")
        assert (maps.room, maps.end - maps.start) == (
            self.room_a,
            timedelta(minutes=30),
        )
        assert sessions.get(title="Data commons").format == SessionPage.Format.PANEL
        assert SessionRole.objects.filter(person=self.amina).count() == 2
        assert (grid_violations, form_violations, sideways) == ([], [], False)

    def test_organiser_moves_sessions_by_drag_and_by_keyboard(self):
        zurich = self.event.tzinfo
        with transaction.atomic():
            dragged = SessionPageFactory(
                event=self.event, title="Opening", room=self.room_a
            )
            keyed = SessionPageFactory(
                event=self.event,
                title="Data commons",
                room=self.room_b,
                start=datetime(2031, 5, 12, 14, tzinfo=zurich),
                end=datetime(2031, 5, 12, 15, tzinfo=zurich),
            )

        with sync_playwright() as pw:
            browser = self.launch(pw)
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            self.watch(context)
            page = context.new_page()
            self.open_grid(page)
            block = page.locator('.block[aria-label="Opening"]')
            lane = page.locator(
                f'.grid-lane[data-room="{self.room_b.pk}"][data-first^="2031-05-12"]'
            )
            box = lane.bounding_box()
            rows = int(lane.get_attribute("data-rows"))
            # 11:30 is 10 quarter hours after 09:00.
            block.drag_to(
                lane, target_position={"x": 10, "y": (10.5 / rows) * box["height"]}
            )
            expect(page.locator(".messages")).to_contain_text(
                "“Opening” moved to 11:30 in Room B, as a draft"
            )

            page.locator('.block[aria-label="Data commons"] a', has_text="Move").focus()
            page.keyboard.press("Enter")
            start = page.get_by_label("Starts")
            start.focus()
            start.fill("2031-05-13T09:00")
            # Tab steps through the date's and the time's parts, then to the room.
            for _ in range(8):
                page.keyboard.press("Tab")
                if page.evaluate("document.activeElement.name") == "room":
                    break
            page.keyboard.type("Room A")  # a closed select picks what is typed
            page.keyboard.press("Tab")  # to the button
            focused = page.evaluate("document.activeElement.textContent.trim()")
            page.keyboard.press("Enter")
            expect(page.locator(".messages")).to_contain_text(
                "“Data commons” moved to 09:00 in Room A, as a draft"
            )
            on_13 = page.locator("#day-2031-05-13 ~ .grid-scroll .block h3")
            moved_blocks = on_13.all_inner_texts()
            browser.close()

        dragged.refresh_from_db()
        draft = dragged.get_latest_revision_as_object()
        assert (draft.start, draft.room) == (
            datetime(2031, 5, 12, 11, 30, tzinfo=zurich),
            self.room_b,
        )
        assert dragged.start.astimezone(zurich).hour == 10  # the public one waits
        keyed.refresh_from_db()
        keyed_draft = keyed.get_latest_revision_as_object()
        assert keyed_draft.start == datetime(2031, 5, 13, 9, tzinfo=zurich)
        assert keyed_draft.end == datetime(2031, 5, 13, 10, tzinfo=zurich)
        assert "Data commons" in moved_blocks
        assert focused == "Move"
