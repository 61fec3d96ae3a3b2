"""A call for proposals end to end, in Chromium: a participant proposes on a phone,
the screening shows on the proposal, the organiser allocates, a reviewer scores, the
organiser accepts, the proposer confirms and the session waits in the grid."""

from django.contrib.auth.models import Group
from django.db import transaction
from playwright.sync_api import expect, sync_playwright

from sessions.models import CallCriterion, Proposal, Review, SessionPage
from sessions.proposals import decisions
from tests.browser.harness import (
    BrowserTestCase,
    axe_violations,
    screenshot,
    sign_in,
    verified_user,
)
from tests.factories import (
    EventPageFactory,
    PersonFactory,
    UserFactory,
    call_page,
    proposal,
    theme,
)
from tests.sessions.proposals.test_screening import balanced_people

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
# (role, name, group, country, gender, mode) of the proposal's people, as typed.
PEOPLE = [
    ("organiser", "Joseph Otieno", "Civil society", "Kenya", "Man", "Onsite"),
    (
        "moderator",
        "Grace Mukamana",
        "Academia and research",
        "Rwanda",
        "Woman",
        "Onsite",
    ),
    ("online-moderator", "Ken Ito", "Technical community", "Japan", "Man", "Online"),
    ("rapporteur", "Leila Haddad", "Civil society", "Lebanon", "Woman", "Onsite"),
    ("speaker", "Ana Souza", "Government", "Brazil", "Woman", "Onsite"),
    ("speaker", "Tom Berg", "Private sector", "Norway", "Man", "Onsite"),
    ("speaker", "Mei Tanaka", "Media", "Japan", "Woman", "Online"),
]


def fill_person(page, n, person):
    role, name, group, country, gender, mode = person
    row = page.locator("fieldset.person").nth(n)
    row.get_by_label("Role").select_option(role)
    row.get_by_label("Name").fill(name)
    row.get_by_label("Stakeholder group").select_option(label=group)
    row.get_by_label("Country").select_option(label=country)
    row.get_by_label("Gender").select_option(label=gender)
    row.get_by_label("Takes part").select_option(label=mode)
    if role == "speaker":
        row.get_by_label("Has agreed").check()


