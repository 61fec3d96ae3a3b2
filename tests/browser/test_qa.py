"""Live Q&A in a real browser: participants, the wall and a moderator in separate
browser contexts over the real websocket; accessibility, keyboard and no-JS use."""

import json
import re
from contextlib import contextmanager

from django.db import transaction
from playwright.sync_api import expect, sync_playwright

from participants.models import Registration
from sessions.models import SessionPage, SessionRole
from sessions.qa import services
from sessions.qa.models import QABoard, Question, Vote
from tests.browser.harness import (
    FOCUS,
    SCREENSHOTS,
    BrowserTestCase,
    axe_violations,
    record,
    screenshot,
    sign_in,
    verified_user,
)
from tests.factories import (
    EventPageFactory,
    PersonFactory,
    ProfileFactory,
    SessionPageFactory,
)

LIVE = '[data-qa][data-live="true"]'  # the snapshot arrived: forms use the socket
OPEN = '[data-qa-list="open"] > li'


@transaction.atomic  # one commit: these tests run outside a test transaction
def build_session(*, premoderation=False, participants=2, moderator=False):
    """A live session with its Q&A open and registered participants who can sign in;
    returns (session, their emails, the moderator's email or None)."""
    event = EventPageFactory(title="Forum on knowledge sharing")
    session = SessionPageFactory(
        event=event,
        title="Closing the knowledge gap",
        questions=["What works?", "What is missing?"],
    )
    QABoard.objects.create(
        session=session, status=QABoard.Status.OPEN, premoderation=premoderation
    )
    emails = []
    for n in range(participants):
        user = verified_user()
        profile = ProfileFactory(user=user, full_name=f"Participant {n + 1}")
        Registration.objects.create(
            event=event,
            user=user,
            group=profile.group,
            status=Registration.Status.CONFIRMED,
        )
        emails.append(user.email)
    moderator_email = None
    if moderator:
        user = verified_user()
        ProfileFactory(user=user, full_name="Mo Derator")
        session = SessionPage.objects.get(pk=session.pk)
        session.roles.add(
            SessionRole(
                person=PersonFactory(user=user), role=SessionRole.Role.MODERATOR
            )
        )
        session.save_revision().publish()
        moderator_email = user.email
    return SessionPage.objects.get(pk=session.pk), emails, moderator_email


@transaction.atomic
def add_questions(session, email):
    """A few questions in each state, for the pages that are looked at whole."""
    asker = Registration.objects.get(user__email=email).user
    texts = [
        "Who funds the archive once the project ends?",
        "How do libraries in small islands share what they collect?",
        "Which open licences work for traditional knowledge?",
        "<b>Is markup shown as text?</b>",
    ]
    rows = [services.ask(asker, session, text) for text in texts]
    organiser = ProfileFactory(user__is_superuser=True).user
    for row in rows:
        services.moderate(organiser, session, row.pk, "approve")
    voter = ProfileFactory(user=verified_user())  # nobody upvotes their own
    Registration.objects.create(
        event=session.get_parent().specific,
        user=voter.user,
        group=voter.group,
        status=Registration.Status.CONFIRMED,
    )
    services.vote(voter.user, session, rows[1].pk)
    services.moderate(organiser, session, rows[0].pk, "pin")
    services.moderate(organiser, session, rows[2].pk, "answer")


