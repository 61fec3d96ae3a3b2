"""A signed-in participant's pages in a real browser: light, within the content
policy, accessible, usable by keyboard and without JavaScript."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect, sync_playwright

from participants import services
from participants.models import Registration
from sessions import agenda
from sessions.models import AgendaItem
from tests.browser.harness import (
    FOCUS,
    BrowserTestCase,
    axe_violations,
    on_small_phones,
    record,
    screenshot,
    sign_in,
    verified_user,
)
from tests.factories import EventPageFactory, ProfileFactory, SessionPageFactory

# allauth's pages for a signed-in user.
ACCOUNT_PAGES = ["/accounts/email/", "/accounts/password/change/", "/accounts/2fa/"]


@transaction.atomic
def build_participant():
    """A participant confirmed at a forum, with two clashing sessions of it in their
    agenda, waiting at a full summit and free to register at a workshop. Returns
    their email address and their pages by name."""
    participant = verified_user()
    ProfileFactory(user=participant, group_slug="academia")
    opened = timezone.now() - timedelta(hours=1)
    forum, summit, workshop = (
        EventPageFactory(
            title=title,
            registration_opens_at=opened,
            registration_online=True,
            quotas={"academia": seats},
            sessions=sessions,
        )
        for title, seats, sessions in [
            ("Forum on knowledge sharing", 5, 3),
            ("Summit on open science", 1, 0),
            ("Workshop on open data", 5, 0),
        ]
    )
    at_ten = datetime(2031, 5, 13, 10, tzinfo=forum.tzinfo)
    for title in ["Open data for development", "Libraries as knowledge hubs"]:
        session = SessionPageFactory(event=forum, title=title, start=at_ten)
        agenda.add(participant, session)
    later = at_ten + timedelta(hours=4)
    SessionPageFactory(event=forum, title="Knowledge in the field", start=later)
    confirmed = services.register(participant, forum)
    services.register(ProfileFactory(group_slug="academia").user, summit)
    waiting = services.register(participant, summit)
    return participant.email, {
        "register": f"{workshop.url}register/",
        "registration": reverse("participants:registration", args=[confirmed.pk]),
        "waiting": reverse("participants:registration", args=[waiting.pk]),
        "cancel": reverse("participants:cancel", args=[confirmed.pk]),
        "registrations": reverse("participants:registrations"),
        "profile": reverse("participants:profile"),
        "my-data": reverse("participants:my_data"),
        "agenda": reverse("agenda"),
        "programme": f"{forum.url}programme/",
        "session": session.url,
    }


class ParticipantPagesTests(BrowserTestCase):
    def test_signed_in_pages_are_light_within_the_csp_and_accessible(self):
        email, pages = build_participant()

        with sync_playwright() as pw:
            browser = self.launch(pw)
            context = browser.new_context()
            sign_in(context.new_page(), self.live_server_url, email)
            signed_in = context.storage_state()  # the session cookie, for each page
            context.close()
            problems, weights = {}, {}
            for name, path in pages.items():
                # A fresh context per page: its weight is counted with an empty cache.
                context = browser.new_context(
                    storage_state=signed_in, viewport={"width": 1024, "height": 800}
                )
                visit = self.watch(context)
                page = context.new_page()
                response = page.goto(self.url(path))
                problems[name] = visit.problems(page, response) + axe_violations(page)
                weights[name] = visit.weight()
                screenshot(page, f"participant-{name}")
                context.close()
            browser.close()

        record("participant-page-weights.tsv", weights)
        assert {name: found for name, found in problems.items() if found} == {}

    def test_signed_in_pages_fit_small_phones_with_controls_a_thumb_can_hit(self):
        email, pages = build_participant()
        pages.update({f"account {path}": path for path in ACCOUNT_PAGES})

        addresses = {name: self.url(path) for name, path in pages.items()}

        with sync_playwright() as pw:
            browser = self.launch(pw)
            problems = on_small_phones(
                browser,
                addresses,
                first=lambda page: sign_in(page, self.live_server_url, email),
            )
            browser.close()

        assert problems == {}

    def test_registration_and_the_agenda_work_without_javascript(self):
        email, pages = build_participant()
        programme = self.url(pages["programme"])

        with sync_playwright() as pw:
            browser = self.launch(pw)
            page = browser.new_page(java_script_enabled=False)
            sign_in(page, self.live_server_url, email)
            page.goto(self.url(pages["register"]))
            page.get_by_label("Online").check()
            page.get_by_role("button", name="Register").click()
            page.wait_for_url(lambda url: "/me/registrations/" in url)
            status = page.locator(".facts dd").first.inner_text()
            page.goto(programme)
            row = page.locator("li.session").filter(
                has=page.get_by_role("link", name="Knowledge in the field")
            )
            with page.expect_navigation():  # the form posts, then comes back here
                row.get_by_role("button", name="Add to my agenda").click()
            back_at, _, anchor = page.url.partition("#")
            label = page.locator(f"#{anchor} button").text_content()
            browser.close()

        assert status == "Confirmed"
        # Back on the programme, at the same session, its button turned around.
        assert (back_at, label) == (
            programme,
            "Remove from my agenda: Knowledge in the field",
        )
        picked = AgendaItem.objects.filter(user__email=email)
        assert "Knowledge in the field" in [item.session.title for item in picked]
        registration = Registration.objects.get(
            user__email=email, event__title="Workshop on open data"
        )
        assert (registration.status, registration.mode) == ("confirmed", "online")

    def test_registration_form_works_by_keyboard_with_a_visible_focus(self):
        email, pages = build_participant()

        with sync_playwright() as pw:
            browser = self.launch(pw)
            page = browser.new_page()
            sign_in(page, self.live_server_url, email)
            page.goto(self.url(pages["register"]))
            focused = []  # every stop on the way: (element, its focus is visible)
            while not focused or focused[-1][0] != "input#id_mode_0":
                page.keyboard.press("Tab")
                focused.append(page.evaluate(FOCUS))
                assert len(focused) < 30, focused
            page.keyboard.press("ArrowDown")  # to "Online", which checks it
            focused.append(page.evaluate(FOCUS))
            page.keyboard.press("Tab")
            focused.append(page.evaluate(FOCUS))
            page.keyboard.press("Enter")
            page.wait_for_url(lambda url: "/me/registrations/" in url)
            status = page.locator(".facts dd").first.inner_text()
            browser.close()

        assert focused[0][0] == "a.skip"
        assert [name for name, _visible in focused[-2:]] == [
            "input#id_mode_1",
            "button",
        ]
        assert [name for name, visible in focused if not visible] == []
        assert status == "Confirmed"
        registration = Registration.objects.get(
            user__email=email, event__title="Workshop on open data"
        )
        assert registration.mode == "online"

    def test_agenda_buttons_work_by_keyboard_and_keep_the_focus(self):
        email, pages = build_participant()

        with sync_playwright() as pw:
            browser = self.launch(pw)
            page = browser.new_page()
            sign_in(page, self.live_server_url, email)
            page.goto(self.url(pages["programme"]))
            row = page.locator("li.session").filter(
                has=page.get_by_role("link", name="Knowledge in the field")
            )
            button = row.locator("form[data-agenda] button")
            button.focus()
            page.keyboard.press("Enter")
            expect(button).to_have_text("Remove from my agenda: Knowledge in the field")
            after = page.evaluate(FOCUS)
            page.keyboard.press("Enter")  # and back, from where the focus stayed
            expect(button).to_have_text("Add to my agenda: Knowledge in the field")
            browser.close()

        assert after == ["button", True]
        picked = AgendaItem.objects.filter(user__email=email)
        assert "Knowledge in the field" not in [i.session.title for i in picked]

    def test_the_agenda_feed_address_is_copied_with_one_button(self):
        email, pages = build_participant()

        with sync_playwright() as pw:
            browser = self.launch(pw)
            context = browser.new_context()
            context.grant_permissions(["clipboard-read", "clipboard-write"])
            page = context.new_page()
            sign_in(page, self.live_server_url, email)
            page.goto(self.url(pages["agenda"]))
            address = page.get_by_label("Private calendar address").input_value()
            page.get_by_role("button", name="Copy the address").click()
            expect(
                page.get_by_role("status").filter(has_text="Copied.")
            ).to_be_visible()
            copied = page.evaluate("navigator.clipboard.readText()")
            browser.close()

        assert copied == address
        assert address.startswith(settings.SITE_URL + "/agenda/")  # the one address
