"""An organiser writes to an event's registrants and edits a mail text, in Chromium:
from the event's Actions menu to the outbox, a refused placeholder, the preview for
one recipient, Send, and what the participants receive."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from playwright.sync_api import expect, sync_playwright

from participants import services
from tests.browser.harness import (
    BrowserTestCase,
    axe_violations,
    screenshot,
    sign_in,
    verified_user,
    wait_shown,
)
from tests.factories import EventPageFactory, ProfileFactory

OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"


class OrganiserMessageTests(BrowserTestCase):
    def setUp(self):
        with transaction.atomic():
            self.organiser = verified_user(is_staff=True, is_superuser=True)
            self.event = EventPageFactory(
                title="Forum on knowledge sharing",
                quotas={"government": 1, "civil-society": 5},
                registration_opens_at=timezone.now() - timedelta(hours=1),
            )
            self.people = [
                services.register(
                    ProfileFactory(group_slug=group, full_name=name).user, self.event
                )
                for group, name in [
                    ("government", "Amina Diallo"),
                    ("civil-society", "Rafael Souza"),
                    ("government", "Li Wei"),  # on the waiting list
                ]
            ]

    def test_organiser_writes_to_confirmed_registrants(self):
        problems, phone = {}, {}
        with sync_playwright() as pw:
            browser = self.launch(pw)
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            visit = self.watch(context)
            page = context.new_page()

            def check(name):
                problems[name] = visit.csp_violations(page) + axe_violations(page)
                page.set_viewport_size({"width": 360, "height": 740})
                phone[name] = page.evaluate(OVERFLOW)
                page.set_viewport_size({"width": 1280, "height": 900})

            sign_in(page, self.live_server_url, self.organiser.email)
            page.goto(self.url(f"/admin/pages/{self.event.pk}/"))
            page.get_by_role("button", name="Actions").click()
            page.get_by_role("link", name="Messages").click()
            page.wait_for_url(f"**/admin/events/{self.event.pk}/messages/")
            check("outbox")
            page.get_by_role("link", name="Write to registrants").click()

            page.get_by_label("Subject").fill("Room change for {event}")
            page.get_by_label("Text").fill(
                "Hello {name},\n\nThe opening moves to Room 2 on {day}."
            )
            page.get_by_role("button", name="Preview").click()
            refusal = page.get_by_role("alert").first.inner_text()
            described = page.get_by_label("Text").get_attribute("aria-describedby")
            check("refused")

            page.get_by_label("Text").fill(
                "Hello {name},\n\nThe opening moves to Room 2.\n\n{registration_link}"
            )
            page.get_by_role("button", name="Preview").click()
            expect(page.get_by_text("will get this message")).to_be_visible()
            count = page.locator("main p strong").first.inner_text()
            first_preview = page.locator(".mail-preview").inner_text()
            page.get_by_label("Preview for").select_option(
                label="Rafael Souza (Confirmed, Civil society)"
            )
            page.get_by_role("button", name="Show").click()
            second_preview = page.locator(".mail-preview").inner_text()
            check("preview")
            screenshot(page, "admin-message-preview")

            second_tab = context.new_page()
            second_tab.goto(page.url)
            page.get_by_role("button", name="Send to 2 registrants").click()
            expect(page.locator(".messages")).to_contain_text("Sending to 2")
            counts = page.locator(".delivery-counts").inner_text()
            wait_shown(page, ".messages li.success")
            check("sent")
            second_tab.get_by_role("button", name="Send to 2 registrants").click()
            again = second_tab.locator(".messages").inner_text()
            second_tab.close()

            page.get_by_role("link", name="Mail texts").first.click()
            page.get_by_role("link", name="Place confirmed").click()
            page.get_by_label("Subject").fill("Welcome to {event}")
            page.get_by_role("button", name="Preview").click()
            text_preview = page.locator(".mail-preview").inner_text()
            check("mail text")
            page.get_by_role("button", name="Save").click()
            listing = page.locator("table.listing").inner_text()
            browser.close()

        assert "Unknown placeholder: {day}." in refusal
        assert described == "id_body_helptext id_body_error"
        assert count == "2 registrants"
        assert "Hello Amina Diallo," in first_preview
        assert "Hello Rafael Souza," in second_preview
        assert "Room change for Forum on knowledge sharing" in second_preview
        assert "Sent: 2" in counts
        assert "This message was sent already" in again
        assert "Welcome to Forum on knowledge sharing" in text_preview
        assert "Welcome to {event}" in listing
        for person, gets in zip(self.people, [True, True, False], strict=True):
            bodies = [b for b in self.sent_mail(person.user.email) if "Room 2" in b]
            assert len(bodies) == (1 if gets else 0), person.user.email
        assert problems == {name: [] for name in problems}
        assert all(overflow <= 0 for overflow in phone.values()), phone

    def test_the_registrations_list_reads_on_a_phone(self):
        with sync_playwright() as pw:
            browser = self.launch(pw)
            page = browser.new_page()  # a 360 px touch phone
            sign_in(page, self.live_server_url, self.organiser.email)
            page.goto(self.url(f"/admin/events/{self.event.pk}/registrations/"))
            table = page.get_by_role("table", name="Registrations")
            names = table.get_by_role("rowheader").all_inner_texts() or (
                table.locator("tbody tr td:nth-child(2)").all_inner_texts()
            )
            page_overflow = page.evaluate(OVERFLOW)
            # The table scrolls in its own box; the page does not.
            box = page.get_by_role("region", name="Registrations")
            box.focus()
            # Scrolled by keyboard, key by key, until its last column is in view.
            for _ in range(40):
                at = box.evaluate("(b) => b.scrollLeft")
                if box.evaluate("(b) => b.scrollLeft + b.clientWidth >= b.scrollWidth"):
                    break
                page.keyboard.press("ArrowRight")
                page.wait_for_function(
                    "(at) => document.activeElement.scrollLeft > at", arg=at
                )
            status = table.get_by_role("columnheader", name="Status").bounding_box()
            last_seen = status["x"] + status["width"] <= 360
            browser.close()

        assert page_overflow == 0
        assert sorted(name.split("\n")[0] for name in names) == [
            "Amina Diallo",
            "Li Wei",
            "Rafael Souza",
        ]
        assert last_seen  # the status column, hidden beyond the edge before, is reached