class LiveQuestionsTests(BrowserTestCase):
    def test_a_question_reaches_the_other_participant_and_the_wall_without_reload(
        self,
    ):
        session, (asker, voter), _ = build_session()
        session_url, wall_url = (
            self.url(session.url),
            self.url(f"{session.url}questions/"),
        )

        with sync_playwright() as pw:
            browser = self.launch(pw)
            pages = []
            for email in (asker, voter):
                page = browser.new_context().new_page()
                sign_in(page, self.live_server_url, email)
                page.goto(session_url)
                pages.append(page)
            wall = browser.new_context(viewport={"width": 1280, "height": 720})
            wall = wall.new_page()
            wall.goto(wall_url)
            for page in (*pages, wall):
                page.wait_for_selector(LIVE)
                page.evaluate("window.stayed = true")  # a reload would forget it
            a, b = pages
            a.get_by_role("textbox", name="Your question").fill(
                "Who funds the archive?"
            )
            a.get_by_label("About").select_option(label="What is missing?")
            a.get_by_role("button", name="Ask").click()
            expect(b.locator(OPEN)).to_have_count(1)
            expect(wall.locator(OPEN)).to_have_count(1)
            seen = b.locator(f"{OPEN} [data-field=text]").inner_text()
            about = wall.locator(f"{OPEN} [data-field=guiding]").inner_text()
            expect(b.locator("[data-qa-announce]")).to_have_text(
                "New question: Who funds the archive?"
            )
            # Cleared once the server took it.
            expect(a.get_by_role("textbox", name="Your question")).to_have_value("")
            upvote = b.locator(OPEN).get_by_role("button", name="Upvote")
            upvote.click()
            expect(upvote).to_have_attribute("aria-pressed", "true")
            expect(wall.locator(f"{OPEN} [data-field=votes]")).to_have_text("1")
            expect(a.locator(f"{OPEN} [data-field=votes]")).to_have_text("1")
            upvote.click()
            expect(upvote).to_have_attribute("aria-pressed", "false")
            expect(wall.locator(f"{OPEN} [data-field=votes]")).to_have_text("0")
            upvote.click()
            expect(wall.locator(f"{OPEN} [data-field=votes]")).to_have_text("1")
            counts = wall.locator("[data-qa-counts]").inner_text()
            stayed = [p.evaluate("window.stayed === true") for p in (a, b, wall)]
            browser.close()

        assert seen == "Who funds the archive?"
        assert about == "What is missing?"
        assert counts == "Received: 1 · Shown: 1 · Answered: 0"
        assert stayed == [True, True, True]
        (question,) = Question.objects.all()
        assert (question.text, question.votes, question.author_name) == (
            "Who funds the archive?",
            1,
            "Participant 1",
        )
        assert question.guiding_question.text == "What is missing?"
        assert [v.user.email for v in Vote.objects.all()] == [voter]

    def test_moderator_approves_a_question_and_everyone_sees_it_appear(self):
        session, (asker,), moderator = build_session(
            premoderation=True, participants=1, moderator=True
        )
        session_url = self.url(session.url)
        wall_url = self.url(f"{session.url}questions/")
        moderation_url = self.url(f"{session.url}questions/moderate/")

        with sync_playwright() as pw:
            browser = self.launch(pw)
            a = browser.new_context().new_page()
            sign_in(a, self.live_server_url, asker)
            a.goto(session_url)
            m = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
            sign_in(m, self.live_server_url, moderator)
            m.goto(session_url)
            m.get_by_role("link", name="Moderate Q&A").click()
            m.wait_for_url(moderation_url)
            # The projector runs on the moderator's laptop: its socket gets what
            # moderators see, and the wall must still show only what is public.
            wall = m.context.new_page()
            wall.goto(wall_url)
            for page in (a, m, wall):
                page.wait_for_selector(LIVE)
            a.get_by_role("textbox", name="Your question").fill("May we see the data?")
            a.get_by_label("Ask anonymously").check()
            a.get_by_role("button", name="Ask").click()
            mine = a.locator('[data-qa-list="mine"] > li')
            expect(mine).to_have_count(1)
            flag = mine.locator(".qa-flag-pending").inner_text()
            pending = m.locator('[data-qa-list="pending"] > li')
            expect(pending).to_have_count(1)
            moderator_sees = pending.locator("[data-field=author]").inner_text()
            wall_before = wall.locator(OPEN).count()
            pending.get_by_role("button", name="Approve").click()
            expect(wall.locator(OPEN)).to_have_count(1)
            expect(a.locator(OPEN)).to_have_count(1)
            expect(mine).to_have_count(0)
            expect(m.locator(OPEN)).to_have_count(1)
            wall_author = wall.locator(f"{OPEN} [data-field=author]").inner_text()
            shown = m.locator(OPEN)
            shown.get_by_role("button", name="Pin to top").click()
            expect(wall.locator(OPEN).first).to_have_attribute("data-pinned", "true")
            shown.get_by_text("Correct the text").click()
            shown.get_by_label("Corrected text").fill("May we see the open data?")
            shown.get_by_role("button", name="Save the correction").click()
            expect(wall.locator(f"{OPEN} [data-field=text]")).to_have_text(
                "May we see the open data?"
            )
            shown.get_by_role("button", name="Mark answered").click()
            answered = wall.locator('[data-qa-list="answered"] > li')
            expect(answered).to_have_count(1)
            expect(wall.locator(OPEN)).to_have_count(0)
            a.get_by_role("textbox", name="Your question").fill("A rude remark")
            a.get_by_role("button", name="Ask").click()
            expect(pending).to_have_count(1)
            pending.get_by_label("Reason for hiding").fill("Off topic")
            pending.get_by_role("button", name="Hide").click()
            expect(m.locator('[data-qa-list="hidden"] > li')).to_have_count(1)
            expect(mine.locator(".qa-flag-hidden")).to_be_visible()
            wall_texts = wall.locator("[data-field=text]").all_inner_texts()
            m.get_by_label("Q&A", exact=True).select_option("paused")
            with m.expect_navigation():
                m.get_by_role("button", name="Save", exact=True).click()
            expect(a.locator("form[data-qa-ask]")).to_be_hidden()
            expect(wall.locator(".qa-state-paused")).to_be_visible()
            counts = a.locator("[data-qa-counts]").inner_text()
            browser.close()

        assert flag == "Awaiting moderation"
        assert moderator_sees == "Participant 1"  # moderators know who asked
        assert wall_before == 0
        assert wall_author == "Anonymous"
        assert wall_texts == ["May we see the open data?"]
        assert counts == "Received: 2 · Shown: 1 · Answered: 1"
        first, second = Question.objects.order_by("pk")
        assert (first.status, first.anonymous) == (Question.Status.ANSWERED, True)
        assert (first.text, first.original_text) == (
            "May we see the open data?",
            "May we see the data?",
        )
        assert (second.status, second.hidden_reason) == (
            Question.Status.HIDDEN,
            "Off topic",
        )
        assert first.moderated_by.email == moderator
        assert QABoard.objects.get(session=session).status == QABoard.Status.PAUSED


