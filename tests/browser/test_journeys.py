"""What visitors and organisers do, step by step, in a real browser."""

from playwright.sync_api import sync_playwright

from sessions.models import SessionPage
from tests.browser.harness import (
    BrowserTestCase,
    build_forum,
    screenshot,
    sign_in,
    verified_user,
)
from tests.factories import EventPageFactory


class VisitorJourneyTests(BrowserTestCase):
    def test_visitor_finds_a_session_in_the_programme_and_reads_its_issue_note(self):
        pages = build_forum(sessions=6)

        # Each click that loads a page is followed by a wait for its address, so the
        # next step never reads the page being left.
        with sync_playwright() as pw:
            browser = self.launch(pw)
            page = browser.new_page()
            page.goto(self.url("/"))
            nav = page.get_by_role("navigation", name="Main")
            nav.get_by_role("link", name="Events").click()
            page.wait_for_url(self.url("/events/"))
            page.get_by_role("link", name="Forum on knowledge sharing").click()
            page.wait_for_url(self.url(pages["event"]))
            page.get_by_role("link", name="Programme").click()
            page.wait_for_url(self.url(pages["programme"]))
            filters = page.get_by_role("group", name="Filter the programme")
            filters.get_by_label("Day").select_option(label="Monday 12 May")
            filters.get_by_label("Track").select_option("Partnerships")
            filters.get_by_label("Theme").select_option("sdg-4")
            page.get_by_role("button", name="Show sessions").click()
            page.wait_for_url(lambda url: "theme=sdg-4" in url)
            count = page.locator(".count").inner_text()
            page.get_by_role("link", name="Closing the knowledge gap").click()
            page.wait_for_url(self.url(pages["session"]))
            heading = page.locator("h1").inner_text()
            note = page.get_by_role("region", name="Issue note").inner_text()
            browser.close()

        assert count == "1 of 7 sessions match."
        assert heading == "Closing the knowledge gap"
        assert "Knowledge is unevenly shared between regions." in note
        assert "Who holds the knowledge that development needs?" in note


class OrganiserJourneyTests(BrowserTestCase):
    def test_organiser_signs_in_adds_a_session_and_sees_it_in_the_programme(self):
        organiser = verified_user(is_staff=True, is_superuser=True)
        event = EventPageFactory(title="Forum on knowledge sharing", sessions=2)
        programme = self.url(f"{event.url}programme/")

        with sync_playwright() as pw:
            browser = self.launch(pw)
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            visit = self.watch(context)
            page = context.new_page()
            sign_in(page, self.live_server_url, organiser.email)
            page.get_by_role("link", name="Admin").click()
            page.wait_for_url(self.url("/admin/"))
            page.goto(self.url(f"/admin/pages/{event.pk}/"))
            page.get_by_role("link", name="Add child page").first.click()
            page.locator("#id_title").fill("Open data for development")
            page.keyboard.press("Tab")  # leaving the title fills in the slug
            page.locator("footer .w-dropdown__toggle").click()
            page.get_by_role("button", name="Publish").click()
            page.wait_for_url(f"**/admin/pages/{event.pk}/")
            screenshot(page, "admin-sessions")
            page.goto(programme)
            titles = page.locator(".session h4").all_inner_texts()
            userbars = page.locator("wagtail-userbar").count()
            csp_violations = visit.csp_violations(page)
            browser.close()

        session = SessionPage.objects.get(title="Open data for development")
        assert session.live and session.get_parent().pk == event.pk
        assert "Open data for development" in titles
        assert (userbars, csp_violations) == (1, [])  # the user bar keeps the policy
