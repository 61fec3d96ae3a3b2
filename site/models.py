"""The home page and the settings organisers edit for the whole site."""

from types import SimpleNamespace

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

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


class SiteSettingsForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        formset = self.formsets["words_in_languages"]
        if not formset.is_valid():
            return cleaned  # its own errors first
        seen = set()
        for form in formset.forms:
            language = form.cleaned_data.get("language")
            if form.cleaned_data.get("DELETE") or not language:
                continue
            if language in seen:
                form.add_error(
                    "language", _("This language has its words in another row.")
                )
            seen.add(language)
        return cleaned


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting, ClusterableModel):
    tagline = models.CharField(max_length=200, blank=True, verbose_name=_("tagline"))
    contact_email = models.EmailField(blank=True, verbose_name=_("contact email"))
    footer = models.TextField(
        blank=True,
        help_text=_("Shown at the foot of every page."),
        **limits.text(1_000),
        verbose_name=_("footer"),
    )

    panels = [
        FieldPanel("tagline"),
        FieldPanel("contact_email"),
        FieldPanel("footer"),
        InlinePanel(
            "words_in_languages",
            heading=_("In other languages"),
            label=_("Language"),
            help_text=_(
                "The tagline and footer for readers of another language; what is "
                "left empty is shown in English."
            ),
        ),
    ]
    base_form_class = SiteSettingsForm

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
            instance.by_language  # noqa: B018 (read now, to be cached with it)
            # Saving clears it; the timeout bounds staleness under a per-process cache.
            cache.set(cls.cache_key(site.pk), instance, timeout=300)
        return instance

    @cached_property
    def by_language(self):
        return {row.language: row for row in self.words_in_languages.all()}

    @property
    def words(self):
        """The tagline and footer in the language being read, each in English where
        that language has none."""
        found = self.by_language.get(translation.get_language())
        return SimpleNamespace(
            tagline=(found and found.tagline) or self.tagline,
            footer=(found and found.footer) or self.footer,
        )

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        cache.delete(self.cache_key(self.site_id))


class SiteWords(Orderable):
    """The site's tagline and footer in a language other than English."""

    site_settings = ParentalKey(
        SiteSettings,
        on_delete=models.CASCADE,
        related_name="words_in_languages",
        verbose_name=_("site settings"),
    )
    language = models.CharField(
        max_length=10,
        choices=[
            (code, name)
            for code, name in settings.LANGUAGES
            if code != settings.LANGUAGE_CODE
        ],
        verbose_name=_("language"),
    )
    tagline = models.CharField(max_length=200, blank=True, verbose_name=_("tagline"))
    footer = models.TextField(
        blank=True, **limits.text(1_000), verbose_name=_("footer")
    )

    panels = [FieldPanel("language"), FieldPanel("tagline"), FieldPanel("footer")]

    class Meta(Orderable.Meta):
        verbose_name = _("site words in a language")

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        cache.delete(SiteSettings.cache_key(self.site_settings.site_id))
