"""Polls in a real browser, as the page without JavaScript serves them: a moderator
prepares and launches a poll, participants answer on a phone, the results are revealed
on the session page and the wall; every page light, accessible and 360 px wide."""

from django.db import transaction
from playwright.sync_api import expect, sync_playwright

from participants.models import Registration
from sessions.polls import services
from sessions.polls.models import Poll, PollAnswer
from tests.browser.harness import (
    BrowserTestCase,
    sign_in,
)
from tests.browser.test_qa import LIVE, build_session


@transaction.atomic
def polls_in_each_state(session, participant):
    """Closed rating and word-cloud polls with their results shown, and a live
    ranking."""
    user = Registration.objects.get(user__email=participant).user
    moderator = session.roles.first().person.user
    rating = services.prepare(
        moderator, session, question="How useful was this session?", kind="rating"
    )
    services.launch(moderator, session, rating.pk)
    services.answer(user, session, rating.pk, rating=4)
    services.close(moderator, session, rating.pk)
    services.reveal(moderator, session, rating.pk)
    words = services.prepare(
        moderator, session, question="In a few words, what works?", kind="words"
    )
    services.launch(moderator, session, words.pk)
    services.answer(user, session, words.pk, words="Shared libraries")
    services.close(moderator, session, words.pk)
    services.reveal(moderator, session, words.pk)
    ranking = services.prepare(
        moderator,
        session,
        question="What should come first?",
        kind="ranking",
        options=["Open data", "Local hubs", "Funding for archives"],
        results_live=True,
    )
    services.launch(moderator, session, ranking.pk)


class PollTests(BrowserTestCase):
    def test_a_poll_prepared_launched_answered_and_revealed_with_plain_forms(self):
        session, (first, second), moderator = build_session(moderator=True)
        moderation = self.url(f"{session.url}questions/moderate/")
        session_url = self.url(session.url)
        wall_url = self.url(f"{session.url}questions/")

        with sync_playwright() as pw:
            browser = self.launch(pw)
            mod = browser.new_page(java_script_enabled=False)
            sign_in(mod, self.live_server_url, moderator)
            mod.goto(moderation)
            form = mod.locator("details.poll-prepare")
            form.get_by_label("Question").fill("Which hub should open first?")
            form.get_by_label("Kind").select_option("single")
            form.get_by_label("Options, one per line").fill("Accra\nNairobi\nSuva")
            with mod.expect_navigation():
                form.get_by_role("button", name="Prepare").click()
            with mod.expect_navigation():
                mod.get_by_role("button", name="Launch").click()
            launched = mod.locator(".messages").inner_text()

            answers = {}
            for email, hub in ((first, "Nairobi"), (second, "Suva")):
                page = browser.new_page(java_script_enabled=False)
                sign_in(page, self.live_server_url, email)
                page.goto(session_url)
                poll = page.locator("#poll")
                poll.get_by_label(hub).check()
                with page.expect_navigation():
                    poll.get_by_role("button", name="Answer").click()
                answers[email] = (
                    page.locator(".messages").inner_text(),
                    page.locator("#poll")
                    .get_by_text("shown once the moderators")
                    .count(),
                )
                page.context.close()

            with mod.expect_navigation():
                mod.get_by_role("button", name="Show the results to everyone").click()
            visitor = browser.new_page(java_script_enabled=False)
            visitor.goto(session_url)
            public = visitor.locator("#poll .poll-bars li").all_inner_texts()
            visitor.goto(wall_url)
            wall = visitor.locator(".poll-wall .poll-bars li").all_inner_texts()
            browser.close()

        assert launched == "Poll launched: “Which hub should open first?”."
        assert answers == {
            first: ("Your answer is counted.", 1),
            second: ("Your answer is counted.", 1),
        }
        expected = ["Accra 0 (0 %)", "Nairobi 1 (50 %)", "Suva 1 (50 %)"]
        assert [" ".join(text.split()) for text in public] == expected
        assert [" ".join(text.split()) for text in wall] == expected
        assert PollAnswer.objects.filter(poll__session=session).count() == 2
        assert Poll.objects.get(session=session).status == Poll.Status.LIVE

    def test_poll_pages_are_accessible_and_fit_small_phones(self):
        session, (participant,), moderator = build_session(
            participants=1, moderator=True
        )
        polls_in_each_state(session, participant)
        pages = {
            "session-visitor": (None, session.url),
            "session-participant": (participant, session.url),
            "moderation": (moderator, f"{session.url}questions/moderate/"),
            "wall": (None, f"{session.url}questions/"),
        }

        problems, narrow = self.pages_problems(pages, "polls", moderator=moderator)

        assert problems == {}
        assert narrow == {}