class QAPagesTests(BrowserTestCase):
    def test_wall_session_panel_and_moderation_page_are_light_and_accessible(self):
        session, (participant,), moderator = build_session(
            participants=1, moderator=True
        )
        add_questions(session, participant)
        pages = {
            "qa-wall": (None, f"{session.url}questions/"),
            "qa-session-visitor": (None, session.url),
            "qa-session-participant": (participant, session.url),
            "qa-moderation": (moderator, f"{session.url}questions/moderate/"),
        }

        with sync_playwright() as pw:
            browser = self.launch(pw)
            problems, weights = {}, {}
            for name, (email, path) in pages.items():
                state = None
                if email:
                    context = browser.new_context()
                    sign_in(context.new_page(), self.live_server_url, email)
                    state = context.storage_state()
                    context.close()
                viewport = {"width": 1280, "height": 800}
                context = browser.new_context(storage_state=state, viewport=viewport)
                visit = self.watch(context)
                page = context.new_page()
                response = page.goto(self.url(path))
                page.wait_for_selector(LIVE)
                problems[name] = visit.problems(page, response) + axe_violations(page)
                weights[name] = visit.weight()
                if name == "qa-session-participant":
                    page.locator("#qa").scroll_into_view_if_needed()
                    SCREENSHOTS.mkdir(exist_ok=True)
                    panel = SCREENSHOTS / "qa-session-panel.png"
                    page.locator("#qa").screenshot(path=panel)
                screenshot(page, name)
                context.close()
            browser.close()

        record("qa-page-weights.tsv", weights)
        assert {name: found for name, found in problems.items() if found} == {}

    def test_asking_and_voting_by_keyboard_with_a_visible_focus(self):
        session, (participant, other), _ = build_session()
        add_questions(session, other)
        session_url = self.url(session.url)

        with sync_playwright() as pw:
            browser = self.launch(pw)
            page = browser.new_page()
            sign_in(page, self.live_server_url, participant)
            page.goto(session_url)
            page.wait_for_selector(LIVE)
            focused = []  # every stop on the way: (element, its focus is visible)

            def tab_to(name):
                while not focused or focused[-1][0] != name:
                    page.keyboard.press("Tab")
                    focused.append(page.evaluate(FOCUS))
                    assert len(focused) < 60, focused

            tab_to("textarea#id_text")
            page.keyboard.type("Typed without a mouse?")
            tab_to("button")  # the next button after the question is "Ask"
            asked_with = page.evaluate("document.activeElement.textContent")
            page.keyboard.press("Enter")
            expect(page.locator(OPEN)).to_have_count(4)
            # On to the first Upvote: the pinned question leads the list.
            while page.evaluate("document.activeElement.textContent") != "Upvote":
                page.keyboard.press("Tab")
                focused.append(page.evaluate(FOCUS))
                assert len(focused) < 80, focused
            button = page.locator(f"{OPEN} button[aria-pressed]").first
            page.keyboard.press("Space")
            expect(button).to_have_attribute("aria-pressed", "true")
            still_focused = page.evaluate(FOCUS)
            expect(page.locator("[data-qa-announce]")).to_have_text("Upvoted: 1 vote.")
            own = page.locator(OPEN).filter(has_text="Typed without a mouse?")
            own_flag = own.locator(".qa-flag-mine").inner_text()
            own_buttons = own.get_by_role("button").count()
            page.evaluate("window.stayed = true")
            page.get_by_role("link", name="Newest first").click()
            newest_first = page.locator(f"{OPEN} [data-field=text]").all_inner_texts()
            stayed = page.evaluate("window.stayed") and page.url
            browser.close()

        assert asked_with == "Ask"
        assert [name for name, visible in focused if not visible] == []
        assert still_focused == ["button", True]
        assert (own_flag, own_buttons) == ("Yours", 0)  # no upvoting one's own
        assert newest_first[:2] == [  # pinned first, then the newest
            "Who funds the archive once the project ends?",
            "Typed without a mouse?",
        ]
        assert stayed == f"{session_url}?sort=recent#qa"  # reordered in place
        assert Question.objects.filter(text="Typed without a mouse?").count() == 1
        pinned = Question.objects.get(pinned=True)
        assert [
            v.question_id for v in Vote.objects.filter(user__email=participant)
        ] == [pinned.pk]

    def test_asking_and_voting_work_with_plain_forms_without_javascript(self):
        session, (participant, other), _ = build_session(premoderation=True)
        add_questions(session, other)
        session_url = self.url(session.url)
        wall_url = self.url(f"{session.url}questions/")

        with sync_playwright() as pw:
            browser = self.launch(pw)
            page = browser.new_page(java_script_enabled=False)
            sign_in(page, self.live_server_url, participant)
            page.goto(session_url)
            page.get_by_role("textbox", name="Your question").fill(
                "Asked without JavaScript"
            )
            with page.expect_navigation():
                page.get_by_role("button", name="Ask").click()
            message = page.locator(".messages").inner_text()
            mine = page.locator(
                '[data-qa-list="mine"] [data-field=text]'
            ).all_inner_texts()
            upvote = page.locator(OPEN).first.get_by_role("button", name="Upvote")
            with page.expect_navigation():
                upvote.click()
            voted = page.locator(".messages").inner_text()
            pressed = (
                page.locator(OPEN)
                .first.locator("button[aria-pressed]")
                .get_attribute("aria-pressed")
            )
            page.goto(wall_url)
            wall = page.locator(f"{OPEN} [data-field=text]").all_inner_texts()
            browser.close()

        assert message == (
            "Thank you: your question will be shown once a moderator approves it."
        )
        assert mine == ["Asked without JavaScript"]
        assert voted == "Your vote is counted."
        assert pressed == "true"
        assert wall == [
            "Who funds the archive once the project ends?",
            "How do libraries in small islands share what they collect?",
            "<b>Is markup shown as text?</b>",
        ]
        assert Question.objects.get(text="Asked without JavaScript").status == (
            Question.Status.PENDING
        )
        assert Vote.objects.get(user__email=participant).question.pinned


