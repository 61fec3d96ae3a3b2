"""An organiser imports a programme in the admin, in a real browser: a file with a bad
row is refused whole, the corrected one is previewed and applied, as drafts."""

import csv
import tempfile
from pathlib import Path

from django.db import transaction
from playwright.sync_api import expect, sync_playwright

from sessions.models import SessionPage
from tests.browser.harness import (
    BrowserTestCase,
    axe_violations,
    screenshot,
    sign_in,
    verified_user,
    wait_shown,
)
from tests.factories import EventPageFactory, RoomFactory

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "programme-import-example.csv"
# What a phone shows sideways beyond its 360 px, if anything.
OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"


@transaction.atomic
def forum():
    for name in ["Assembly Hall", "Room XVII", "Room XVIII"]:
        RoomFactory(name=name)
    return EventPageFactory(title="Forum on knowledge sharing")


def programme_files(folder):
    """The example programme with a room nobody has on row 6, and corrected."""
    with EXAMPLE.open(newline="", encoding="utf-8") as example:
        rows = list(csv.DictReader(example))
    files = []
    for name, room in [("bad.csv", "Room 99"), ("fixed.csv", "Room XVIII")]:
        rows[4]["room"] = room
        path = Path(folder) / name
        with path.open("w", newline="", encoding="utf-8") as out:
            writer = csv.DictWriter(out, list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
        files.append(path)
    return files


class OrganiserImportTests(BrowserTestCase):
    def test_organiser_imports_a_programme_after_fixing_a_bad_row(self):
        organiser = verified_user(is_staff=True, is_superuser=True)
        event = forum()
        programme = self.url(f"{event.url}programme/")
        folder = tempfile.mkdtemp(prefix="convening-import-")
        bad, fixed = programme_files(folder)
        problems = {}

        with sync_playwright() as pw:
            browser = self.launch(pw)
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            visit = self.watch(context)
            page = context.new_page()

            def check(name):
                problems[name] = visit.csp_violations(page) + axe_violations(page)

            sign_in(page, self.live_server_url, organiser.email)
            page.goto(self.url(f"/admin/pages/{event.pk}/"))
            page.get_by_role("button", name="Actions").click()
            page.get_by_role("link", name="Import sessions").click()
            page.wait_for_url(f"**/admin/events/{event.pk}/import/")
            check("upload")

            page.get_by_label("Programme file").set_input_files(bad)
            page.get_by_role("button", name="Preview").click()
            refused = page.locator(".import-row.has-problems").inner_text()
            summary = page.get_by_role("alert").first.inner_text()
            import_buttons = page.get_by_role("button", name="Import").count()
            check("refused")
            page.set_viewport_size({"width": 360, "height": 800})
            phone_overflow = page.evaluate(OVERFLOW)
            screenshot(page, "admin-import-refused-phone")
            page.set_viewport_size({"width": 1280, "height": 900})

            page.get_by_label("Programme file").set_input_files(fixed)
            page.get_by_role("button", name="Preview").click()
            expect(page.get_by_role("button", name="Import 6 rows")).to_be_visible()
            outcomes = page.locator(".import-outcome").all_inner_texts()
            check("preview")
            screenshot(page, "admin-import-preview")
            page.get_by_role("button", name="Import 6 rows").click()
            expect(page.locator(".messages")).to_contain_text("6 sessions created")
            message = page.locator(".messages").inner_text()
            wait_shown(page, ".messages li.success")
            check("applied")
            page.get_by_role("link", name="See the sessions").click()
            page.wait_for_url(f"**/admin/events/{event.pk}/sessions/")
            statuses = page.locator("table.listing tbody tr td:nth-child(4)")
            admin_statuses = statuses.all_inner_texts()
            page.goto(programme)
            public_titles = page.locator(".session h4").all_inner_texts()
            browser.close()

        assert "Room: unknown room “Room 99”" in refused
        assert summary.startswith("1 row has problems")
        assert import_buttons == 0
        assert phone_overflow <= 0
        assert outcomes == ["New session"] * 6
        assert "as drafts: they are not on the public programme" in message
        assert sorted(admin_statuses) == ["Cancelled"] + ["Draft"] * 5  # SE-4
        assert public_titles == []
        sessions = SessionPage.objects.child_of(event)
        assert [(s.live, s.has_unpublished_changes) for s in sessions] == [
            (False, True)
        ] * 6
        assert problems == {name: [] for name in problems}
