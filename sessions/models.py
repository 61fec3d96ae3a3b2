"""Sessions: the SessionPage with its issue note and people, and the Person snippet."""

from django import forms
from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
    TitleFieldPanel,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PagePermissionTester
from wagtail.search import index

from events.models import (
    Country,
    Gender,
    Language,
    Region,
    Room,
    StakeholderGroup,
    Theme,
)
from events.queries import public
from participants.queries import online_link
from sessions.forms import QAHighlightsPanel, SessionPageForm, SessionReportPageForm
from toolkit import limits
from toolkit.subroutes import SubRoutes, SubRoutesMixin


class Person(index.Indexed, models.Model):
    WOMAN, MAN, OTHER, UNDISCLOSED = Gender  # names the tests and the seed use
    GENDERS = Gender.choices

    name = models.CharField(max_length=200, db_index=True)
    organisation = models.CharField(max_length=200, blank=True)
    position = models.CharField(max_length=200, blank=True)
    stakeholder_group = models.ForeignKey(
        StakeholderGroup,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    country = CountryField(blank=True)
    region_override = models.ForeignKey(
        Region,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Leave empty to use the region of the country.",
    )
    gender = models.CharField(max_length=12, choices=GENDERS, blank=True)
    bio = models.TextField(blank=True, **limits.text(3_000))
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
        help_text="Links this person to an account (for moderators, rapporteurs).",
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("organisation"), FieldPanel("position")]),
        FieldPanel("stakeholder_group"),
        FieldRowPanel([FieldPanel("country"), FieldPanel("region_override")]),
        FieldPanel("gender"),
        FieldPanel("bio"),
        FieldPanel("user"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("organisation"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return f"{self.name} ({self.organisation})" if self.organisation else self.name

    @cached_property
    def region(self):
        if self.region_override_id:
            return self.region_override
        row = Country.objects.select_related("region").filter(code=self.country).first()
        return row.region if row else None


class SessionPage(SubRoutesMixin, RoutablePageMixin, Page):
    PLENARY = "plenary"
    PANEL = "panel"
    WORKSHOP = "workshop"
    ROUNDTABLE = "roundtable"
    HIGH_LEVEL = "high-level"
    OPEN_FORUM = "open-forum"
    SIDE_EVENT = "side-event"
    FORMATS = [
        (PLENARY, "Plenary"),
        (PANEL, "Panel"),
        (WORKSHOP, "Workshop"),
        (ROUNDTABLE, "Roundtable"),
        (HIGH_LEVEL, "High-level dialogue"),
        (OPEN_FORUM, "Open forum"),
        (SIDE_EVENT, "Side event"),
    ]
    # session.ics/ and the Q&A's questions/ are added by sessions.routes.
    routes = SubRoutes()
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"
    STATUSES = [(SCHEDULED, "Scheduled"), (CANCELLED, "Cancelled")]

    code = models.CharField(
        max_length=40,
        blank=True,
        db_index=True,
        help_text="Organisers' reference (WS-12); spreadsheet imports match on it.",
    )
    start = models.DateTimeField(db_index=True)
    end = models.DateTimeField()
    room = models.ForeignKey(
        Room, null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions"
    )
    track = models.CharField(max_length=100, blank=True, db_index=True)
    format = models.CharField(
        max_length=20, choices=FORMATS, default=PANEL, db_index=True
    )
    status = models.CharField(max_length=12, choices=STATUSES, default=SCHEDULED)
    languages = ParentalManyToManyField(
        Language,
        blank=True,
        related_name="sessions",
        help_text="Spoken or interpreted.",
    )
    interpretation = models.CharField(
        max_length=255,
        blank=True,
        help_text="Interpretation, captioning or sign language offered, if any.",
    )
    themes = ParentalManyToManyField(Theme, blank=True, related_name="sessions")
    summary = models.TextField(
        blank=True,
        help_text="A short description shown in the programme.",
        **limits.text(600),
    )
    background = RichTextField(
        blank=True,
        features=["h3", "bold", "italic", "link", "ol", "ul", "document-link"],
        **limits.rich_text(limits.RICH_TEXT),
    )
    participation = RichTextField(
        "how participants take part",
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text="How onsite and online participants will take part.",
        **limits.rich_text(limits.SHORT_RICH_TEXT),
    )

    base_form_class = SessionPageForm
    template = "sessions/session_page.html"
    parent_page_types = ["events.EventPage"]
    subpage_types = ["programme.SessionReportPage"]

    schedule_panels = [
        TitleFieldPanel("title"),  # fills in the slug as the title is typed
        FieldPanel("code"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")], heading="Time"),
        FieldRowPanel([FieldPanel("room"), FieldPanel("track")]),
        FieldRowPanel([FieldPanel("format"), FieldPanel("status")]),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("languages", widget=forms.CheckboxSelectMultiple),
                FieldPanel("interpretation"),
            ],
            heading="Languages",
        ),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
    ]
    people_panels = [
        InlinePanel(
            "roles",
            heading="People",
            label="Person",
            help_text=(
                "Someone booked in another session at the same time is saved with a "
                "warning, so that you can decide."
            ),
        )
    ]
    issue_note_panels = [
        FieldPanel("background"),
        InlinePanel("guiding_questions", heading="Guiding questions", label="Question"),
        FieldPanel("participation"),
        InlinePanel("documents", heading="Documents", label="Document"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(schedule_panels, heading="Session"),
            ObjectList(people_panels, heading="People"),
            ObjectList(issue_note_panels, heading="Issue note"),
            ObjectList(Page.promote_panels, heading="Promote"),
            ObjectList(Page.settings_panels, heading="Settings"),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("background"),
        index.SearchField("track"),
        index.RelatedFields("guiding_questions", [index.SearchField("text")]),
        index.FilterField("start"),
        index.FilterField("format"),
    ]
    api_fields = [
        APIField("code"),
        APIField("start"),
        APIField("end"),
        APIField("room_name"),
        APIField("track"),
        APIField("format"),
        APIField("status"),
        APIField("language_codes"),
        APIField("interpretation"),
        APIField("theme_names"),
        APIField("summary"),
        APIField("background"),
        APIField("participation"),
        APIField("people"),
        APIField("guiding_questions"),
    ]

    class Meta:
        verbose_name = "session"

    @property
    def is_cancelled(self):
        return self.status == self.CANCELLED

    @property
    def room_name(self):
        return self.room.name if self.room_id else ""

    @property
    def language_codes(self):
        return [language.code for language in self.languages.all()]

    @property
    def theme_names(self):
        return [str(theme) for theme in self.themes.all()]

    @property
    def people(self):
        return [
            {
                "name": role.person.name,
                "organisation": role.person.organisation,
                "role": role.role,
            }
            for role in self.roles.all()
        ]

    def get_context(self, request, *args, qa_ask_form=None, **kwargs):
        from sessions.qa import panel

        context = super().get_context(request, *args, **kwargs)
        context["qa"] = panel.build(request, self, ask_form=qa_ask_form)
        # numchild spares the query on the many sessions without a report.
        context["report"] = self.numchild and (
            public(SessionReportPage.objects.child_of(self)).first()
        )
        if request.user.is_authenticated:  # the link is for registrants only
            event = self.get_parent().specific
            context["online_link"] = online_link(event, request.user)
            # Agendas hold public sessions only (sessions.agenda.add): no button on
            # a private one. One query says both whether it is public and held.
            held = (
                public(SessionPage.objects.filter(pk=self.pk))
                .annotate(
                    held=models.Exists(
                        AgendaItem.objects.filter(session=self, user=request.user)
                    )
                )
                .values_list("held", flat=True)
                .first()
            )
            if held is not None:
                context["agenda"] = {self.pk} if held else set()
        return context

    @cached_property
    def rapporteur_user_ids(self):
        return {
            role.person.user_id
            for role in self.roles.all()
            if role.role == SessionRole.RAPPORTEUR and role.person.user_id
        }

    def roles_by_kind(self):
        """[(role label, [people])] in the order roles are listed on a session."""
        grouped = {}
        for role in self.roles.all():
            grouped.setdefault(role.role, []).append(role.person)
        return [
            (label, grouped[key]) for key, label in SessionRole.ROLES if key in grouped
        ]


class SessionRole(Orderable):
    MODERATOR = "moderator"
    ONLINE_MODERATOR = "online-moderator"
    SPEAKER = "speaker"
    RAPPORTEUR = "rapporteur"
    ROLES = [
        (MODERATOR, "Moderator"),
        (ONLINE_MODERATOR, "Online moderator"),
        (SPEAKER, "Speaker"),
        (RAPPORTEUR, "Rapporteur"),
    ]

    session = ParentalKey(SessionPage, on_delete=models.CASCADE, related_name="roles")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=20, choices=ROLES, default=SPEAKER)

    panels = [FieldPanel("person"), FieldPanel("role")]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"


class GuidingQuestion(Orderable):
    session = ParentalKey(
        SessionPage, on_delete=models.CASCADE, related_name="guiding_questions"
    )
    text = models.TextField(**limits.text(500))

    panels = [FieldPanel("text")]
    api_fields = [APIField("text")]

    def __str__(self):
        return self.text


class SessionDocument(Orderable):
    session = ParentalKey(
        SessionPage, on_delete=models.CASCADE, related_name="documents"
    )
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(
        max_length=200, blank=True, help_text="Leave empty to use the document's title."
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    @property
    def display_title(self):
        return self.title or self.document.title


class ScheduleRecord(models.Model):
    """What was last published of a session's place in the programme. The next publish
    is compared with it to record programme changes; `sequence` is the session's
    iCalendar SEQUENCE and rises with every change a calendar should pick up."""

    session = models.OneToOneField(
        SessionPage, on_delete=models.CASCADE, related_name="schedule_record"
    )
    title = models.CharField(max_length=255)
    start = models.DateTimeField()
    end = models.DateTimeField()
    room_name = models.CharField(max_length=100, blank=True)
    status = models.CharField(max_length=12, choices=SessionPage.STATUSES)
    sequence = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.title} (sequence {self.sequence})"


class ProgrammeChange(models.Model):
    """One line of an event's public changelog, written when a session is published."""

    ADDED = "added"
    MOVED = "moved"
    ROOM = "room"
    CANCELLED = "cancelled"
    REINSTATED = "reinstated"
    RENAMED = "renamed"
    KINDS = [
        (ADDED, "New session"),
        (MOVED, "Moved"),
        (ROOM, "New room"),
        (CANCELLED, "Cancelled"),
        (REINSTATED, "Back in the programme"),
        (RENAMED, "Renamed"),
    ]

    event = models.ForeignKey(
        "events.EventPage", on_delete=models.CASCADE, related_name="programme_changes"
    )
    session = models.ForeignKey(
        SessionPage,
        null=True,
        on_delete=models.SET_NULL,
        related_name="programme_changes",
    )
    kind = models.CharField(max_length=12, choices=KINDS)
    title = models.CharField(max_length=255)
    old_title = models.CharField(max_length=255, blank=True)
    old_start = models.DateTimeField(null=True)
    old_end = models.DateTimeField(null=True)
    old_room = models.CharField(max_length=100, blank=True)
    new_start = models.DateTimeField()
    new_end = models.DateTimeField()
    new_room = models.CharField(max_length=100, blank=True)
    at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"

    @property
    def is_move(self):
        """Moves show the old time and room beside the new; other changes, one slot."""
        return self.kind in (self.MOVED, self.ROOM)


class AgendaItem(models.Model):
    """A session a participant added to their personal agenda."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agenda_items"
    )
    session = models.ForeignKey(
        SessionPage, on_delete=models.CASCADE, related_name="agenda_items"
    )
    added = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "session"], name="agenda_item_once_per_user"
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.session}"


class AgendaFeed(models.Model):
    """The secret in a participant's private calendar address. Resetting replaces it,
    so an address that leaked stops working at once."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agenda_feed"
    )
    token = models.CharField(max_length=64, unique=True)
    updated = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Agenda feed of {self.user}"


