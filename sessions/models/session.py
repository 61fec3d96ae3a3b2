"""A session: the SessionPage with its issue note, its people and roles, and its
documents."""

from django import forms
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext
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
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from events.models import (
    Language,
    Room,
    Theme,
)
from events.queries import public
from events.tree import event_of
from participants.attendance import online as online_attendance
from participants.queries import online_link
from sessions.forms import SessionPageForm
from sessions.models.agenda import AgendaItem
from sessions.models.people import Person
from sessions.reports.models import SessionReportPage
from toolkit import limits
from toolkit.page_languages import Sourced, TranslatableRow
from toolkit.subroutes import SubRoutes, SubRoutesMixin


class SessionPage(Sourced, SubRoutesMixin, RoutablePageMixin, Page):
    class Format(models.TextChoices):
        PLENARY = "plenary", _("Plenary")
        PANEL = "panel", _("Panel")
        WORKSHOP = "workshop", _("Workshop")
        ROUNDTABLE = "roundtable", _("Roundtable")
        HIGH_LEVEL = "high-level", _("High-level dialogue")
        OPEN_FORUM = "open-forum", _("Open forum")
        SIDE_EVENT = "side-event", _("Side event")

    # session.ics/ and the Q&A's questions/ are added by sessions.routes.
    routes = SubRoutes()
    # The code and track are keys (imports match on codes, the programme filters by
    # track): a translation keeps the source's.
    override_translatable_fields = Sourced.override_translatable_fields + [
        SynchronizedField("code"),
        SynchronizedField("track"),
    ]

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    code = models.CharField(
        max_length=40,
        blank=True,
        db_index=True,
        help_text=_("Organisers' reference (WS-12); spreadsheet imports match on it."),
        verbose_name=_("code"),
    )
    start = models.DateTimeField(db_index=True, verbose_name=_("start"))
    end = models.DateTimeField(verbose_name=_("end"))
    room = models.ForeignKey(
        Room,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
        verbose_name=_("room"),
    )
    track = models.CharField(
        max_length=100, blank=True, db_index=True, verbose_name=_("track")
    )
    format = models.CharField(
        max_length=20,
        choices=Format.choices,
        default=Format.PANEL,
        db_index=True,
        verbose_name=_("format"),
    )
    status = models.CharField(
        max_length=12,
        choices=Status.choices,
        default=Status.SCHEDULED,
        verbose_name=_("status"),
    )
    languages = ParentalManyToManyField(
        Language,
        blank=True,
        related_name="sessions",
        help_text=_("Spoken or interpreted."),
        verbose_name=_("languages"),
    )
    floor_language = models.ForeignKey(
        Language,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Spoken on the floor; the session's other languages are interpreted. "
            "Schedules for conference apps name this one."
        ),
        verbose_name=_("floor language"),
    )
    interpretation_online = models.BooleanField(
        _("interpretation online too"),
        default=False,
        help_text=_(
            "The interpretation reaches participants online, not only in the room."
        ),
    )
    captions = models.BooleanField(
        _("live captions"),
        default=False,
        help_text=_("What is said is captioned live, on screen and online."),
    )
    sign_language = models.CharField(
        _("sign language"),
        max_length=100,
        blank=True,
        help_text=_("The sign language interpreted into, if any (International Sign)."),
    )
    interpretation = models.CharField(
        _("other language arrangements"),
        max_length=255,
        blank=True,
        help_text=_("Anything else about languages, in words."),
    )
    themes = ParentalManyToManyField(
        Theme, blank=True, related_name="sessions", verbose_name=_("themes")
    )
    summary = models.TextField(
        blank=True,
        help_text=_("A short description shown in the programme."),
        **limits.text(600),
        verbose_name=_("summary"),
    )
    background = RichTextField(
        blank=True,
        features=["h3", "bold", "italic", "link", "ol", "ul", "document-link"],
        **limits.rich_text(limits.RICH_TEXT),
        verbose_name=_("background"),
    )
    participation = RichTextField(
        _("how participants take part"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("How onsite and online participants will take part."),
        **limits.rich_text(limits.SHORT_RICH_TEXT),
    )

    base_form_class = SessionPageForm
    template = "sessions/session_page.html"
    parent_page_types = ["events.EventPage"]
    subpage_types = ["programme.SessionReportPage"]

    schedule_panels = [
        TitleFieldPanel("title"),  # fills in the slug as the title is typed
        FieldPanel("code"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")], heading=_("Time")),
        FieldRowPanel([FieldPanel("room"), FieldPanel("track")]),
        FieldRowPanel([FieldPanel("format"), FieldPanel("status")]),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("languages", widget=forms.CheckboxSelectMultiple),
                FieldPanel("floor_language"),
                FieldRowPanel(
                    [
                        FieldPanel("interpretation_online"),
                        FieldPanel("captions"),
                        FieldPanel("sign_language"),
                    ]
                ),
                FieldPanel("interpretation"),
            ],
            heading=_("Languages"),
        ),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
    ]
    people_panels = [
        InlinePanel(
            "roles",
            heading=_("People"),
            label=_("Person"),
            help_text=_(
                "Someone booked in another session at the same time is saved with a "
                "warning, so that you can decide."
            ),
        )
    ]
    issue_note_panels = [
        FieldPanel("background"),
        InlinePanel(
            "guiding_questions", heading=_("Guiding questions"), label=_("Question")
        ),
        FieldPanel("participation"),
        InlinePanel("documents", heading=_("Documents"), label=_("Document")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(schedule_panels, heading=_("Session")),
            ObjectList(people_panels, heading=_("People")),
            ObjectList(issue_note_panels, heading=_("Issue note")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
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
        APIField("floor_language_code"),
        APIField("interpretation_online"),
        APIField("captions"),
        APIField("sign_language"),
        APIField("interpretation"),
        APIField("theme_names"),
        APIField("summary"),
        APIField("background"),
        APIField("participation"),
        APIField("people"),
        APIField("guiding_questions"),
    ]

    class Meta:
        verbose_name = _("session")

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def room_name(self):
        return self.room.name if self.room_id else ""

    @property
    def language_codes(self):
        return [language.code for language in self.languages.all()]

    @property
    def floor_language_code(self):
        return self.floor_language.code if self.floor_language_id else None

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

    def get_context(
        self,
        request,
        *args,
        qa_ask_form=None,
        poll_answer_form=None,
        floor_speak_form=None,
        **kwargs,
    ):
        # Imported here: the Q&A's, the polls' and the floor's services import the
        # programme's models.
        from sessions.floor import panel as floor_panel
        from sessions.polls import panel as polls_panel
        from sessions.qa import panel

        context = super().get_context(request, *args, **kwargs)
        context["qa"] = qa = panel.build(request, self, ask_form=qa_ask_form)
        context["polls"] = polls_panel.build(
            request,
            self,
            registered=qa.registered,
            answer_form=poll_answer_form,
        )
        context["floor"] = floor = floor_panel.build(
            request, self, registered=qa.registered, speak_form=floor_speak_form
        )
        # The live socket runs while any of the three is on (sessions/qa/consumers).
        context["live"] = qa.shown or context["polls"].shown or floor.shown
        # numchild spares the query on the many sessions without a report.
        context["report"] = self.numchild and (
            public(SessionReportPage.objects.child_of(self)).first()
        )
        context["event"] = event = event_of(self)
        if request.user.is_authenticated:  # the link is for registrants only
            context["online_link"] = online_link(event, request.user)
            online_attendance.record(request.user, event, self)
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
            if role.role == SessionRole.Role.RAPPORTEUR and role.person.user_id
        }

    def roles_by_kind(self):
        """[(heading, [people])] in the order roles are listed on a session."""
        grouped = {}
        for role in self.roles.all():
            grouped.setdefault(role.role, []).append(role.person)
        return [
            (role_heading(key, len(grouped[key])), grouped[key])
            for key, _label in SessionRole.Role.choices
            if key in grouped
        ]


def role_heading(role, count):
    """A role's heading over its `count` people ("Speaker", "Speakers")."""
    Role = SessionRole.Role
    # The context is written out in each call: xgettext reads only literals.
    return {
        Role.MODERATOR: npgettext("over people", "Moderator", "Moderators", count),
        Role.ONLINE_MODERATOR: npgettext(
            "over people", "Online moderator", "Online moderators", count
        ),
        Role.SPEAKER: npgettext("over people", "Speaker", "Speakers", count),
        Role.RAPPORTEUR: npgettext("over people", "Rapporteur", "Rapporteurs", count),
    }[role]


class SessionRole(Orderable):
    class Role(models.TextChoices):
        MODERATOR = "moderator", _("Moderator")
        ONLINE_MODERATOR = "online-moderator", _("Online moderator")
        SPEAKER = "speaker", _("Speaker")
        RAPPORTEUR = "rapporteur", _("Rapporteur")

    session = ParentalKey(
        SessionPage,
        on_delete=models.CASCADE,
        related_name="roles",
        verbose_name=_("session"),
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="roles", verbose_name=_("person")
    )
    role = models.CharField(
        max_length=20,
        choices=Role.choices,
        default=Role.SPEAKER,
        verbose_name=_("role"),
    )

    panels = [FieldPanel("person"), FieldPanel("role")]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"


class GuidingQuestion(TranslatableRow, Orderable):
    session = ParentalKey(
        SessionPage,
        on_delete=models.CASCADE,
        related_name="guiding_questions",
        verbose_name=_("session"),
    )
    text = models.TextField(**limits.text(500), verbose_name=_("text"))

    panels = [FieldPanel("text")]
    api_fields = [APIField("text")]

    def __str__(self):
        return self.text

    class Meta(TranslatableRow.Meta, Orderable.Meta):
        pass


class SessionDocument(Orderable):
    session = ParentalKey(
        SessionPage,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("session"),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("document"),
    )
    title = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("Leave empty to use the document's title."),
        verbose_name=_("title"),
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    @property
    def display_title(self):
        return self.title or self.document.title
