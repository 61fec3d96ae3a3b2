"""Events: the pages organisers build (event index, event) and the shared reference data
(stakeholder groups, regions, the country table, themes, rooms, languages)."""

import zoneinfo
from datetime import date, datetime, time

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from events import queries
from events.blocks import BodyBlock
from events.forms import EventPageForm
from events.panels import EventToolsPanel
from events.services import event_date_problems, registration_problems
from toolkit import limits
from toolkit.page_languages import Sourced, in_reading_language
from toolkit.subroutes import SubRoutes, SubRoutesMixin


class NamedInLanguages(models.Model):
    """Reference data read in every language: `name` as stored, `names` its name in
    the site's other languages (events/data/names.yaml fills them); a language
    without one reads `name`."""

    names = models.JSONField(
        _("name in other languages"),
        default=dict,
        blank=True,
        help_text=_('By language code, for example {"fr": "Société civile"}.'),
    )

    class Meta:
        abstract = True

    def __str__(self):
        return self.local_name

    @property
    def local_name(self):
        return self.names.get(translation.get_language()) or self.name


class StakeholderGroup(NamedInLanguages):
    name = models.CharField(max_length=100, unique=True, verbose_name=_("name"))
    slug = models.SlugField(max_length=100, unique=True, verbose_name=_("slug"))
    description = models.TextField(
        blank=True, **limits.text(2_000), verbose_name=_("description")
    )
    sort_order = models.PositiveSmallIntegerField(
        default=0, verbose_name=_("sort order")
    )

    class Meta:
        ordering = ["sort_order", "name"]


class Region(NamedInLanguages):
    """A UN regional group (or any grouping an organiser prefers)."""

    code = models.SlugField(max_length=20, unique=True, verbose_name=_("code"))
    name = models.CharField(max_length=100, unique=True, verbose_name=_("name"))
    sort_order = models.PositiveSmallIntegerField(
        default=0, verbose_name=_("sort order")
    )

    class Meta:
        ordering = ["sort_order", "name"]


class Country(models.Model):
    """The country -> region table and development status, kept as editable data."""

    code = CountryField(unique=True, verbose_name=_("code"))
    region = models.ForeignKey(
        Region,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="countries",
        verbose_name=_("region"),
    )
    ldc = models.BooleanField(_("least developed country"), default=False)
    lldc = models.BooleanField(_("landlocked developing country"), default=False)
    sids = models.BooleanField(_("small island developing state"), default=False)

    class Meta:
        ordering = ["code"]
        verbose_name_plural = _("countries")

    def __str__(self):
        return self.code.name


class Gender(models.TextChoices):
    """As people state it on a profile or a session's list of people."""

    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    OTHER = "other", _("Another gender")
    UNDISCLOSED = "undisclosed", _("Prefer not to say")


class Theme(index.Indexed, NamedInLanguages):
    class Kind(models.TextChoices):
        SDG = "sdg", _("Sustainable Development Goal")
        WSIS = "wsis", _("WSIS action line")
        TOPIC = "topic", _("Topic")

    kind = models.CharField(
        max_length=10, choices=Kind.choices, default=Kind.TOPIC, verbose_name=_("kind")
    )
    code = models.CharField(
        max_length=20,
        blank=True,
        help_text=_("For example SDG 4 or C7."),
        verbose_name=_("code"),
    )
    name = models.CharField(max_length=200, verbose_name=_("name"))
    slug = models.SlugField(max_length=100, unique=True, verbose_name=_("slug"))
    description = models.TextField(
        blank=True, **limits.text(2_000), verbose_name=_("description")
    )
    sort_order = models.PositiveSmallIntegerField(
        default=0, verbose_name=_("sort order")
    )

    search_fields = [index.SearchField("name"), index.SearchField("code")]

    class Meta:
        ordering = ["kind", "sort_order", "name"]

    def __str__(self):
        return f"{self.code}: {self.local_name}" if self.code else self.local_name


