"""The offline copy: after one visit the programme, a session read and an agenda's
sessions open with no network, marked as a copy from a given time; a page never read
says it was not kept; and what one reader kept is gone once they sign out."""

from django.db import transaction
from playwright.sync_api import sync_playwright

from sessions import agenda
from tests.browser.harness import BrowserTestCase, build_forum, sign_in, verified_user
from tests.factories import EventPageFactory, SessionPageFactory

# Resolves once the worker controls the page and has kept `url` (the pages cache).
KEPT = """async (url) => {
  await navigator.serviceWorker.ready;
  for (let i = 0; i < 100; i++) {
    const cache = await caches.open("offline-pages");
    if (navigator.serviceWorker.controller && await cache.match(url)) return true;
    await new Promise((done) => setTimeout(done, 100));
  }
  return false;
}"""
# Resolves once the worker no longer keeps `url`.
FORGOTTEN = """async (url) => {
  for (let i = 0; i < 100; i++) {
    if (!await (await caches.open("offline-pages")).match(url)) return true;
    await new Promise((done) => setTimeout(done, 100));
  }
  return false;
}"""
NOTE = ".offline-note"
# Resolves once the worker keeps the site's stylesheet.
STYLES_KEPT = """async () => {
  for (let i = 0; i < 100; i++) {
    const keys = await (await caches.open("offline-static")).keys();
    if (keys.some((key) => key.url.endsWith(".css"))) return true;
    await new Promise((done) => setTimeout(done, 100));
  }
  return false;
}"""
# The layout as site.css sets it, not the browser's default.
STYLED = "getComputedStyle(document.body).fontFamily.includes('system-ui')"


class OfflineCopyTests(BrowserTestCase):
    def test_after_one_visit_the_programme_and_a_session_open_offline(self):
        pages = build_forum(sessions=3)
        programme, session = self.url(pages["programme"]), self.url(pages["session"])

        with sync_playwright() as pw:
            browser = self.launch(pw)
            context = browser.new_context()
            page = context.new_page()
            page.goto(programme)
            kept_programme = page.evaluate(KEPT, programme)
            styles_kept = page.evaluate(STYLES_KEPT)  # fetched before the worker ran
            context.set_offline(True)
            page.reload()  # the one page read so far, styled as it was
            programme_offline = page.locator("h1").inner_text()
            styled = page.evaluate(STYLED)
            context.set_offline(False)
            page.goto(session)
            kept_session = page.evaluate(KEPT, session)

            context.set_offline(True)
            page.reload()
            session_offline = page.locator("h1").inner_text()
            session_note = page.locator(NOTE).inner_text()
            page.goto(self.url(pages["outcome"]))  # never opened
            unkept = page.locator("main").inner_text()
            browser.close()

        assert (kept_programme, styles_kept, kept_session) == (True, True, True)
        assert session_offline.startswith("Closing the knowledge gap")
        assert session_note.startswith("Offline copy from ")
        assert styled  # the site's CSS was kept with the first page
        assert programme_offline.startswith("Programme")
        assert "This page was not kept for offline reading." in unkept
        assert "Closing the knowledge gap" in unkept  # the kept pages, listed

    def test_keeping_the_first_page_downloads_nothing_again(self):
        """The first page was read before the worker ran: it keeps that page and its
        files from the browser's own cache, not by downloading them a second time (a
        visit on a slow line would weigh double)."""
        pages = build_forum(sessions=3)
        session = self.url(pages["session"])

        with sync_playwright() as pw:
            browser = self.launch(pw)
            context = browser.new_context()  # no routing: the HTTP cache is on
            by_worker = []

            def finished(request):
                if request.service_worker and not request.url.endswith("/sw.js"):
                    by_worker.append((request.url, request.sizes()["responseBodySize"]))

            context.on("requestfinished", finished)
            page = context.new_page()
            page.goto(session)
            kept = page.evaluate(KEPT, session)
            styles_kept = page.evaluate(STYLES_KEPT)
            browser.close()

        assert (kept, styles_kept) == (True, True)
        assert {url.rsplit("/", 2)[-2] for url, _ in by_worker} >= {"css", "js"}
        assert session in [url for url, _ in by_worker]
        downloaded = [(url, size) for url, size in by_worker if size > 0]
        assert downloaded == []

    def test_an_agenda_keeps_its_sessions_and_is_forgotten_on_signing_out(self):
        user, session_url = self.participant_with_an_agenda()
        address = self.url(session_url)
        agenda_address = self.url("/me/agenda/")

        with sync_playwright() as pw:
            browser = self.launch(pw)
            context = browser.new_context()
            page = context.new_page()
            sign_in(page, self.live_server_url, user)
            page.goto(agenda_address)
            page.evaluate(KEPT, agenda_address)
            kept_session = page.evaluate(KEPT, address)  # kept unread, with the agenda
            context.set_offline(True)
            page.goto(address)
            read_offline = page.locator("h1").inner_text()
            context.set_offline(False)

            page.goto(self.url("/accounts/logout/"))
            page.get_by_role("button", name="Sign Out").click()
            page.wait_for_url(self.url("/"))
            forgotten = page.evaluate(FORGOTTEN, agenda_address)
            context.set_offline(True)
            page.goto(agenda_address)
            after_sign_out = page.locator("main").inner_text()
            browser.close()

        assert (kept_session, forgotten) == (True, True)
        assert read_offline.startswith("Mapping who knows what")
        assert "This page was not kept" in after_sign_out
        assert "Mapping who knows what" not in after_sign_out

    @transaction.atomic
    def participant_with_an_agenda(self):
        user = verified_user()
        session = SessionPageFactory(
            event=EventPageFactory(), title="Mapping who knows what"
        )
        agenda.add(user, session)
        return user.email, session.url