class RapporteurPermissionTester(PagePermissionTester):
    """A rapporteur linked to an account edits (and submits for review) the report of
    their own session, and nothing else: no other page rights are needed."""

    def can_edit(self):
        return super().can_edit() or self._is_rapporteur()

    def _is_rapporteur(self):
        from sessions.reports import is_rapporteur

        return self.user.is_active and is_rapporteur(self.user, self.page)


class SessionReportPage(Page):
    """The rapporteur's report, a child page of its session so that it has drafts,
    revisions, scheduled publishing and the review workflow of any page."""

    discussion = RichTextField(
        "summary of the discussion",
        blank=True,
        features=["h3", "bold", "italic", "link", "ol", "ul"],
        **limits.rich_text(limits.PAGE_BODY),
    )
    convergence = models.TextField(
        "points of convergence", blank=True, **limits.text(5_000)
    )
    divergence = models.TextField(
        "points of divergence", blank=True, **limits.text(5_000)
    )
    onsite_estimate = models.PositiveIntegerField(
        "participants onsite (estimate)", null=True, blank=True
    )
    online_estimate = models.PositiveIntegerField(
        "participants online (estimate)", null=True, blank=True
    )
    women_estimate = models.PositiveIntegerField(
        "of whom women (estimate)", null=True, blank=True
    )
    gender_discussed = models.BooleanField(
        "gender equality was discussed", default=False
    )
    gender_discussion = models.TextField(
        "how gender was discussed", blank=True, **limits.text(1_000)
    )

    base_form_class = SessionReportPageForm
    template = "sessions/report_page.html"
    parent_page_types = ["programme.SessionPage"]
    subpage_types = []
    max_count_per_parent = 1

    content_panels = Page.content_panels + [
        InlinePanel(
            "takeaways",
            heading="Key takeaways",
            label="Takeaway",
            help_text="A few short statements.",
        ),
        InlinePanel("calls_to_action", heading="Calls to action", label="Call"),
        QAHighlightsPanel(
            "qa_highlights",
            heading="Q&A highlights",
            label="Question",
            help_text=(
                "Questions from this session's Q&A, quoted with their votes; the "
                "names of anonymous askers stay hidden."
            ),
        ),
        FieldPanel("discussion"),
        FieldRowPanel([FieldPanel("convergence"), FieldPanel("divergence")]),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("onsite_estimate"),
                        FieldPanel("online_estimate"),
                        FieldPanel("women_estimate"),
                    ]
                ),
                FieldPanel("gender_discussed"),
                FieldPanel("gender_discussion"),
            ],
            heading="Participation",
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("discussion"),
        index.SearchField("convergence"),
        index.SearchField("divergence"),
        index.RelatedFields("takeaways", [index.SearchField("text")]),
        index.RelatedFields("calls_to_action", [index.SearchField("text")]),
    ]
    api_fields = [
        APIField("discussion"),
        APIField("convergence"),
        APIField("divergence"),
        APIField("onsite_estimate"),
        APIField("online_estimate"),
        APIField("women_estimate"),
        APIField("gender_discussed"),
        APIField("gender_discussion"),
        APIField("takeaways"),
        APIField("calls_to_action"),
    ]

    class Meta:
        verbose_name = "session report"

    def clean(self):
        self.slug = "report"  # the address is a contract: <event>/<session>/report/
        super().clean()

    def permissions_for_user(self, user):
        return RapporteurPermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["highlights"] = self.shown_highlights()
        return context

    def shown_highlights(self):
        """The highlights whose question the public may still see (a question hidden
        after it was picked drops out), their questions read in one query. Works for
        a preview too, whose rows are not in the database yet."""
        highlights = list(self.qa_highlights.all())
        questions = Question.objects.in_bulk([h.question_id for h in highlights])
        shown = []
        for highlight in highlights:
            question = questions.get(highlight.question_id)
            if question is not None and question.is_public:
                highlight.question = question
                shown.append(highlight)
        return shown