@transaction.atomic
def prepared_poll(session):
    moderator = session.roles.first().person.user
    return services.prepare(
        moderator,
        session,
        question="Which hub should open first?",
        kind="single",
        options=["Accra", "Nairobi", "Suva"],
        results_live=True,
    )


class LivePollTests(BrowserTestCase):
    def test_a_launch_appears_and_an_answer_reaches_the_wall_without_reload(self):
        session, (participant, _), moderator = build_session(moderator=True)
        prepared_poll(session)
        session_url = self.url(session.url)

        with sync_playwright() as pw:
            browser = self.launch(pw)
            wall = browser.new_page()
            wall.goto(self.url(f"{session.url}questions/"))
            wall.wait_for_selector(LIVE)
            page = browser.new_context().new_page()
            sign_in(page, self.live_server_url, participant)
            page.goto(session_url)
            page.wait_for_selector(LIVE)
            page.evaluate("window.notReloaded = true")
            mod = browser.new_context().new_page()
            sign_in(mod, self.live_server_url, moderator)
            mod.goto(self.url(f"{session.url}questions/moderate/"))
            with mod.expect_navigation():
                mod.get_by_role("button", name="Launch").click()

            poll = page.locator("#poll")
            expect(
                poll.get_by_role("heading", name="Which hub should open first?")
            ).to_be_visible()
            opened = poll.locator("[data-poll-said]").inner_text()
            poll.get_by_label("Nairobi").check()
            poll.get_by_role("button", name="Answer").click()
            expect(poll.locator("[data-poll-said]")).to_have_text(
                "Your answer is counted."
            )
            expect(wall.locator(".poll-wall .poll-bars li").nth(1)).to_contain_text(
                "1 (100 %)"
            )
            wall_poll = wall.locator(".poll-wall h2").inner_text()
            button = poll.locator("form.poll-answer button").inner_text()
            not_reloaded = page.evaluate("window.notReloaded === true")
            browser.close()

        assert opened == "A poll is open: Which hub should open first?"
        assert wall_poll == "Poll: Which hub should open first?"
        assert button == "Change my answer"
        assert not_reloaded
        (answer,) = PollAnswer.objects.filter(poll__session=session)
        assert [c.option.text for c in answer.choices.all()] == ["Nairobi"]

    def test_a_participant_answers_by_keyboard_alone(self):
        session, (participant, _), _ = build_session(moderator=True)
        poll = prepared_poll(session)
        with transaction.atomic():
            services.launch(session.roles.first().person.user, session, poll.pk)
        session_url = self.url(session.url)

        with sync_playwright() as pw:
            browser = self.launch(pw)
            page = browser.new_page()
            sign_in(page, self.live_server_url, participant)
            page.goto(session_url)
            page.wait_for_selector(LIVE)
            first_option = page.locator("#poll").get_by_label("Accra")
            # Tab to the poll's first option, then choose with the arrow keys.
            for _ in range(60):
                page.keyboard.press("Tab")
                if first_option.evaluate("el => el === document.activeElement"):
                    break
            reached = first_option.evaluate("el => el === document.activeElement")
            page.keyboard.press("ArrowDown")  # Nairobi, checked as it is reached
            page.keyboard.press("Tab")  # out of the group, to Answer
            focused = page.evaluate("document.activeElement.textContent")
            page.keyboard.press("Enter")
            said = page.locator("#poll [data-poll-said]")
            expect(said).to_have_text("Your answer is counted.")
            browser.close()

        assert reached
        assert focused == "Answer"
        (answer,) = PollAnswer.objects.filter(poll__session=session)
        assert [c.option.text for c in answer.choices.all()] == ["Nairobi"]
