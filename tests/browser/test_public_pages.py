"""Every public page in a real browser: light, self-contained, within the content
policy, accessible, usable by keyboard and without JavaScript."""

from playwright.sync_api import expect, sync_playwright

from tests.browser.harness import (
    FOCUS,
    PASSWORD,
    BrowserTestCase,
    axe_violations,
    build_forum,
    exposed_names,
    on_small_phones,
    phone,
    record,
    screenshot,
    sign_in,
    verified_user,
)

# The page checks run in English, in a left-to-right language that is not the source
# and in a right-to-left one.
LANGUAGES = ("fr", "ar")


def in_languages(pages):
    """Each of `pages` in English and in each of LANGUAGES (its prefixed address);
    the open data (API) is not translated."""
    found = dict(pages)
    for code in LANGUAGES:
        for name, path in pages.items():
            if not path.startswith("/api/"):
                found[f"{name} ({code})"] = f"/{code}{path}"
    return found


# allauth's pages for a signed-in user; their scripts are files.
ACCOUNT_PAGES = ["/accounts/email/", "/accounts/password/change/", "/accounts/2fa/"]


class PublicPagesTests(BrowserTestCase):
    def test_public_pages_are_light_self_contained_and_within_the_csp(self):
        pages = build_forum(sessions=200)  # the programme's first page holds all 200
        pages["api"] = "/api/v2/pages/"  # linked from every footer
        pages = in_languages(pages)

        with sync_playwright() as pw:
            browser = self.launch(pw)
            findings = {name: self.visit(browser, path) for name, path in pages.items()}
            browser.close()

        record("page-weights.tsv", {name: w for name, (w, _p) in findings.items()})
        problems = {name: found for name, (_w, found) in findings.items() if found}
        assert problems == {}

    def visit(self, browser, path):
        """(bytes transferred, problems) for a first visit with an empty cache."""
        context = browser.new_context()
        visit = self.watch(context)
        page = context.new_page()
        response = page.goto(self.url(path))
        problems = visit.problems(page, response)
        context.close()
        return visit.weight(), problems

    def test_signed_in_account_pages_keep_the_csp(self):
        user = verified_user()

        with sync_playwright() as pw:
            browser = self.launch(pw)
            context = browser.new_context()
            visit = self.watch(context)
            page = context.new_page()
            sign_in(page, self.live_server_url, user.email)
            visit.csp_violations(page)  # the sign-in page is checked with the others
            problems = {}
            for path in ACCOUNT_PAGES:
                response = page.goto(self.url(path))
                status = [f"status {response.status}"] if response.status != 200 else []
                problems[path] = status + visit.csp_violations(page)
            page.goto(self.url("/accounts/2fa/totp/activate/"))
            page.get_by_label("Password").fill(PASSWORD)  # allauth asks again first
            page.click("main button[type=submit]")
            page.wait_for_url(self.url("/accounts/2fa/totp/activate/"))
            qr_code = page.get_by_role("img").first.get_attribute("src")
            problems["totp"] = visit.csp_violations(page)
            problems["other hosts"] = visit.foreign
            browser.close()

        assert {path: found for path, found in problems.items() if found} == {}
        assert qr_code.startswith("data:image/svg+xml")  # allowed as an image

    def test_public_pages_have_no_wcag_21_aa_violations(self):
        pages = in_languages(build_forum(sessions=6))

        with sync_playwright() as pw:
            browser = self.launch(pw)
            context = browser.new_context(viewport={"width": 1024, "height": 800})
            self.watch(context)
            page = context.new_page()
            violations = {}
            for name, path in pages.items():
                page.goto(self.url(path))
                screenshot(page, name)
                violations[name] = axe_violations(page)
            browser.close()

        assert {name: found for name, found in violations.items() if found} == {}

    def test_public_pages_fit_small_phones_with_controls_a_thumb_can_hit(self):
        pages = in_languages(build_forum(sessions=6))

        addresses = {name: self.url(path) for name, path in pages.items()}

        with sync_playwright() as pw:
            browser = self.launch(pw)
            problems = on_small_phones(browser, addresses)
            browser.close()

        assert problems == {}

    def test_landmarks_are_told_apart_and_errors_lead_to_their_field(self):
        pages = build_forum(sessions=2)

        with sync_playwright() as pw:
            browser = self.launch(pw)
            # Wide, where the header's search form is shown beside the page's own.
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            self.watch(page.context)
            landmarks = {}
            for name, path in pages.items():
                page.goto(self.url(path))
                # Best practice, beyond WCAG's tags: two search forms, two names.
                landmarks[name] = axe_violations(page, ["landmark-unique"])
            page.goto(self.url(pages["sign-up"]))
            page.get_by_label("Email").fill("new@example.org")
            page.get_by_label("Password:", exact=True).fill("short")
            page.get_by_label("Password (again)").fill("short")
            page.get_by_role("button", name="Sign Up").click()
            # The page opens on the first field to mend (autofocus, no script).
            expect(page.locator("#id_password1")).to_be_focused()
            described = page.evaluate(
                """() => document.activeElement.getAttribute("aria-describedby")
                  .split(" ").map((id) => document.getElementById(id)?.textContent)"""
            )
            help_in_paragraph = page.locator("p ul, p div").count()
            browser.close()

        assert {name: found for name, found in landmarks.items() if found} == {}
        assert "at least 8 characters" in described[0]  # the help
        assert "too short" in described[1]  # and the error, both read out
        assert help_in_paragraph == 0

    def test_the_menu_folds_on_a_phone_and_opens_without_javascript(self):
        pages = build_forum(sessions=2)

        with sync_playwright() as pw:
            browser = self.launch(pw)
            page = browser.new_page(java_script_enabled=False, **phone(360))
            page.goto(self.url(pages["session"]))
            events = page.get_by_role("navigation", name="Main").get_by_role(
                "link", name="Events"
            )
            folded = events.is_visible()
            page.get_by_text("Menu", exact=True).click()
            events.click()
            page.wait_for_url(self.url("/events/"))
            wide = browser.new_page(viewport={"width": 1280, "height": 800})
            wide.goto(self.url(pages["session"]))
            menu_on_wide = wide.get_by_text("Menu", exact=True).is_visible()
            themes_on_wide = wide.get_by_role("link", name="Themes").is_visible()
            exposed = exposed_names(wide, "link")
            browser.close()

        assert folded is False
        assert (menu_on_wide, themes_on_wide) == (False, True)  # always open
        # and open to assistive technology too, as Chromium's own tree has it
        assert {"Home", "Events", "Themes", "Sign in"} <= set(exposed)

    def test_pages_read_and_programme_filters_work_without_javascript(self):
        pages = build_forum(sessions=6)

        with sync_playwright() as pw:
            browser = self.launch(pw)
            page = browser.new_page(java_script_enabled=False)
            headings = {}
            for name, path in pages.items():
                page.goto(self.url(path))
                headings[name] = page.locator("h1").inner_text()
            page.goto(self.url(pages["programme"]))
            page.select_option("#id_track", "Partnerships")
            page.click("main button[type=submit]")
            page.wait_for_url(lambda url: "track=Partnerships" in url)
            filtered_url = page.url
            count = page.locator(".count").inner_text()
            titles = page.locator(".session h4").all_inner_texts()
            browser.close()

        assert all(headings.values()), headings
        assert "track=Partnerships" in filtered_url
        assert count == "1 of 7 sessions match."
        assert titles == ["Closing the knowledge gap"]

    def test_programme_filters_work_by_keyboard_with_a_visible_focus(self):
        pages = build_forum(sessions=6)

        with sync_playwright() as pw:
            browser = self.launch(pw)
            page = browser.new_page()
            page.goto(self.url(pages["programme"]))
            focused = []  # every stop on the way: (element, its focus is visible)
            while not focused or focused[-1][0] != "select#id_track":
                page.keyboard.press("Tab")
                focused.append(page.evaluate(FOCUS))
                assert len(focused) < 30, focused
            page.keyboard.type("Partnerships")  # a closed select picks by typing
            while focused[-1][0] != "button":
                page.keyboard.press("Tab")
                focused.append(page.evaluate(FOCUS))
                assert len(focused) < 40, focused
            page.keyboard.press("Enter")
            page.wait_for_url(lambda url: "track=Partnerships" in url)
            titles = page.locator(".session h4").all_inner_texts()
            browser.close()

        assert focused[0][0] == "a.skip"  # "Skip to content" comes first
        assert [name for name, visible in focused if not visible] == []
        assert titles == ["Closing the knowledge gap"]
