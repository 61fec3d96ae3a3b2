"""The speaking queue in a real browser: a moderator opens the floor and runs it with
plain forms; participants request on their phones; live, the queue and the clock
follow every change on the session page and the wall without reload, and a
moderator moves a request by keyboard alone; every page light, accessible and 360 px
wide."""

import re

from django.db import transaction
from playwright.sync_api import expect, sync_playwright

from participants.models import Registration
from sessions.floor import services
from sessions.floor.models import Floor, FloorEntry, SpeakRequest
from tests.browser.harness import (
    BrowserTestCase,
    sign_in,
)
from tests.browser.test_qa import LIVE, build_session

QUEUE = '[data-floor-list="queue"] > li'


def texts(locator):
    return [" ".join(text.split()) for text in locator.all_inner_texts()]


@transaction.atomic
def floor_in_use(session, participants):
    """The floor open with a budget: one has spoken, one speaks, one waits."""
    moderator = session.roles.first().person.user
    users = [Registration.objects.get(user__email=e).user for e in participants]
    services.configure(moderator, session, status=Floor.Status.OPEN)
    first = services.request(users[0], session, topic="Community networks")
    services.act(moderator, session, "call", request_id=first.pk)
    second = services.request(users[1], session, reply=True, name_public=False)
    services.act(moderator, session, "call", request_id=second.pk)
    services.request(users[0], session, topic="Funding for local archives")
    group = users[0].profile.group
    services.configure(moderator, session, budgets={group.pk: 300})


@transaction.atomic
def open_floor(session):
    moderator = session.roles.first().person.user
    services.configure(moderator, session, status=Floor.Status.OPEN)


class FloorTests(BrowserTestCase):
    def test_the_floor_opened_requested_and_run_with_plain_forms(self):
        session, (first, second), moderator = build_session(moderator=True)
        moderation = self.url(f"{session.url}questions/moderate/")

        with sync_playwright() as pw:
            browser = self.launch(pw)
            mod = browser.new_page(java_script_enabled=False)
            sign_in(mod, self.live_server_url, moderator)
            mod.goto(moderation)
            settings = mod.locator("details.floor-settings")
            settings.get_by_label("Speaking queue").select_option("open")
            settings.get_by_label("Minutes per speaker").fill("2")
            with mod.expect_navigation():
                settings.get_by_role("button", name="Save the queue settings").click()
            opened = mod.locator(".messages").inner_text()

            said = {}
            for email, hidden in ((first, False), (second, True)):
                page = browser.new_page(java_script_enabled=False)
                sign_in(page, self.live_server_url, email)
                page.goto(self.url(session.url))
                floor = page.locator("#floor")
                floor.get_by_label("Topic (optional)").fill("Open access")
                if hidden:
                    floor.get_by_label("Show my name to everyone").uncheck()
                with page.expect_navigation():
                    floor.get_by_role("button", name="Request the floor").click()
                said[email] = page.locator(".messages").inner_text()
                page.context.close()

            mod.goto(moderation)
            with mod.expect_navigation():
                mod.get_by_role("button", name="Call #1").click()
            called = mod.locator(".messages").inner_text()
            visitor = browser.new_page(java_script_enabled=False)
            visitor.goto(self.url(f"{session.url}questions/"))
            speaker = visitor.locator("[data-floor-speaker]").inner_text()
            waiting = texts(visitor.locator(QUEUE))
            browser.close()

        assert opened == "Speaking queue: Open for requests; 2 min per speaker."
        assert said == {
            first: "You are in the queue as #1. Watch for your turn.",
            second: "You are in the queue as #2. Watch for your turn.",
        }
        assert called == "Called: #1 has the floor."
        assert "#1 Participant 1" in " ".join(speaker.split())
        assert "of 2:00" in speaker
        assert len(waiting) == 1 and waiting[0].startswith("#2 Participant ")
        assert "Participant 2" not in waiting[0]  # as they chose, for the public

    def test_floor_pages_are_accessible_and_fit_small_phones(self):
        session, participants, moderator = build_session(moderator=True)
        floor_in_use(session, participants)
        pages = {
            "session-visitor": (None, session.url),
            "session-participant": (participants[0], session.url),
            "moderation": (moderator, f"{session.url}questions/moderate/"),
            "wall": (None, f"{session.url}questions/"),
        }

        def ready(page):
            page.wait_for_selector(LIVE)
            page.locator("details.floor-heard summary").first.click()

        problems, narrow = self.pages_problems(
            pages, "floor", moderator=moderator, ready=ready
        )

        assert problems == {}
        assert narrow == {}


