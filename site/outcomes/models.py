"""The outcome of an event (`<event>/outcomes/`): the page with its key messages,
recommendations and documents. Its tables keep their names from the events app, where
they were made (migration outcomes 0001)."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from rest_framework.fields import JSONField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from convening.outcomes import display, open_data
from convening.outcomes.forms import OutcomePageForm
from convening.outcomes.panels import FrozenFiguresPanel
from convening.outcomes.statistics import participation, published
from events.models import StakeholderGroup, Theme
from events.tree import event_of
from toolkit import limits
from toolkit.page_languages import Sourced, TranslatableRow


class OutcomePage(Sourced, RoutablePageMixin, Page):
    """The public outcome of an event, at `<event>/outcomes/`. Its participation figures
    are computed when it is first published and kept with the page, so that accounts
    deleted later do not rewrite them."""

    # The licence's name is the licence's, not words to translate.
    override_translatable_fields = Sourced.override_translatable_fields + [
        SynchronizedField("licence")
    ]

    executive_summary = RichTextField(
        features=["h3", "bold", "italic", "link", "ul"],
        **limits.rich_text(limits.RICH_TEXT),
        verbose_name=_("executive summary"),
    )
    achievements = RichTextField(
        blank=True,
        features=["bold", "italic", "link", "ul"],
        **limits.rich_text(limits.SHORT_RICH_TEXT),
        verbose_name=_("achievements"),
    )
    challenges = RichTextField(
        blank=True,
        features=["bold", "italic", "link", "ul"],
        **limits.rich_text(limits.SHORT_RICH_TEXT),
        verbose_name=_("challenges"),
    )
    themes = ParentalManyToManyField(
        Theme, blank=True, related_name="outcomes", verbose_name=_("themes")
    )
    licence = models.CharField(
        max_length=200,
        default="Creative Commons Attribution 4.0 International (CC BY 4.0)",
        help_text=_("Stated on the page and in its open data."),
        verbose_name=_("licence"),
    )
    licence_url = models.URLField(
        default="https://creativecommons.org/licenses/by/4.0/",
        blank=True,
        verbose_name=_("licence url"),
    )
    statistics = models.JSONField(
        default=dict, editable=False, verbose_name=_("statistics")
    )
    statistics_frozen_at = models.DateTimeField(
        null=True, editable=False, verbose_name=_("statistics frozen at")
    )

    base_form_class = OutcomePageForm
    template = "outcomes/outcome_page.html"
    parent_page_types = ["events.EventPage"]
    subpage_types = []
    max_count_per_parent = 1

    content_panels = Page.content_panels + [
        FieldPanel("executive_summary"),
        InlinePanel(
            "key_messages",
            heading=_("Key messages"),
            label=_("Key message"),
            help_text=_(
                "Pick a takeaway from a published session report and edit it, or "
                "write your own."
            ),
        ),
        FieldPanel("achievements"),
        FieldPanel("challenges"),
        InlinePanel(
            "recommendations", heading=_("Recommendations"), label=_("Recommendation")
        ),
        InlinePanel("documents", heading=_("Documents"), label=_("Document")),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [FieldPanel("licence"), FieldPanel("licence_url")], _("Licence")
        ),
        FrozenFiguresPanel(),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("executive_summary"),
        index.SearchField("achievements"),
        index.SearchField("challenges"),
        index.RelatedFields("key_messages", [index.SearchField("text")]),
        index.RelatedFields("recommendations", [index.SearchField("text")]),
    ]
    api_fields = [
        APIField("executive_summary"),
        APIField("achievements"),
        APIField("challenges"),
        APIField("key_messages"),
        APIField("recommendations"),
        APIField("licence"),
        APIField("licence_url"),
        # The figures as published (statistics.published), never the
        # frozen counts themselves.
        APIField(
            "statistics",
            serializer=JSONField(source="published_statistics", read_only=True),
        ),
    ]

    class Meta:
        db_table = "events_outcomepage"
        verbose_name = _("outcome summary")

    def clean(self):
        self.slug = "outcomes"  # the address is a contract: <event>/outcomes/
        super().clean()

    def with_content_json(self, content):
        # The frozen figures belong to the page, not to a revision: publishing an older
        # draft must neither drop nor recompute them.
        page = super().with_content_json(content)
        page.statistics = self.statistics
        page.statistics_frozen_at = self.statistics_frozen_at
        return page

    @property
    def published_statistics(self):
        return published(self.statistics)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(display.page_context(self))
        return context

    @path("outcomes.json/")
    def open_data_json(self, request):
        return open_data.json_response(self)

    @path("outcomes.csv/")
    def open_data_csv(self, request):
        return open_data.csv_response(self)


class KeyMessage(TranslatableRow, Orderable):
    outcome = ParentalKey(
        OutcomePage,
        on_delete=models.CASCADE,
        related_name="key_messages",
        verbose_name=_("outcome"),
    )
    takeaway = models.ForeignKey(
        "programme.ReportTakeaway",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A session report's takeaway to start from."),
        verbose_name=_("takeaway"),
    )
    text = models.TextField(
        blank=True,
        help_text=_("Leave empty to use the takeaway as it is."),
        **limits.text(600),
        verbose_name=_("text"),
    )

    panels = [FieldPanel("takeaway"), FieldPanel("text")]
    api_fields = [APIField("text")]
    # The takeaway started from stays the source's: only the words are translated.
    translatable_fields = [TranslatableField("text"), SynchronizedField("takeaway")]

    def clean(self):
        if not self.text and self.takeaway_id:
            self.text = self.takeaway.text
        if not self.text:
            raise ValidationError(
                {"text": gettext("Write a message or pick a takeaway.")}
            )

    def __str__(self):
        return self.text

    # Translatable, so that a translation of the outcome has these in its language.
    class Meta(TranslatableRow.Meta, Orderable.Meta):
        db_table = "events_keymessage"


class Recommendation(TranslatableRow, Orderable):
    outcome = ParentalKey(
        OutcomePage,
        on_delete=models.CASCADE,
        related_name="recommendations",
        verbose_name=_("outcome"),
    )
    text = models.TextField(**limits.text(1_000), verbose_name=_("text"))
    addressee = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("Who should act, if anyone in particular."),
        verbose_name=_("addressee"),
    )
    group = models.ForeignKey(
        StakeholderGroup,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("stakeholder group"),
    )
    deadline = models.DateField(null=True, blank=True, verbose_name=_("deadline"))
    theme = models.ForeignKey(
        Theme,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recommendations",
        verbose_name=_("theme"),
    )

    panels = [
        FieldPanel("text"),
        FieldPanel("addressee"),
        FieldPanel("group"),
        FieldPanel("deadline"),
        FieldPanel("theme"),
    ]
    api_fields = [
        APIField("text"),
        APIField("addressee"),
        APIField("group_name"),
        APIField("deadline"),
    ]

    @property
    def group_name(self):
        return self.group.name if self.group_id else ""

    def __str__(self):
        return self.text

    class Meta(TranslatableRow.Meta, Orderable.Meta):
        db_table = "events_recommendation"


class OutcomeDocument(Orderable):
    outcome = ParentalKey(
        OutcomePage,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("outcome"),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("document"),
    )
    title = models.CharField(max_length=200, blank=True, verbose_name=_("title"))

    panels = [FieldPanel("document"), FieldPanel("title")]

    @property
    def display_title(self):
        return self.title or self.document.title

    class Meta(Orderable.Meta):
        db_table = "events_outcomedocument"


def freeze_statistics(sender, instance, **kwargs):
    """Participation figures are computed at the first publish and then kept; a publish
    only scheduled (the page not live yet) waits for the page to go live."""
    if instance.live and instance.statistics_frozen_at is None:
        event = event_of(instance)
        stats = participation(event)
        now = timezone.now()
        OutcomePage.objects.filter(pk=instance.pk).update(
            statistics=stats, statistics_frozen_at=now
        )
        instance.statistics, instance.statistics_frozen_at = stats, now
