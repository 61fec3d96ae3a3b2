"""The check-in desk on a 360 px phone, in Chromium: a helper checks someone in by
the typed code, the network goes, two more are checked in from the list kept on the
phone (one by code, one found by name), and when it returns the queue is sent and the
server counts all three."""

from django.db import transaction
from playwright.sync_api import expect, sync_playwright

from participants.attendance import badges, tokens
from participants.models import CheckIn, CheckInHelper
from tests.browser.harness import (
    PHONE,
    BrowserTestCase,
    axe_violations,
    phone_problems,
    screenshot,
    sign_in,
    verified_user,
)
from tests.factories import EventPageFactory
from tests.participants.attendance.conftest import attendee

NAMES = ["Amina Diallo", "Ken Mwangi", "Lerato Khumalo"]


class CheckInDeskTests(BrowserTestCase):
    def test_check_in_by_code_then_offline_then_sync(self):
        with transaction.atomic():
            helper = verified_user(email="desk@example.org")
            event = EventPageFactory(title="Forum on knowledge sharing")
            CheckInHelper.objects.create(event=event, user=helper)
            people = [attendee(event, name) for name in NAMES]
            codes = [tokens.grouped(badges.badge_for(p).code) for p in people]
        desk = f"/check-in/{event.pk}/"
        kept = f"desk:{event.pk}:list"

        with sync_playwright() as pw:
            browser = self.launch(pw)
            context = browser.new_context(**PHONE)
            visit = self.watch(context)
            page = context.new_page()
            sign_in(page, self.live_server_url, helper.email)
            response = page.goto(self.url(desk))
            page.wait_for_function(f"localStorage.getItem('{kept}') !== null")
            problems = visit.problems(page, response) + phone_problems(page, 360)
            violations = axe_violations(page)

            code = page.get_by_label("Badge code")
            code.fill(codes[0].lower())
            page.get_by_role("button", name="Check in", exact=True).click()
            expect(page.locator("[data-outcome]")).to_contain_text(
                "Checked in: Amina Diallo"
            )
            expect(page.locator("[data-sync-state]")).to_have_text(
                "Every check-in is sent."
            )

            context.set_offline(True)
            code.fill(codes[1])
            code.press("Enter")
            page.get_by_label("Find by name or email").fill("lerato")
            page.get_by_role("button", name="Find").click()
            page.get_by_role("button", name="Check in Lerato Khumalo").click()
            expect(page.locator("[data-outcome]")).to_contain_text(
                "Checked in: Lerato Khumalo"
            )
            waiting = page.locator("[data-sync-state]")
            expect(waiting).to_contain_text("2 check-ins waiting to be sent")
            expect(waiting).to_contain_text("no network")
            code.fill(codes[1])
            code.press("Enter")
            expect(page.locator("[data-outcome]")).to_contain_text(
                "Already in: Ken Mwangi"
            )
            counted_offline = page.locator("[data-count-in]").inner_text()
            screenshot(page, "check-in-offline")

            context.set_offline(False)
            expect(page.locator("[data-sync-state]")).to_have_text(
                "Every check-in is sent.", timeout=15_000
            )
            page.reload()
            counted_after = page.locator("[data-count-in]").inner_text()
            browser.close()

        assert problems == [] and violations == []
        assert counted_offline == "3"
        assert counted_after == "3"  # as the server counts
        assert sorted(
            CheckIn.objects.values_list(
                "registration__user__profile__full_name", flat=True
            )
        ) == sorted(NAMES)
        devices = set(CheckIn.objects.values_list("device", flat=True))
        assert len(devices) == 1 and devices.pop().startswith("device-")