class LiveFloorTests(BrowserTestCase):
    def test_requests_calls_and_the_clock_follow_live_on_page_and_wall(self):
        session, (first, second), moderator = build_session(moderator=True)
        open_floor(session)
        session_url = self.url(session.url)

        with sync_playwright() as pw:
            browser = self.launch(pw)
            wall = browser.new_page()
            wall.goto(self.url(f"{session.url}questions/"))
            wall.wait_for_selector(LIVE)
            pages = []
            for email in (first, second):
                page = browser.new_context().new_page()
                sign_in(page, self.live_server_url, email)
                page.goto(session_url)
                page.wait_for_selector(LIVE)
                page.evaluate("window.notReloaded = true")
                pages.append(page)
            mod = browser.new_context().new_page()
            sign_in(mod, self.live_server_url, moderator)
            mod.goto(self.url(f"{session.url}questions/moderate/"))
            mod.wait_for_selector(LIVE)

            for page, topic in zip(pages, ("Open access", "Libraries"), strict=True):
                floor = page.locator("#floor")
                floor.get_by_label("Topic (optional)").fill(topic)
                floor.get_by_role("button", name="Request the floor").click()
            expect(wall.locator(QUEUE)).to_have_count(2)
            expect(mod.locator(QUEUE)).to_have_count(2)
            own = pages[0].locator("[data-floor-said]").inner_text()
            declined = pages[0].locator("form[data-floor-unspeak]").inner_text()

            mod.get_by_role("button", name="Call #1").click()
            expect(pages[0].locator("[data-floor-yours]")).to_be_visible()
            expect(pages[0].locator("[data-floor-said]")).to_have_text(
                "You have the floor now."
            )
            expect(pages[1].locator("[data-floor-said]")).to_have_text(
                "Now speaking: #1 Participant 1."
            )
            clock = wall.locator("[data-floor-clock]")
            expect(clock).to_have_text(re.compile(r"0:0[1-9]"), timeout=5000)
            wall_speaker = wall.locator("[data-floor-speaker]").inner_text()
            mod.get_by_role("button", name="Stop the clock").click()
            expect(wall.locator("[data-floor-stopped]")).to_be_visible()

            # The second withdraws, then asks again, on the same page.
            pages[1].get_by_role("button", name="Decline to speak for now").click()
            expect(wall.locator(QUEUE)).to_have_count(0)
            expect(pages[1].locator("form[data-floor-speak]")).to_be_visible()
            not_reloaded = [p.evaluate("window.notReloaded === true") for p in pages]
            browser.close()

        assert own == "You are #1 in the queue. Watch for your turn."
        assert "#1" in declined
        assert "Participant 1" in wall_speaker and "Open access" in wall_speaker
        assert not_reloaded == [True, True]
        spoken = SpeakRequest.objects.get(number=1)
        assert spoken.status == SpeakRequest.Status.SPEAKING
        assert spoken.clock_since is None and spoken.spoken >= 1
        assert SpeakRequest.objects.get(number=2).status == "withdrawn"

    def test_a_moderator_moves_a_request_by_keyboard_alone(self):
        session, participants, moderator = build_session(participants=3, moderator=True)
        open_floor(session)
        with transaction.atomic():
            for email in participants:
                user = Registration.objects.get(user__email=email).user
                services.request(user, session)
        moderation = self.url(f"{session.url}questions/moderate/")

        with sync_playwright() as pw:
            browser = self.launch(pw)
            mod = browser.new_page()
            sign_in(mod, self.live_server_url, moderator)
            mod.goto(moderation)
            mod.wait_for_selector(LIVE)
            third = mod.locator(QUEUE).nth(2)
            # To the third request's "Skip or move" by Tab alone.
            summary = third.locator("summary")
            for _ in range(80):
                mod.keyboard.press("Tab")
                if summary.evaluate("el => el === document.activeElement"):
                    break
            focused_summary = summary.evaluate("el => el === document.activeElement")
            mod.keyboard.press("Enter")  # opens it
            mod.keyboard.press("Tab")
            mod.keyboard.type("A reply to the minister")
            mod.keyboard.press("Tab")
            mod.keyboard.type("1")
            mod.keyboard.press("Tab")  # to Move
            mod.keyboard.press("Enter")
            expect(mod.locator("[data-floor-said]")).to_have_text(
                "Moved; the reason is kept on record."
            )
            order = [t.split(" ")[0] for t in texts(mod.locator(QUEUE))]
            call = mod.locator(QUEUE).first.locator("[data-floor-call]").is_visible()
            browser.close()

        assert focused_summary
        assert order == ["#3", "#1", "#2"]
        assert call
        (entry,) = FloorEntry.objects.filter(action="moved")
        assert entry.reason == "To place 1: A reply to the minister"

    def test_a_floor_opened_while_the_page_is_open_offers_its_form(self):
        session, (participant, _), moderator = build_session(moderator=True)
        with transaction.atomic():
            services.configure(
                session.roles.first().person.user, session, status=Floor.Status.CLOSED
            )
        session_url = self.url(session.url)
        moderation = self.url(f"{session.url}questions/moderate/")

        with sync_playwright() as pw:
            browser = self.launch(pw)
            page = browser.new_context().new_page()
            sign_in(page, self.live_server_url, participant)
            page.goto(session_url)
            page.wait_for_selector(LIVE)
            form = page.locator("form[data-floor-speak]")
            hidden_while_closed = form.is_hidden()
            mod = browser.new_context().new_page()
            sign_in(mod, self.live_server_url, moderator)
            mod.goto(moderation)
            settings = mod.locator("details.floor-settings")
            settings.locator("summary").click()
            settings.get_by_label("Speaking queue").select_option("open")
            with mod.expect_navigation():
                settings.get_by_role("button", name="Save the queue settings").click()
            expect(form).to_be_visible()
            expect(page.locator("[data-floor-status]")).to_have_text(
                "Open for requests to speak."
            )
            form.get_by_role("button", name="Request the floor").click()
            expect(page.locator("[data-floor-said]")).to_have_text(
                "You are #1 in the queue. Watch for your turn."
            )
            browser.close()

        assert hidden_while_closed
        assert SpeakRequest.objects.get().number == 1
