"""A reader changes the language without JavaScript, by keyboard too, and a page in
Arabic is the same page mirrored."""

from playwright.sync_api import sync_playwright

from tests.browser.harness import FOCUS, BrowserTestCase, build_forum, phone


class LanguageTests(BrowserTestCase):
    def test_the_switch_works_without_javascript_and_arabic_mirrors_the_page(self):
        pages = build_forum(sessions=2)

        with sync_playwright() as pw:
            browser = self.launch(pw)
            page = browser.new_page(java_script_enabled=False, **phone(360))
            page.goto(self.url(pages["session"]))
            english_brand = page.locator(".brand").bounding_box()
            page.locator(".languages summary").click()
            page.get_by_role("navigation", name="Language").get_by_role(
                "link", name="Français"
            ).click()
            page.wait_for_url(self.url(f"/fr{pages['session']}"))
            french = page.evaluate("[document.documentElement.lang, document.dir]")
            page.locator(".languages summary").click()
            page.get_by_role("link", name="العربية").click()
            page.wait_for_url(self.url(f"/ar{pages['session']}"))
            arabic = page.evaluate("[document.documentElement.lang, document.dir]")
            arabic_brand = page.locator(".brand").bounding_box()
            width = page.evaluate("document.documentElement.scrollWidth")
            page.locator(".languages summary").click()
            page.get_by_role("link", name="English").click()
            page.wait_for_url(self.url(pages["session"]))
            browser.close()

        assert french == ["fr", "ltr"]
        assert arabic == ["ar", "rtl"]
        # The site name starts the header: on the left in English, the right in Arabic.
        assert english_brand["x"] < 40
        assert arabic_brand["x"] + arabic_brand["width"] > 320
        assert width <= 360

    def test_the_switch_comes_first_by_keyboard_and_says_which_language_is_shown(self):
        pages = build_forum(sessions=2)

        with sync_playwright() as pw:
            browser = self.launch(pw)
            page = browser.new_page()
            page.goto(self.url(f"/fr{pages['event']}"))
            page.keyboard.press("Tab")  # the skip link
            page.keyboard.press("Tab")
            summary = page.evaluate("document.activeElement.textContent.trim()")
            visible = page.evaluate(FOCUS)
            page.keyboard.press("Enter")  # opens the list
            stops = []
            for _ in range(6):
                page.keyboard.press("Tab")
                stops.append(page.evaluate("document.activeElement.textContent.trim()"))
            current = page.locator(".languages [aria-current=true]").inner_text()
            browser.close()

        # The language shown, then the six, each named in its own language.
        assert summary == "Français"
        assert visible[1] is True  # the focus can be seen
        assert stops == [
            "العربية", "中文", "English", "Français", "Русский", "Español"
        ]  # fmt: skip
        assert current == "Français"