class ResyncTests(BrowserTestCase):
    @contextmanager
    def watched(self, address):
        """A browser with a page at `address` whose socket goes through a Relay, once
        live: the relay, the browser, the page and its open questions' texts."""
        relay = Relay()
        with sync_playwright() as pw:
            browser = self.launch(pw)
            watcher = relay.watching(browser, address)
            yield relay, browser, watcher, watcher.locator(f"{OPEN} [data-field=text]")
            browser.close()

    def live_participant(self, browser, address, email):
        """A page in a context of its own, signed in as `email`, live at `address`."""
        page = browser.new_context().new_page()
        sign_in(page, self.live_server_url, email)
        page.goto(address)
        page.wait_for_selector(LIVE)
        return page

    def test_client_resyncs_on_a_gap_ignores_old_frames_and_catches_up_on_reconnect(
        self,
    ):
        session, (asker, participant), _ = build_session()
        (known,) = add_one_question(session, asker)
        seq = QABoard.objects.get(session=session).seq
        session_url = self.url(session.url)
        with self.watched(session_url) as (relay, browser, watcher, texts):
            # A gap: the page asks for the whole state and skips the frame.
            relay.send(injected_question(seq + 5, "After a gap"))
            expect(texts).to_have_text([known])
            wait_until(watcher, lambda: relay.snapshots == 2)  # asked once
            resyncs = [json.loads(text) for text in relay.sent]
            # An old frame is ignored; the next one is applied.
            relay.send(injected_question(seq, "Already seen"))
            relay.send(injected_question(seq + 1, "Next in line"))
            expect(texts).to_have_text([known, "Next in line"])
            # The line goes quiet (frames lost); a question is asked meanwhile.
            relay.drop = True
            other = self.live_participant(browser, session_url, participant)
            ask(other, "Asked meanwhile")
            expect(other.locator(OPEN)).to_have_count(2)
            missed = texts.all_inner_texts()
            # The connection drops; the page comes back and the snapshot catches up.
            relay.drop = False
            relay.routes[0].close(code=1011, reason="test")
            expect(texts).to_have_text([known, "Asked meanwhile"])
            reconnections = len(relay.routes) - 1

        assert resyncs == [{"type": "resync", "since": seq}]
        assert missed == [known, "Next in line"]
        assert reconnections == 1

    def test_a_missed_change_is_replayed_without_the_whole_state(self):
        session, (participant, _), _ = build_session()
        session_url = self.url(session.url)
        with self.watched(session_url) as (relay, browser, watcher, texts):
            asker = self.live_participant(browser, session_url, participant)
            relay.drop = True  # the first change never reaches the watcher
            for text in ["Lost on the way", "Came through"]:
                ask(asker, text)
                wait_until(watcher, lambda: relay.dropped)
                relay.drop = False
            expect(texts).to_have_text(["Lost on the way", "Came through"])

        assert [json.loads(text) for text in relay.sent] == [
            {"type": "resync", "since": 0}
        ]
        assert relay.snapshots == 1  # the one on connect: the replay was enough

    def test_a_refused_resync_is_asked_again_at_the_next_gap(self):
        session, (asker, _), _ = build_session()
        (known,) = add_one_question(session, asker)
        seq = QABoard.objects.get(session=session).seq
        session_url = self.url(session.url)
        with self.watched(session_url) as (relay, browser, watcher, texts):
            relay.refusing = True
            relay.send(injected_question(seq + 2, "After a gap"))
            wait_until(watcher, lambda: len(relay.sent) == 1)
            relay.refusing = False
            relay.send(injected_question(seq + 3, "After the same gap"))
            wait_until(watcher, lambda: relay.snapshots == 2)
            expect(texts).to_have_text([known])

        assert [json.loads(text) for text in relay.sent] == [
            {"type": "resync", "since": seq}
        ] * 2

    def test_frames_out_of_order_are_applied_in_order_without_a_resync(self):
        """Two processes publish two changes in the other order: the later frame
        waits for the earlier one, briefly, rather than costing a resync."""
        session, (asker, _), _ = build_session()
        (known,) = add_one_question(session, asker)
        seq = QABoard.objects.get(session=session).seq
        session_url = self.url(session.url)
        with self.watched(session_url) as (relay, browser, watcher, texts):
            relay.send(injected_question(seq + 2, "Second"))
            watcher.wait_for_timeout(300)
            waiting = texts.all_inner_texts()
            relay.send(injected_question(seq + 1, "First"))
            expect(texts).to_have_text([known, "First", "Second"])
            watcher.wait_for_timeout(2000)  # past the wait: no resync was due

        assert waiting == [known]  # not applied ahead of the missing one
        assert relay.sent == []

    def test_a_count_never_goes_back_to_an_older_one(self):
        """Counts come in `votes` frames and in question frames, from two processes
        that may cross: the one with the highest vote_seq stands."""
        session, (asker, _), _ = build_session()
        (known,) = add_one_question(session, asker)
        item = Question.objects.get(text=known)
        board = QABoard.objects.get(session=session)
        seq, vote_seq = board.seq, board.vote_seq
        session_url = self.url(session.url)
        relay = Relay()

        def votes(at, n):
            frame = {"type": "votes", "vote_seq": at, "votes": {str(item.pk): n}}
            return json.dumps(frame)

        with sync_playwright() as pw:
            browser = self.launch(pw)
            watcher = relay.watching(browser, session_url)
            count = watcher.locator(f"{OPEN} [data-field=votes]")
            relay.send(votes(vote_seq + 9, 9))
            expect(count).to_have_text("9")
            # Pinned at a vote_seq older than the count: pinned, the count stays.
            pinned = {"id": item.pk, "status": "approved", "text": known}
            pinned.update(author=None, pinned=True, votes=4, edited=False)
            pinned.update(guiding_question=None, created="2031-05-12T10:00:00")
            counts = {"received": 1, "shown": 1, "answered": 0}
            relay.send(
                json.dumps(
                    {"type": "question", "seq": seq + 1, "vote_seq": vote_seq + 4}
                    | {"question": pinned, "counts": counts}
                )
            )
            expect(watcher.locator(f'{OPEN}[data-pinned="true"]')).to_have_count(1)
            after_pin = count.inner_text()
            relay.send(votes(vote_seq + 5, 5))  # crossed on its way: older
            watcher.wait_for_timeout(300)
            after_older = count.inner_text()
            relay.send(votes(vote_seq + 10, 10))
            expect(count).to_have_text("10")
            browser.close()

        assert (after_pin, after_older) == ("9", "9")


