"""An organiser translates a session in the admin with wagtail-localize, in
Chromium, and readers of French read it."""

from django.db import transaction
from playwright.sync_api import expect, sync_playwright
from wagtail.models import Locale, Site

from convening.models import SiteSettings
from sessions.models import SessionPage
from tests.browser.harness import (
    BrowserTestCase,
    axe_violations,
    phone,
    screenshot,
    sign_in,
    verified_user,
)
from tests.factories import EventPageFactory, SessionPageFactory


class TranslatingTests(BrowserTestCase):
    def test_an_organiser_translates_a_session_into_french(self):
        with transaction.atomic():
            organiser = verified_user(is_staff=True, is_superuser=True)
            event = EventPageFactory(title="Workshop on open data")
            session = SessionPageFactory(
                event=event, title="Open data with quality", summary="Whose data?"
            )
        submit = self.url(f"/admin/localize/submit/page/{session.pk}/")
        french_page = self.url(f"/fr{session.url}")

        with sync_playwright() as pw:
            browser = self.launch(pw)
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            visit = self.watch(context)
            page = context.new_page()
            sign_in(page, self.live_server_url, organiser.email)
            page.goto(submit)
            page.get_by_label("Français").check()
            page.get_by_role("button", name="Submit").click()
            page.wait_for_url("**/edit/")
            title = page.locator("li", has_text="Open data with quality").last
            title.get_by_role("button", name="Translate").click()
            title.locator("textarea").fill("Des données ouvertes de qualité")
            title.get_by_role("button", name="Save").click()
            expect(title).to_contain_text("Des données ouvertes de qualité")
            screenshot(page, "admin-translation-editor")
            problems = visit.csp_violations(page)  # its own screen's axe is its own
            page.get_by_role("button", name="Publish in Français").click()
            expect(page.get_by_text("published", exact=False).first).to_be_visible()
            page.goto(french_page)
            expect(page.locator("h1")).to_contain_text("Des données ouvertes")
            screenshot(page, "french-session")
            problems += visit.csp_violations(page) + axe_violations(page)
            browser.close()

        assert problems == []
        french = SessionPage.objects.get(
            translation_key=session.translation_key,
            locale=Locale.objects.get(language_code="fr"),
        )
        assert french.live and french.title == "Des données ouvertes de qualité"
        assert SessionPage.objects.get(pk=session.pk).title == "Open data with quality"

    def test_an_organiser_gives_the_site_its_french_tagline_on_a_phone(self):
        with transaction.atomic():
            organiser = verified_user(is_staff=True, is_superuser=True)
            site = Site.objects.get(is_default_site=True)
            SiteSettings.objects.update_or_create(
                site=site, defaults={"tagline": "Knowledge Forum"}
            )
        settings_page = self.url(f"/admin/settings/convening/sitesettings/{site.pk}/")
        french_home = self.url("/fr/")

        with sync_playwright() as pw:
            browser = self.launch(pw)
            context = browser.new_context(**phone(360))
            visit = self.watch(context)
            page = context.new_page()
            sign_in(page, self.live_server_url, organiser.email)
            page.goto(settings_page)
            page.get_by_role("button", name="Add language").click()
            row = page.locator("[id^='inline_child_words_in_languages-']").last
            row.get_by_label("Language").select_option("fr")
            row.get_by_label("Tagline").fill("Forum du savoir")
            widths = [page.evaluate("document.documentElement.scrollWidth")]
            screenshot(page, "admin-site-words")
            problems = visit.csp_violations(page)
            page.get_by_role("button", name="Save").click()
            expect(page.get_by_text("updated", exact=False).first).to_be_visible()
            page.goto(french_home)
            expect(page.locator(".brand")).to_have_text("Forum du savoir")
            widths.append(page.evaluate("document.documentElement.scrollWidth"))
            problems += visit.csp_violations(page) + axe_violations(page)
            browser.close()

        assert problems == []
        assert max(widths) <= 360
