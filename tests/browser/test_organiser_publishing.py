"""An organiser previews a session and schedules one to go live, in Chromium."""

import re
import time
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from playwright.sync_api import expect, sync_playwright

from sessions.models import ProgrammeChange, SessionPage
from tests.browser.harness import (
    BrowserTestCase,
    axe_violations,
    screenshot,
    sign_in,
    verified_user,
)
from tests.factories import EventPageFactory, SessionPageFactory
from tests.servers import daphne, servers_database_url


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
            preview = page.locator("#w-preview-iframe").element_handle().content_frame()
            problems = visit.csp_violations(page) + axe_violations(preview)
            browser.close()

        assert problems == []
        assert SessionPage.objects.get(pk=session.pk).title == "Open data with quality"


def make_run_scheduler_flags():
    """The scheduling flag `make run` starts the launcher with."""
    makefile = (Path(settings.BASE_DIR) / "Makefile").read_text()
    run = re.search(r"^run: .*?(?=^\S)", makefile, re.MULTILINE | re.DOTALL)[0]
    flag = re.search(r"(--publish-scheduled-every) \$\(PUBLISH_EVERY\)", run)[1]
    return flag, re.search(r"^PUBLISH_EVERY \?= (\d+)", makefile, re.MULTILINE)[1]


class ScheduledPublishingTests(BrowserTestCase):
    def test_a_scheduled_session_goes_live_by_itself_and_not_before(self):
        flag, every = make_run_scheduler_flags()
        assert int(every) <= 60  # a session goes live within a minute of its time
        with transaction.atomic():
            organiser = verified_user(is_staff=True, is_superuser=True)
            event = EventPageFactory(title="Workshop on open data")
            session = SessionPageFactory(
                event=event, title="Brokers circle", revision=False
            )
            SessionPage.objects.filter(pk=session.pk).update(live=False)
        changes = f"{event.url}programme/changes/"

        # As `make run` serves, with a shorter round so the test is quick.
        with (
            daphne(flag, "1", DATABASE_URL=servers_database_url()) as base,
            sync_playwright() as pw,
        ):
            browser = self.launch(pw)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            sign_in(page, base, organiser.email)
            page.goto(f"{base}/admin/pages/{session.pk}/edit/")
            # The admin's picker keeps whole minutes (it drops typed seconds): the
            # next whole minute at least 15 s away, time enough to schedule.
            soon = timezone.now() + timedelta(seconds=75)
            go_live = soon.replace(second=0, microsecond=0)
            page.get_by_role("button", name="Status").click()
            page.get_by_role("button", name="Set schedule").click()
            # The field's calendar opens a moment after the field takes focus, over
            # the dialog's buttons, and stays open until a click elsewhere: clicking
            # through it would pick a day. So: open it, type, close it, then save.
            field = page.get_by_label("Go live date/time")
            calendar = page.locator(".xdsoft_datetimepicker:visible")
            field.click()
            expect(calendar).to_have_count(1)
            field.fill(f"{go_live:%Y-%m-%d %H:%M}")
            page.get_by_role("dialog").get_by_role("heading").first.click()
            expect(calendar).to_have_count(0)
            with page.expect_navigation():  # saved as a draft with its schedule
                page.get_by_role("button", name="Save schedule").click()
            page.locator("footer .w-dropdown__toggle").click()
            page.get_by_role("button", name="Schedule to publish", exact=True).click()
            expect(page.locator(".messages")).to_contain_text("scheduled")
            before = page.goto(f"{base}{session.url}").status
            listed_before = "Brokers circle" in page.goto(f"{base}{changes}").text()
            checked_before_at = timezone.now()
            # Then it goes live by itself, within a round (1 s) of its time.
            deadline = time.monotonic() + 90
            status = before
            while status != 200 and time.monotonic() < deadline:
                page.wait_for_timeout(250)
                status = page.goto(f"{base}{session.url}").status
            went_live_seen = timezone.now()
            listed_after = "Brokers circle" in page.goto(f"{base}{changes}").text()
            browser.close()

        assert checked_before_at < go_live, "the test took too long to schedule"
        assert SessionPage.objects.get(pk=session.pk).go_live_at == go_live
        assert (before, listed_before) == (404, False)
        assert (status, listed_after) == (200, True)
        change = ProgrammeChange.objects.get(session=session)
        assert go_live <= change.at <= went_live_seen
