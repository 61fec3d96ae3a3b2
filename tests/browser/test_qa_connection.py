"""Live Q&A when the connection goes: the page says so, its counts say they stand
still, it comes back as soon as the network does, and a question typed meanwhile is
kept and sent, never posted into a browser error page."""

from playwright.sync_api import expect, sync_playwright

from sessions.qa.models import Question
from tests.browser.harness import BrowserTestCase, axe_violations, sign_in
from tests.browser.test_qa import LIVE, build_session
from tests.servers import daphne, redis_server, servers_database_url

STATUS = "[data-qa-connection]"
UNAVAILABLE = "The live Q&A is unavailable right now. It reconnects by itself."
QUESTION = "How do we keep a library open when the grant ends?"


class ConnectionTests(BrowserTestCase):
    def test_offline_is_said_and_a_question_asked_meanwhile_is_sent_on_return(self):
        session, (asker,), _ = build_session(participants=1)
        address = self.url(session.url)  # the ORM stays out of Playwright's loop

        with sync_playwright() as pw:
            browser = self.launch(pw)
            context = browser.new_context()
            self.watch(context)  # serves axe-core, offline too
            page = context.new_page()
            sign_in(page, self.live_server_url, asker)
            page.goto(address)
            page.wait_for_selector(LIVE)
            live = page.locator(STATUS).inner_text()

            context.set_offline(True)
            expect(page.locator(STATUS)).to_have_text(
                "You are offline. What you see here may be out of date."
            )
            stale = page.locator("[data-qa-stale]").inner_text()
            page.get_by_role("textbox", name="Your question").fill(QUESTION)
            page.get_by_role("button", name="Ask").click()
            kept = page.locator("[data-qa-pending]").inner_text()
            still_here = page.url
            typed = page.get_by_role("textbox", name="Your question").input_value()
            offline_problems = axe_violations(page)

            context.set_offline(False)  # back: no waiting for the back-off
            expect(page.locator(STATUS)).to_have_text(
                "Live: questions and votes appear as they happen."
            )
            expect(page.locator('[data-qa-list="open"]')).to_contain_text(QUESTION)
            expect(page.locator("[data-qa-pending]")).to_be_hidden()
            emptied = page.get_by_role("textbox", name="Your question").input_value()
            stale_after = page.locator("[data-qa-stale]").is_visible()
            browser.close()

        assert live == "Live: questions and votes appear as they happen."
        assert stale.startswith(" (as of ") and stale.endswith(", not up to date)")
        assert kept.startswith("Not sent yet: your question is kept here")
        assert (still_here, typed) == (address, QUESTION)
        assert offline_problems == []
        assert (emptied, stale_after) == ("", False)
        assert list(Question.objects.values_list("text", flat=True)) == [QUESTION]

    def test_a_dropped_socket_reconnects_and_says_so_meanwhile(self):
        session, (reader,), _ = build_session(participants=1)
        address = self.url(session.url)  # the ORM stays out of Playwright's loop
        sockets = []

        def through(route):  # every socket of the page passes here, to be dropped
            route.connect_to_server()
            sockets.append(route)

        with sync_playwright() as pw:
            browser = self.launch(pw)
            page = browser.new_page()
            page.route_web_socket("**/qa/", through)
            sign_in(page, self.live_server_url, reader)
            page.goto(address)
            page.wait_for_selector(LIVE)
            sockets[-1].close()
            expect(page.locator(STATUS)).to_have_text("Connection lost. Reconnecting…")
            reconnecting_counts = page.locator("[data-qa-stale]").is_visible()
            page.wait_for_selector(LIVE)
            back = page.locator(STATUS).inner_text()
            browser.close()

        assert reconnecting_counts is True
        assert back == "Live: questions and votes appear as they happen."
        assert len(sockets) == 2  # one new connection, not a storm

    def test_a_question_typed_survives_a_reload(self):
        session, (asker,), _ = build_session(participants=1)
        address = self.url(session.url)  # the ORM stays out of Playwright's loop

        with sync_playwright() as pw:
            browser = self.launch(pw)
            page = browser.new_page()
            sign_in(page, self.live_server_url, asker)
            page.goto(address)
            page.wait_for_selector(LIVE)
            page.get_by_role("textbox", name="Your question").fill(QUESTION)
            page.reload()
            page.wait_for_selector(LIVE)
            kept = page.get_by_role("textbox", name="Your question").input_value()
            browser.close()

        assert kept == QUESTION


class OwnQuestionTests(BrowserTestCase):
    def test_an_asker_corrects_then_withdraws_a_pending_question_live(self):
        session, (asker,), _ = build_session(premoderation=True, participants=1)
        address = self.url(session.url)

        with sync_playwright() as pw:
            browser = self.launch(pw)
            page = browser.new_page()
            sign_in(page, self.live_server_url, asker)
            page.goto(address)
            page.wait_for_selector(LIVE)
            page.get_by_role("textbox", name="Your question").fill("Who fund it?")
            page.get_by_role("button", name="Ask").click()
            mine = page.locator('[data-qa-list="mine"] > li')
            expect(mine).to_have_count(1)
            mine.get_by_text("Correct my question").click()
            mine.get_by_label("Corrected text").fill("Who funds the archive?")
            mine.get_by_role("button", name="Save the correction").click()
            expect(mine.locator("[data-field=text]")).to_have_text(
                "Who funds the archive?"
            )
            expect(page.locator("[data-qa-announce]")).to_have_text(
                "Your question is corrected."
            )
            mine.get_by_role("button", name="Withdraw").click()
            expect(mine).to_have_count(0)
            expect(page.locator("[data-qa-announce]")).to_have_text(
                "Your question is withdrawn."
            )
            browser.close()

        question = Question.objects.get()
        assert (question.text, question.status) == (
            "Who funds the archive?",
            "withdrawn",
        )


class OutageTests(BrowserTestCase):
    def test_a_redis_outage_says_the_live_qa_is_unavailable_until_it_is_back(self):
        """A daphne process on a Redis of its own, which the test kills: the page stays
        and says the live Q&A is unavailable, then goes live again by itself."""
        session, _, _ = build_session(participants=0)
        path = session.url

        with (
            redis_server() as redis,
            daphne(
                DATABASE_URL=servers_database_url(),
                REDIS_URL=f"redis://127.0.0.1:{redis.port}/0",
            ) as base,
            sync_playwright() as pw,
        ):
            browser = self.launch(pw)
            page = browser.new_page()
            page.goto(base + path)
            page.wait_for_selector(LIVE)
            redis.kill()
            redis.wait()
            expect(page.locator(STATUS)).to_have_text(UNAVAILABLE)
            stale = page.locator("[data-qa-stale]").is_visible()
            reloaded = page.reload().status  # the page itself is still served
            expect(page.locator(STATUS)).to_have_text(UNAVAILABLE, timeout=10_000)
            with redis_server(redis.port):
                # Back within the client's back-off (2 s, 4 s, 8 s … with jitter).
                page.wait_for_selector(LIVE, timeout=35_000)
                back = page.locator(STATUS).inner_text()
            browser.close()

        assert stale is True
        assert reloaded == 200
        assert back == "Live: questions and votes appear as they happen."