class ReportTakeaway(Orderable):
    report = ParentalKey(
        SessionReportPage, on_delete=models.CASCADE, related_name="takeaways"
    )
    text = models.CharField(max_length=300)

    panels = [FieldPanel("text")]
    api_fields = [APIField("text")]

    def __str__(self):
        return self.text


class CallToAction(Orderable):
    report = ParentalKey(
        SessionReportPage, on_delete=models.CASCADE, related_name="calls_to_action"
    )
    text = models.CharField(max_length=500)
    addressee = models.ForeignKey(
        StakeholderGroup,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Leave empty for a call to all stakeholders.",
    )

    panels = [FieldPanel("text"), FieldPanel("addressee")]
    api_fields = [APIField("text"), APIField("addressee_name")]

    @property
    def addressee_name(self):
        return self.addressee.name if self.addressee_id else "All stakeholders"

    def __str__(self):
        return self.text


class QAHighlight(Orderable):
    """A question from the session's Q&A quoted in its report, with its votes."""

    report = ParentalKey(
        SessionReportPage, on_delete=models.CASCADE, related_name="qa_highlights"
    )
    question = models.ForeignKey(
        "programme.Question", on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("question")]

    class Meta(Orderable.Meta):
        verbose_name = "Q&A highlight"

    @property
    def author_label(self):
        return self.question.public_name or "Anonymous participant"

    def __str__(self):
        return str(self.question)


class ReportReminder(models.Model):
    """A reminder mailed to a rapporteur; its row keeps the daily command from sending
    the same reminder twice."""

    DUE_SOON = "due-soon"
    OVERDUE = "overdue"
    KINDS = [(DUE_SOON, "Due soon"), (OVERDUE, "Overdue")]

    session = models.ForeignKey(
        SessionPage, on_delete=models.CASCADE, related_name="report_reminders"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=KINDS)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user", "kind"], name="report_reminder_once"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.user} for {self.session}"


# The Q&A models live in sessions/qa/ and belong to this app.
from sessions.qa.models import QABoard, Question, Vote  # noqa: E402, F401
