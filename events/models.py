"""Events: the pages organisers build (event index, event) and the shared reference data
(stakeholder groups, regions, the country table, themes, rooms, languages)."""

import zoneinfo
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from rest_framework.fields import JSONField
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.signals import page_published

from events import queries
from events.blocks import BodyBlock
from events.forms import EventPageForm, OutcomePageForm
from events.services import event_date_problems
from toolkit import limits


class StakeholderGroup(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True, **limits.text(2_000))
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Region(models.Model):
    """A UN regional group (or any grouping an organiser prefers)."""

    code = models.SlugField(max_length=20, unique=True)
    name = models.CharField(max_length=100, unique=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Country(models.Model):
    """The country -> region table and development status, kept as editable data."""

    code = CountryField(unique=True)
    region = models.ForeignKey(
        Region,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="countries",
    )
    ldc = models.BooleanField("least developed country", default=False)
    lldc = models.BooleanField("landlocked developing country", default=False)
    sids = models.BooleanField("small island developing state", default=False)

    class Meta:
        ordering = ["code"]
        verbose_name_plural = "countries"

    def __str__(self):
        return self.code.name


class Theme(index.Indexed, models.Model):
    SDG = "sdg"
    WSIS = "wsis"
    TOPIC = "topic"
    KINDS = [
        (SDG, "Sustainable Development Goal"),
        (WSIS, "WSIS action line"),
        (TOPIC, "Topic"),
    ]

    kind = models.CharField(max_length=10, choices=KINDS, default=TOPIC)
    code = models.CharField(
        max_length=20, blank=True, help_text="For example SDG 4 or C7."
    )
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True, **limits.text(2_000))
    sort_order = models.PositiveSmallIntegerField(default=0)

    search_fields = [index.SearchField("name"), index.SearchField("code")]

    class Meta:
        ordering = ["kind", "sort_order", "name"]

    def __str__(self):
        return f"{self.code}: {self.name}" if self.code else self.name


class Room(models.Model):
    name = models.CharField(max_length=100)
    venue = models.CharField(max_length=200, blank=True)
    capacity = models.PositiveIntegerField(null=True, blank=True)
    accessibility = models.CharField(
        max_length=255,
        blank=True,
        help_text="Step-free access, hearing loop, captioning…",
    )

    class Meta:
        ordering = ["venue", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["venue", "name"], name="room_unique_per_venue"
            )
        ]

    def __str__(self):
        return self.name


class Language(models.Model):
    code = models.SlugField(max_length=20, unique=True)
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


def time_zone_choices():
    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


class EventIndexPage(Page):
    intro = RichTextField(blank=True, **limits.rich_text(limits.RICH_TEXT))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["events.EventPage"]
    max_count = 1
    api_fields = [APIField("intro")]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        events = queries.public(EventPage.objects.child_of(self))
        context["upcoming"] = queries.upcoming(events)
        context["past"] = queries.past(events)
        return context