class Relay:
    """Between a page's Q&A socket and the server (Playwright's route): records what
    the page sends and the snapshots it is given, loses the server's frames while
    `drop` is set (keeping them in `dropped`), answers the page's frames with an error
    while `refusing` is set, and `send`s frames to the page as if from the server."""

    def __init__(self):
        self.routes, self.sent, self.snapshots, self.drop = [], [], 0, False
        self.dropped, self.refusing = [], False

    def __call__(self, ws):
        server = ws.connect_to_server()
        self.routes.append(ws)

        def to_page(text):
            if self.drop:
                self.dropped.append(text)
            else:
                self.snapshots += '"type":"snapshot"' in text
                ws.send(text)

        def to_server(text):
            self.sent.append(text)
            if self.refusing:  # the server's answer to a frame it refuses
                ws.send(json.dumps({"type": "error", "code": "rate-limited"}))
            else:
                server.send(text)

        server.on_message(to_page)
        ws.on_message(to_server)

    def send(self, text):
        self.routes[0].send(text)

    def watching(self, browser, address):
        """A page at `address` whose socket goes through this relay, once live."""
        page = browser.new_page()
        page.route_web_socket(re.compile(r"/ws/sessions/\d+/qa/$"), self)
        page.goto(address)
        page.wait_for_selector(LIVE)
        return page


def ask(page, text):
    page.get_by_role("textbox", name="Your question").fill(text)
    page.get_by_role("button", name="Ask").click()


def injected_question(seq, text):
    """A server's frame showing a new approved question, as if sent at `seq`."""
    question = {"id": 10_000 + seq, "status": "approved", "text": text}
    question.update(author=None, pinned=False, votes=0, edited=False)
    question.update(guiding_question=None, created="2031-05-12T10:00:00")
    counts = {"received": 1, "shown": 1, "answered": 0}
    frame = {"type": "question", "seq": seq, "question": question}
    return json.dumps({**frame, "counts": counts})


def wait_until(page, condition, timeout=5):
    """Lets Playwright deliver its events (route handlers run then) until the
    condition holds."""
    for _ in range(int(timeout / 0.05)):
        if condition():
            return
        page.wait_for_timeout(50)
    raise AssertionError("timed out")


@transaction.atomic
def add_one_question(session, email):
    asker = Registration.objects.get(user__email=email).user
    return [services.ask(asker, session, "Who funds the archive?").text]