class CallForProposalsTests(BrowserTestCase):
    def test_propose_screen_review_decide_confirm_and_find_it_in_the_grid(self):
        with transaction.atomic():
            organiser = verified_user(is_staff=True, is_superuser=True)
            proposer = verified_user(email="joseph.otieno@example.org")
            reviewer = verified_user(email="ken.reviewer@example.org")
            group = Group.objects.create(name="Forum reviewers")
            reviewer.groups.add(group)
            event = EventPageFactory(title="Forum on knowledge sharing")
            event.themes.add(theme("sdg-4"))
            event.save_revision().publish()
            call = call_page(event, reviewers=group, reviews_per_proposal=1)
            CallCriterion.objects.create(call=call, name="Relevance", weight=2)
            CallCriterion.objects.create(call=call, name="Diversity of voices")
            PersonFactory(name="Ana Souza", organisation="")  # matched, not doubled
        event_url, review_url = event.url, f"{call.url}review/"

        with sync_playwright() as pw:
            browser = self.launch(pw)
            problems = {}
            phone = browser.new_context(viewport=PHONE)
            visit = self.watch(phone)
            page = phone.new_page()
            sign_in(page, self.live_server_url, proposer.email)
            page.goto(self.url(event_url))
            page.get_by_role("link", name="Propose a session").click()
            problems["call"] = axe_violations(page)
            page.get_by_label("Title of the session you propose").fill(
                "Community archives for all"
            )
            page.get_by_role("button", name="Start a proposal").click()
            expect(page.locator(".messages")).to_contain_text("Your draft is saved")
            page.get_by_label("Format").select_option(label="Workshop")
            page.get_by_label("SDG 4: Quality education").check()
            page.get_by_label("Duration").select_option(label="90 minutes")
            page.get_by_label("Background").fill(
                "Community archives keep knowledge that no ministry holds."
            )
            page.get_by_label("Guiding or policy questions").fill(
                "Who funds local archives?\nHow do partners share what works?"
            )
            page.get_by_label("How onsite and online participants will take part").fill(
                "Speakers onsite and online answer questions from the floor."
            )
            for n, person in enumerate(PEOPLE[:3]):
                fill_person(page, n, person)
            page.get_by_role("button", name="Save draft").click()
            expect(page.locator(".messages")).to_contain_text("Your proposal is saved")
            unmet = page.locator(".check-fail").all_inner_texts()
            for n, person in enumerate(PEOPLE[3:], start=3):
                fill_person(page, n, person)
            page.get_by_role("button", name="Save and submit").click()
            expect(page.locator(".messages")).to_contain_text(
                "Your proposal is submitted"
            )
            response = page.reload()
            problems["proposal"] = visit.problems(page, response) + axe_violations(page)
            screenshot(page, "proposal-submitted")
            after = page.locator(".check-fail").all_inner_texts()
            proposal_url = page.url

            desk = browser.new_context(viewport=DESKTOP)
            admin = desk.new_page()
            sign_in(admin, self.live_server_url, organiser.email)
            admin.goto(self.url(f"/admin/events/{event.pk}/proposals/"))
            admin.get_by_role("button", name="Allocate").click()
            expect(admin.locator(".messages")).to_contain_text("1 allocation(s) made.")

            reviewing = browser.new_context(viewport=PHONE)
            self.watch(reviewing)  # serves axe to the page
            judge = reviewing.new_page()
            sign_in(judge, self.live_server_url, reviewer.email)
            judge.goto(self.url(review_url))
            judge.get_by_role("link", name="Community archives for all").click()
            anonymous = "Joseph Otieno" not in judge.locator("main").inner_text()
            problems["review"] = axe_violations(judge)
            judge.get_by_role("group", name="Relevance").get_by_label("5").check()
            judge.get_by_role("group", name="Diversity of voices").get_by_label(
                "4"
            ).check()
            judge.get_by_label("Comment").fill("A balanced panel with a clear aim.")
            judge.get_by_role("button", name="Save my review").click()
            expect(judge.locator(".messages")).to_contain_text("Your review is saved")

            admin.goto(self.url(f"/admin/events/{event.pk}/proposals/"))
            ranked = admin.locator("td.standing").first.inner_text()
            admin.locator("summary", has_text="Decide").click()
            admin.get_by_label("Decision").select_option("accepted")
            admin.get_by_label("Message to the proposers").fill(
                "Please bring a speaker from a small island state."
            )
            admin.get_by_role("button", name="Decide").click()
            expect(admin.locator(".messages")).to_contain_text(
                "Accepted. The proposers are mailed (see the outbox)."
            )
            admin.goto(self.url(f"/admin/events/{event.pk}/messages/"))
            admin.get_by_role("link", name="Decision on your proposal").click()
            # Sent once the decision's transaction commits; on a loaded machine the
            # outbox may be read a moment before the delivery row says so.
            for _ in range(20):
                outbox = admin.locator("main").inner_text()
                if "Sent: 1" in outbox:
                    break
                admin.wait_for_timeout(250)
                admin.reload()

            page.goto(proposal_url)
            page.get_by_role("button", name="Confirm the session").click()
            expect(page.locator(".messages")).to_contain_text(
                "your session is confirmed"
            )

            admin.goto(self.url(f"/admin/events/{event.pk}/grid/"))
            in_grid = admin.get_by_text("Community archives for all").count()
            screenshot(admin, "proposal-in-grid")
            browser.close()

        assert problems == {"call": [], "proposal": [], "review": []}
        assert "To: The proposers of “Community archives for all”" in outbox
        assert "Sent: 1" in outbox and "joseph.otieno@example.org" in outbox
        assert any("Enough speakers have agreed" in text for text in unmet)
        assert after == []  # balanced and complete once every person is in
        assert anonymous
        assert "Mean 4.67" in ranked and "1 review" in ranked
        assert Review.objects.get().comment == "A balanced panel with a clear aim."
        mails = self.sent_mail(proposer.email)
        assert len(mails) == 1
        assert "Please bring a speaker from a small island state." in mails[0]
        proposal = Proposal.objects.get()
        session = SessionPage.objects.get()
        assert (proposal.status, proposal.session) == ("confirmed", session)
        assert not session.live
        assert in_grid >= 1
        assert sorted(r.person.name for r in session.roles.all()) == [
            "Ana Souza",
            "Grace Mukamana",
            "Ken Ito",
            "Leila Haddad",
            "Mei Tanaka",
            "Tom Berg",
        ]


class CallScreensTests(BrowserTestCase):
    def test_the_organisers_screens_are_accessible_and_fit_small_phones(self):
        with transaction.atomic():
            organiser = verified_user(is_staff=True, is_superuser=True)
            event = EventPageFactory(title="Forum on knowledge sharing")
            group = Group.objects.create(name="Forum reviewers")
            call = call_page(event, reviewers=group)
            CallCriterion.objects.create(call=call, name="Relevance", weight=2)
            for n in range(3):
                made = proposal(
                    call,
                    UserFactory(),
                    people=balanced_people(),
                    title=f"A long title of proposal number {n} on community archives",
                )
            decisions.decide(
                organiser,
                call,
                made.pk,
                decision="accepted",
                message="",
                seen="submitted",
            )
        screens = f"/admin/events/{event.pk}/proposals/"
        paths = [screens, f"{screens}?order=ranking", f"{screens}figures/"]

        with sync_playwright() as pw:
            browser = self.launch(pw)  # every page of it fails if it scrolls sideways
            context = browser.new_context(viewport=PHONE)
            self.watch(context)  # serves axe
            page = context.new_page()
            sign_in(page, self.live_server_url, organiser.email)
            problems = {}
            for path in paths:
                page.goto(self.url(path))
                for summary in page.locator("summary").all()[:3]:
                    summary.click()  # opened, as an organiser reads them
                problems[path] = axe_violations(page)
            screenshot(page, "proposal-figures-phone")
            browser.close()

        assert problems == dict.fromkeys(paths, [])