class EventPage(RoutablePageMixin, Page):
    FORUM = "forum"
    WORKSHOP = "workshop"
    CONFERENCE = "conference"
    CONSULTATION = "consultation"
    KINDS = [
        (FORUM, "Forum"),
        (WORKSHOP, "Workshop"),
        (CONFERENCE, "Conference"),
        (CONSULTATION, "Consultation"),
    ]

    kind = models.CharField(max_length=20, choices=KINDS, default=FORUM)
    start_date = models.DateField(db_index=True)
    end_date = models.DateField(db_index=True)
    time_zone = models.CharField(
        max_length=64,
        choices=time_zone_choices,
        default="UTC",
        help_text="Session times are entered and shown in this time zone.",
    )
    venue = models.CharField(max_length=255, blank=True)
    online_link = models.URLField(
        "online participation link",
        blank=True,
        help_text="Where remote participants join.",
    )
    summary = models.TextField(
        **limits.text(500),
        help_text="One or two sentences for listings and search results.",
    )
    body = StreamField(BodyBlock(), blank=True)
    themes = ParentalManyToManyField(Theme, blank=True, related_name="events")

    AUTOMATIC = "automatic"
    APPROVAL = "approval"
    REGISTRATION_MODES = [
        (AUTOMATIC, "Confirm automatically while seats last"),
        (APPROVAL, "Organisers approve each registration"),
    ]
    registration_opens_at = models.DateTimeField(
        null=True, blank=True, help_text="Leave empty to keep registration closed."
    )
    registration_closes_at = models.DateTimeField(null=True, blank=True)
    registration_mode = models.CharField(
        max_length=12, choices=REGISTRATION_MODES, default=AUTOMATIC
    )
    registration_in_person = models.BooleanField("in person", default=True)
    registration_online = models.BooleanField("online", default=False)
    online_capacity = models.PositiveIntegerField(
        null=True, blank=True, help_text="Leave empty for unlimited online places."
    )
    report_due_days = models.PositiveSmallIntegerField(
        "session reports due after (days)",
        default=14,
        help_text="Rapporteurs' reports are due this many days after their session.",
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("start_date"),
                FieldPanel("end_date"),
                FieldPanel("time_zone"),
            ],
            heading="When",
        ),
        MultiFieldPanel(
            [FieldPanel("venue"), FieldPanel("online_link")], heading="Where"
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        InlinePanel("partners", heading="Organising partners", label="Partner"),
        FieldPanel("report_due_days"),
    ]
    registration_panels = [
        MultiFieldPanel(
            [
                FieldPanel("registration_opens_at"),
                FieldPanel("registration_closes_at"),
                FieldPanel("registration_mode"),
            ],
            heading="Registration",
        ),
        MultiFieldPanel(
            [
                FieldPanel("registration_in_person"),
                FieldPanel("registration_online"),
                FieldPanel("online_capacity"),
            ],
            heading="Attendance",
        ),
        InlinePanel(
            "quotas",
            heading="In-person seats by stakeholder group",
            label="Quota",
            help_text=(
                "Leave the group empty for an open pool any group may use once its "
                "own seats are taken. Lowering seats never cancels anyone."
            ),
        ),
    ]
    base_form_class = EventPageForm
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(registration_panels, heading="Registration"),
            ObjectList(Page.promote_panels, heading="Promote"),
            ObjectList(Page.settings_panels, heading="Settings"),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("venue"),
        index.FilterField("start_date"),
        index.FilterField("end_date"),
    ]
    api_fields = [
        APIField("kind"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("time_zone"),
        APIField("venue"),
        # Not online_link: it is for registrants (online_link_for), never public.
        APIField("summary"),
        APIField("body"),
        APIField("theme_names"),
        APIField("partners"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = ["programme.SessionPage", "events.OutcomePage"]

    class Meta:
        verbose_name = "event"

    def clean(self):
        super().clean()
        problems = event_date_problems(self.start_date, self.end_date)
        if problems:
            raise ValidationError(problems)

    @cached_property
    def tzinfo(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def theme_names(self):
        return [str(theme) for theme in self.themes.all()]

    def is_running(self, today: date | None = None):
        today = today or timezone.localdate(timezone=self.tzinfo)
        return self.start_date <= today <= self.end_date

    def registration_is_open(self, now=None):
        now = now or timezone.now()
        return (
            self.registration_opens_at is not None
            and self.registration_opens_at <= now
            and (
                self.registration_closes_at is None or now < self.registration_closes_at
            )
        )

    def online_link_for(self, user):
        """The online participation link, for a participant whose registration is
        confirmed; "" for anyone else. Public outputs (the pages API, calendars,
        schedules) never carry it."""
        from participants.models import Registration

        if not (self.online_link and user.is_authenticated):
            return ""
        confirmed = self.registrations.filter(
            user=user, status=Registration.CONFIRMED
        ).exists()
        return self.online_link if confirmed else ""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["online_link"] = self.online_link_for(request.user)
        return context

    def outcome(self):
        return queries.public(OutcomePage.objects.child_of(self)).first()

    @property
    def attendance_modes(self):
        return [
            mode
            for mode, offered in [
                ("in_person", self.registration_in_person),
                ("online", self.registration_online),
            ]
            if offered
        ]

    @path("register/")
    def register(self, request):
        # Imported here: the participants app's models import this module.
        from participants.views import register_view

        return register_view(request, self)

    @path("programme/")
    def programme(self, request):
        # Imported here: the sessions app's models import this module.
        from sessions.views import programme_view

        return programme_view(request, self)

    @re_path(r"^(?P<name>programme\.ics|schedule\.xml|schedule\.json)/$")
    def export(self, request, name):
        from sessions.exporters import export
        from toolkit import page_cache

        return page_cache.serve(request, lambda: export(request, self, name))

    @path("programme/changes/")
    def changelog(self, request):
        from sessions.views import changes_view

        return changes_view(request, self)

    @path("programme/changes/feed.atom/")
    def changelog_feed(self, request):
        from sessions.views import changes_feed

        return changes_feed(request, self)


class EventPartner(Orderable):
    HOST = "host"
    CO_ORGANISER = "co-organiser"
    PARTNER = "partner"
    ROLES = [(HOST, "Host"), (CO_ORGANISER, "Co-organiser"), (PARTNER, "Partner")]

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(max_length=200)
    url = models.URLField(blank=True)
    role = models.CharField(max_length=20, choices=ROLES, default=PARTNER)

    panels = [FieldPanel("name"), FieldPanel("url"), FieldPanel("role")]
    api_fields = [APIField("name"), APIField("url"), APIField("role")]

    def __str__(self):
        return self.name


class Quota(Orderable):
    """In-person seats for one stakeholder group, or (no group) the open pool.
    Seats taken are counted from registrations, never stored here."""

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="quotas")
    group = models.ForeignKey(
        StakeholderGroup,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="quotas",
        help_text="Empty: the open pool.",
    )
    seats = models.PositiveIntegerField()

    panels = [FieldPanel("group"), FieldPanel("seats")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["event", "group"], name="quota_one_per_group"
            ),
            models.UniqueConstraint(
                fields=["event"],
                condition=models.Q(group__isnull=True),
                name="quota_one_open_pool",
            ),
        ]

    def __str__(self):
        return f"{self.group or 'Open pool'}: {self.seats}"


class OutcomePage(RoutablePageMixin, Page):
    """The public outcome of an event, at `<event>/outcomes/`. Its participation figures
    are computed when it is first published and kept with the page, so that accounts
    deleted later do not rewrite them."""

    executive_summary = RichTextField(
        features=["h3", "bold", "italic", "link", "ul"],
        **limits.rich_text(limits.RICH_TEXT),
    )
    achievements = RichTextField(
        blank=True,
        features=["bold", "italic", "link", "ul"],
        **limits.rich_text(limits.SHORT_RICH_TEXT),
    )
    challenges = RichTextField(
        blank=True,
        features=["bold", "italic", "link", "ul"],
        **limits.rich_text(limits.SHORT_RICH_TEXT),
    )
    themes = ParentalManyToManyField(Theme, blank=True, related_name="outcomes")
    licence = models.CharField(
        max_length=200,
        default="Creative Commons Attribution 4.0 International (CC BY 4.0)",
        help_text="Stated on the page and in its open data.",
    )
    licence_url = models.URLField(
        default="https://creativecommons.org/licenses/by/4.0/", blank=True
    )
    statistics = models.JSONField(default=dict, editable=False)
    statistics_frozen_at = models.DateTimeField(null=True, editable=False)

    base_form_class = OutcomePageForm
    template = "events/outcome_page.html"
    parent_page_types = ["events.EventPage"]
    subpage_types = []
    max_count_per_parent = 1

    content_panels = Page.content_panels + [
        FieldPanel("executive_summary"),
        InlinePanel(
            "key_messages",
            heading="Key messages",
            label="Key message",
            help_text=(
                "Pick a takeaway from a published session report and edit it, or "
                "write your own."
            ),
        ),
        FieldPanel("achievements"),
        FieldPanel("challenges"),
        InlinePanel(
            "recommendations", heading="Recommendations", label="Recommendation"
        ),
        InlinePanel("documents", heading="Documents", label="Document"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel([FieldPanel("licence"), FieldPanel("licence_url")], "Licence"),
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
        # The figures as published (participants.statistics.published), never the
        # frozen counts themselves.
        APIField(
            "statistics",
            serializer=JSONField(source="published_statistics", read_only=True),
        ),
    ]

    class Meta:
        verbose_name = "outcome summary"

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
        from participants.statistics import published

        return published(self.statistics)

    def get_context(self, request, *args, **kwargs):
        from events import outcomes

        context = super().get_context(request, *args, **kwargs)
        context.update(outcomes.page_context(self))
        return context

    @path("outcomes.json/")
    def open_data_json(self, request):
        from events import outcomes

        return outcomes.json_response(self)

    @path("outcomes.csv/")
    def open_data_csv(self, request):
        from events import outcomes

        return outcomes.csv_response(self)


class KeyMessage(Orderable):
    outcome = ParentalKey(
        OutcomePage, on_delete=models.CASCADE, related_name="key_messages"
    )
    takeaway = models.ForeignKey(
        "programme.ReportTakeaway",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A session report's takeaway to start from.",
    )
    text = models.TextField(
        blank=True,
        help_text="Leave empty to use the takeaway as it is.",
        **limits.text(600),
    )

    panels = [FieldPanel("takeaway"), FieldPanel("text")]
    api_fields = [APIField("text")]

    def clean(self):
        if not self.text and self.takeaway_id:
            self.text = self.takeaway.text
        if not self.text:
            raise ValidationError({"text": "Write a message or pick a takeaway."})

    def __str__(self):
        return self.text


class Recommendation(Orderable):
    outcome = ParentalKey(
        OutcomePage, on_delete=models.CASCADE, related_name="recommendations"
    )
    text = models.TextField(**limits.text(1_000))
    addressee = models.CharField(
        max_length=200, blank=True, help_text="Who should act, if anyone in particular."
    )
    group = models.ForeignKey(
        StakeholderGroup,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="stakeholder group",
    )
    deadline = models.DateField(null=True, blank=True)
    theme = models.ForeignKey(
        Theme,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recommendations",
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


class OutcomeDocument(Orderable):
    outcome = ParentalKey(
        OutcomePage, on_delete=models.CASCADE, related_name="documents"
    )
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    @property
    def display_title(self):
        return self.title or self.document.title


def freeze_statistics(sender, instance, **kwargs):
    """Participation figures are computed at the first publish and then kept."""
    if instance.statistics_frozen_at is None:
        from participants.statistics import participation

        event = instance.get_parent().specific
        stats = participation(event)
        now = timezone.now()
        OutcomePage.objects.filter(pk=instance.pk).update(
            statistics=stats, statistics_frozen_at=now
        )
        instance.statistics, instance.statistics_frozen_at = stats, now


page_published.connect(freeze_statistics, sender=OutcomePage)
