"""The home page and the settings organisers edit for the whole site."""

from django.core.cache import cache
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page

from events.models import EventPage
from events.queries import public, upcoming
from toolkit import limits
from toolkit.page_languages import Sourced, in_reading_language


class HomePage(Sourced, Page):
    intro = RichTextField(
        blank=True, **limits.rich_text(limits.RICH_TEXT), verbose_name=_("intro")
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    template = "convening/home_page.html"
    max_count = 1
    api_fields = [APIField("intro")]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        events = upcoming(public(EventPage.objects.all()))[:6]
        context["upcoming"] = in_reading_language(list(events))
        return context


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    tagline = models.CharField(max_length=200, blank=True, verbose_name=_("tagline"))
    contact_email = models.EmailField(blank=True, verbose_name=_("contact email"))
    footer = models.TextField(
        blank=True,
        help_text=_("Shown at the foot of every page."),
        **limits.text(1_000),
        verbose_name=_("footer"),
    )

    panels = [FieldPanel("tagline"), FieldPanel("contact_email"), FieldPanel("footer")]

    class Meta:
        verbose_name = _("site settings")

    # Every public page reads these; keep them out of the per-request queries.
    @staticmethod
    def cache_key(site_id):
        return f"convening:site-settings:{site_id}"

    @classmethod
    def for_site(cls, site):
        instance = cache.get(cls.cache_key(site.pk))
        if instance is None:
            instance = super().for_site(site)
            # Saving clears it; the timeout bounds staleness under a per-process cache.
            cache.set(cls.cache_key(site.pk), instance, timeout=300)
        return instance

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        cache.delete(self.cache_key(self.site_id))
