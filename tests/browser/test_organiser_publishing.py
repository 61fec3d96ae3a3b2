"""An organiser previews a session and schedules one to go live, in Chromium."""

from django.db import transaction
from playwright.sync_api import expect, sync_playwright

from sessions.models import SessionPage
from tests.browser.harness import BrowserTestCase, screenshot, sign_in, verified_user
from tests.factories import EventPageFactory, SessionPageFactory


class PreviewTests(BrowserTestCase):
    def test_the_live_preview_shows_the_session_page(self):
        with transaction.atomic():
            organiser = verified_user(is_staff=True, is_superuser=True)
            event = EventPageFactory(title="Workshop on open data")
            session = SessionPageFactory(
                event=event,
                title="Open data with quality",
                summary="Which data can partners trust?",
            )

        with sync_playwright() as pw:
            browser = self.launch(pw)
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            visit = self.watch(context)
            page = context.new_page()
            sign_in(page, self.live_server_url, organiser.email)
            page.goto(self.url(f"/admin/pages/{session.pk}/edit/"))
            page.get_by_role("button", name="Toggle preview").click()
            frame = page.frame_locator("#w-preview-iframe")
            expect(frame.locator("h1")).to_contain_text("Open data with quality")
            screenshot(page, "admin-preview")
            refused = visit.csp_violations(page)
            browser.close()

        assert refused == []
        assert SessionPage.objects.get(pk=session.pk).title == "Open data with quality"
