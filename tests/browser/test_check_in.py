"""The check-in desk on a 360 px phone, in Chromium: a helper checks someone in by
the typed code, the network goes, two more are checked in from the list kept on the
phone (one by code, one found by name), and when it returns the queue is sent and the
server counts all three."""

from allauth.account.models import EmailAddress
from django.db import transaction
from playwright.sync_api import expect, sync_playwright

from participants.attendance import badges, tokens
from participants.models import CheckIn
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


def kept_on_phone(page, key, seconds=10):
    """Wait until desk.js has kept the list (polled from here: the page's CSP lets
    no string be evaluated, which wait_for_function would need)."""
    for _ in range(seconds * 10):
        if page.evaluate(f"localStorage.getItem('{key}') !== null"):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"{key} was never kept")


class CheckInDeskTests(BrowserTestCase):
    def test_check_in_by_code_then_offline_then_sync(self):
        with transaction.atomic():
            organiser = verified_user(is_staff=True, is_superuser=True)
            helper = verified_user(email="desk@example.org")
            event = EventPageFactory(title="Forum on knowledge sharing")
            people = [attendee(event, name) for name in NAMES]
            codes = [tokens.grouped(badges.badge_for(p).code) for p in people]
            EmailAddress.objects.create(
                user=people[0].user, email=people[0].user.email, verified=True
            )
        desk = f"/check-in/{event.pk}/"
        kept = f"desk:{event.pk}:list"
        badge_page = f"/me/registrations/{people[0].pk}/badge/"

        with sync_playwright() as pw:
            browser = self.launch(pw)
            office = browser.new_context(viewport={"width": 1280, "height": 900})
            admin = office.new_page()
            sign_in(admin, self.live_server_url, organiser.email)
            admin.goto(self.url(f"/admin/pages/{event.pk}/"))
            admin.get_by_role("button", name="Actions").click()
            admin.get_by_role("link", name="Check-in").click()
            admin.wait_for_url(f"**/admin/events/{event.pk}/check-in/")
            admin.get_by_label("Add a helper by the email of their account").fill(
                "desk@example.org"
            )
            admin.get_by_role("button", name="Add the helper").click()
            expect(admin.locator(".messages")).to_contain_text(
                "desk@example.org can check people in now"
            )
            office.close()

            context = browser.new_context(**PHONE)
            visit = self.watch(context)
            page = context.new_page()
            sign_in(page, self.live_server_url, helper.email)
            response = page.goto(self.url(desk))
            kept_on_phone(page, kept)
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
            context.close()

            again = browser.new_context(**PHONE)
            self.watch(again)
            desk_again = again.new_page()
            sign_in(desk_again, self.live_server_url, helper.email)
            desk_again.goto(self.url(desk))
            desk_again.get_by_role("link", name="Register someone at the desk").click()
            # The click returns once the navigation starts: measure the page loaded.
            desk_again.wait_for_url(f"**{desk}walk-in/")
            desk_again.wait_for_load_state("load")
            walk_in = phone_problems(desk_again, 360) + axe_violations(desk_again)

            own = browser.new_context(**PHONE)
            self.watch(own)
            mine = own.new_page()
            sign_in(mine, self.live_server_url, people[0].user.email)
            response = mine.goto(self.url(badge_page))
            badge = phone_problems(mine, 360) + axe_violations(mine)
            badge_text = mine.locator("main").inner_text()
            browser.close()

        assert problems == [] and violations == []
        assert walk_in == [] and badge == []
        assert codes[0] in badge_text and "Amina Diallo" in badge_text
        assert counted_offline == "3"
        assert counted_after == "3"  # as the server counts
        assert sorted(
            CheckIn.objects.values_list(
                "registration__user__profile__full_name", flat=True
            )
        ) == sorted(NAMES)
        devices = set(CheckIn.objects.values_list("device", flat=True))
        assert len(devices) == 1 and devices.pop().startswith("device-")