class Room(models.Model):
    name = models.CharField(max_length=100, verbose_name=_("name"))
    venue = models.CharField(max_length=200, blank=True, verbose_name=_("venue"))
    capacity = models.PositiveIntegerField(
        null=True, blank=True, verbose_name=_("capacity")
    )
    accessibility = models.CharField(
        max_length=255,
        blank=True,
        help_text=_("Step-free access, hearing loop, captioning…"),
        verbose_name=_("accessibility"),
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


class Language(NamedInLanguages):
    code = models.SlugField(max_length=20, unique=True, verbose_name=_("code"))
    name = models.CharField(max_length=100, verbose_name=_("name"))

    class Meta:
        ordering = ["name"]


def time_zone_choices():
    # Every zone stays valid in the database; the event form offers places only
    # (events.services.real_time_zones).
    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


class EventIndexPage(Sourced, Page):
    intro = RichTextField(
        blank=True, **limits.rich_text(limits.RICH_TEXT), verbose_name=_("intro")
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["events.EventPage"]
    max_count = 1
    api_fields = [APIField("intro")]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        events = queries.public(EventPage.objects.child_of(self))
        context["upcoming"] = in_reading_language(list(queries.upcoming(events)))
        context["past"] = in_reading_language(list(queries.past(events)))
        return context


class EventPage(Sourced, SubRoutesMixin, RoutablePageMixin, Page):
    class Kind(models.TextChoices):
        FORUM = "forum", _("Forum")
        WORKSHOP = "workshop", _("Workshop")
        CONFERENCE = "conference", _("Conference")
        CONSULTATION = "consultation", _("Consultation")

    class RegistrationMode(models.TextChoices):
        AUTOMATIC = "automatic", _("Confirm automatically while seats last")
        APPROVAL = "approval", _("Organisers approve each registration")

    # register/, programme/, the export files and the changes feed are added by the
    # apps that serve them (participants.apps, sessions.apps).
    routes = SubRoutes()

    kind = models.CharField(
        max_length=20, choices=Kind.choices, default=Kind.FORUM, verbose_name=_("kind")
    )
    start_date = models.DateField(db_index=True, verbose_name=_("start date"))
    end_date = models.DateField(db_index=True, verbose_name=_("end date"))
    time_zone = models.CharField(
        max_length=64,
        choices=time_zone_choices,
        default="UTC",
        help_text=_("Session times are entered and shown in this time zone."),
        verbose_name=_("time zone"),
    )
    venue = models.CharField(max_length=255, blank=True, verbose_name=_("venue"))
    online_link = models.URLField(
        _("online participation link"),
        blank=True,
        help_text=_("Where remote participants join."),
    )
    summary = models.TextField(
        **limits.text(500),
        help_text=_("One or two sentences for listings and search results."),
        verbose_name=_("summary"),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    themes = ParentalManyToManyField(
        Theme, blank=True, related_name="events", verbose_name=_("themes")
    )

    registration_opens_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("Leave empty to keep registration closed."),
        verbose_name=_("registration opens at"),
    )
    registration_closes_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("registration closes at")
    )
    registration_mode = models.CharField(
        max_length=12,
        choices=RegistrationMode.choices,
        default=RegistrationMode.AUTOMATIC,
        verbose_name=_("registration mode"),
    )
    registration_in_person = models.BooleanField(_("in person"), default=True)
    registration_online = models.BooleanField(_("online"), default=False)
    online_capacity = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text=_("Leave empty for unlimited online places."),
        verbose_name=_("online capacity"),
    )
    session_minutes = models.PositiveSmallIntegerField(
        _("usual session length (minutes)"),
        default=90,
        help_text=_("A new session lasts this long unless you change its end."),
    )
    reminder_hours = models.PositiveSmallIntegerField(
        _("reminder before the event (hours)"),
        null=True,
        blank=True,
        default=48,
        help_text=_(
            "Registrants get a reminder this many hours before the event's first day "
            "begins. Leave empty to send none."
        ),
    )
    session_reminder_minutes = models.PositiveSmallIntegerField(
        _("reminder before each session in an agenda (minutes)"),
        null=True,
        blank=True,
        help_text=_(
            "Registrants who put a session in their agenda get a reminder this many "
            "minutes before it starts. Leave empty to send none."
        ),
    )
    report_due_days = models.PositiveSmallIntegerField(
        _("session reports due after (days)"),
        default=14,
        help_text=_("Rapporteurs' reports are due this many days after their session."),
    )

    content_panels = (
        [EventToolsPanel()]
        + Page.content_panels
        + [
            MultiFieldPanel(
                [
                    FieldPanel("kind"),
                    FieldPanel("start_date"),
                    FieldPanel("end_date"),
                    FieldPanel("time_zone"),
                ],
                heading=_("When"),
            ),
            MultiFieldPanel(
                [FieldPanel("venue"), FieldPanel("online_link")], heading=_("Where")
            ),
            FieldPanel("summary"),
            FieldPanel("body"),
            FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
            InlinePanel(
                "partners", heading=_("Organising partners"), label=_("Partner")
            ),
            FieldRowPanel(
                [FieldPanel("session_minutes"), FieldPanel("report_due_days")]
            ),
        ]
    )
    registration_panels = [
        MultiFieldPanel(
            [
                FieldPanel("registration_opens_at"),
                FieldPanel("registration_closes_at"),
                FieldPanel("registration_mode"),
            ],
            heading=_("Registration"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("registration_in_person"),
                FieldPanel("registration_online"),
                FieldPanel("online_capacity"),
            ],
            heading=_("Attendance"),
        ),
        FieldRowPanel(
            [FieldPanel("reminder_hours"), FieldPanel("session_reminder_minutes")],
            heading=_("Reminders"),
        ),
        InlinePanel(
            "quotas",
            heading=_("In-person seats by stakeholder group"),
            label=_("Quota"),
            help_text=_(
                "Leave the group empty for an open pool any group may use once its "
                "own seats are taken. Lowering seats never cancels anyone."
            ),
        ),
    ]
    base_form_class = EventPageForm
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(registration_panels, heading=_("Registration")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
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
        # Not online_link: it is for registrants (participants.queries.online_link).
        APIField("summary"),
        APIField("body"),
        APIField("theme_names"),
        APIField("partners"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = [
        "programme.SessionPage",
        "programme.CallPage",
        "outcomes.OutcomePage",
    ]

    class Meta:
        verbose_name = _("event")

    def clean(self):
        super().clean()
        problems = event_date_problems(
            self.start_date, self.end_date
        ) | registration_problems(
            self.registration_opens_at,
            self.registration_closes_at,
            self.registration_in_person,
            self.registration_online,
        )
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

    def starts_at(self):
        """When the event's first day begins, in its own time zone."""
        return datetime.combine(self.start_date, time.min, self.tzinfo)

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


class EventPartner(Orderable):
    class Role(models.TextChoices):
        HOST = "host", _("Host")
        CO_ORGANISER = "co-organiser", _("Co-organiser")
        PARTNER = "partner", _("Partner")

    event = ParentalKey(
        EventPage,
        on_delete=models.CASCADE,
        related_name="partners",
        verbose_name=_("event"),
    )
    name = models.CharField(max_length=200, verbose_name=_("name"))
    url = models.URLField(blank=True, verbose_name=_("url"))
    role = models.CharField(
        max_length=20,
        choices=Role.choices,
        default=Role.PARTNER,
        verbose_name=_("role"),
    )

    panels = [FieldPanel("name"), FieldPanel("url"), FieldPanel("role")]
    api_fields = [APIField("name"), APIField("url"), APIField("role")]

    def __str__(self):
        return self.name


class Quota(Orderable):
    """In-person seats for one stakeholder group, or (no group) the open pool.
    Seats taken are counted from registrations, never stored here."""

    event = ParentalKey(
        EventPage,
        on_delete=models.CASCADE,
        related_name="quotas",
        verbose_name=_("event"),
    )
    group = models.ForeignKey(
        StakeholderGroup,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="quotas",
        help_text=_("Empty: the open pool."),
        verbose_name=_("group"),
    )
    seats = models.PositiveIntegerField(verbose_name=_("seats"))

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
        return f"{self.group or gettext('Open pool')}: {self.seats}"

    @property
    def inline_heading(self):
        """The row's title on the event form (templates/wagtailadmin/panels/)."""
        return str(self.group or gettext("Open pool"))
