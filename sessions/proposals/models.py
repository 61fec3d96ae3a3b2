"""A call for session proposals (a page under its event) and the proposals sent to it,
with their people. Proposals are plain models: participants write them, and publishing
an older revision of the call must never touch them."""

from django import forms
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
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
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from events.models import Gender, StakeholderGroup, Theme
from events.tree import event_of
from sessions.models.session import SessionPage
from sessions.proposals.call_form import CallPageForm
from toolkit import limits
from toolkit.page_languages import Sourced, TranslatableRow


class CallPage(Sourced, RoutablePageMixin, Page):
    """An event's call for session proposals, at <event>/call/."""

    intro = RichTextField(
        _("guiding text"),
        features=["h3", "bold", "italic", "link", "ol", "ul"],
        help_text=_(
            "What the call asks for, who may propose, how proposals are chosen."
        ),
        **limits.rich_text(limits.RICH_TEXT),
    )
    opens_at = models.DateTimeField(
        help_text=_("In the event's time zone."), verbose_name=_("opens at")
    )
    closes_at = models.DateTimeField(
        help_text=_("In the event's time zone. Proposals are edited until then."),
        verbose_name=_("closes at"),
    )
    decisions_on = models.DateField(
        _("decisions published on"),
        null=True,
        blank=True,
        help_text=_(
            "From the start of this day (in the event's time zone) the "
            "proposers see the decisions taken and are mailed them; a decision taken "
            "later goes at once. Empty: at once."
        ),
    )
    formats = models.JSONField(default=list, blank=True, verbose_name=_("formats"))
    themes = ParentalManyToManyField(
        Theme,
        blank=True,
        related_name="calls",
        help_text=_("Leave empty to accept every theme of the event."),
        verbose_name=_("themes"),
    )
    # Screening: each rule on by default, as the IGF applies them.
    rule_complete = models.BooleanField(_("the form is complete"), default=True)
    rule_speakers = models.BooleanField(
        _("enough speakers who have agreed"), default=True
    )
    min_speakers = models.PositiveSmallIntegerField(
        _("speakers who have agreed, at least"), default=3
    )
    rule_groups = models.BooleanField(
        _("more than one stakeholder group among speakers and organisers"),
        default=True,
    )
    rule_regions = models.BooleanField(
        _("more than one region among speakers and organisers"), default=True
    )
    rule_gender = models.BooleanField(
        _("speakers are not all of one gender"), default=True
    )
    rule_onsite = models.BooleanField(
        _("a moderator and two speakers onsite"), default=True
    )
    rule_per_person = models.BooleanField(
        _("nobody in too many proposals of this call"), default=True
    )
    max_per_person = models.PositiveSmallIntegerField(
        _("proposals one person may be in, at most"), default=3
    )
    rule_reports = models.BooleanField(
        _("flag proposers who owe a report from an earlier event"), default=True
    )
    reviewers = models.ForeignKey(
        "auth.Group",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The group whose members review this call's proposals."),
        verbose_name=_("reviewers"),
    )
    reviews_per_proposal = models.PositiveSmallIntegerField(
        default=3, verbose_name=_("reviews per proposal")
    )
    anonymous = models.BooleanField(
        _("anonymous review"),
        default=True,
        help_text=_("Reviewers see neither the proposers nor the organisers named."),
    )

    base_form_class = CallPageForm
    template = "sessions/proposals/call_page.html"
    parent_page_types = ["events.EventPage"]
    subpage_types = []
    max_count_per_parent = 1

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldRowPanel(
            [FieldPanel("opens_at"), FieldPanel("closes_at")],
            heading=pgettext_lazy("when a call for proposals is open", "Open"),
        ),
        FieldPanel("decisions_on"),
        FieldPanel("formats"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
    ]
    screening_panels = [
        MultiFieldPanel(
            [
                FieldPanel("rule_complete"),
                FieldRowPanel(
                    [FieldPanel("rule_speakers"), FieldPanel("min_speakers")]
                ),
                FieldPanel("rule_groups"),
                FieldPanel("rule_regions"),
                FieldPanel("rule_gender"),
                FieldPanel("rule_onsite"),
                FieldRowPanel(
                    [FieldPanel("rule_per_person"), FieldPanel("max_per_person")]
                ),
                FieldPanel("rule_reports"),
            ],
            heading=_("Screening rules"),
            help_text=_("Each proposal shows the result of every rule turned on here."),
        ),
        MultiFieldPanel(
            [
                FieldPanel("reviewers"),
                FieldPanel("reviews_per_proposal"),
                FieldPanel("anonymous"),
            ],
            heading=pgettext_lazy("reviewing proposals", "Review"),
        ),
        InlinePanel("criteria", heading=_("Review criteria"), label=_("Criterion")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                content_panels,
                heading=pgettext_lazy("call for proposals", "Call"),
            ),
            ObjectList(screening_panels, heading=_("Screening and review")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    class Meta:
        verbose_name = _("call for proposals")
        verbose_name_plural = _("calls for proposals")

    def is_open(self, now=None):
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at

    def format_choices(self):
        offered = set(self.formats)
        return [(k, label) for k, label in SessionPage.Format.choices if k in offered]

    def get_context(self, request, *args, **kwargs):
        # Imported here: these modules import this one.
        from sessions.proposals import queries, review

        context = super().get_context(request, *args, **kwargs)
        context["event"] = event = event_of(self)
        context["zone"] = event.tzinfo
        context["is_open"] = self.is_open()
        context["not_yet"] = timezone.now() < self.opens_at
        context["theme_list"] = queries.call_themes(self, event)
        if request.user.is_authenticated:
            context["own"] = queries.own_proposals(request.user, self)
            context["reviewing"] = review.is_reviewer(request.user, self)
        return context

    @path("")
    def call(self, request):
        return self.render(request)

    @path("propose/", name="propose")
    def propose(self, request):
        from sessions.proposals import views

        return views.propose(request, self)

    @path("proposals/<int:pk>/", name="proposal")
    def proposal(self, request, pk):
        from sessions.proposals import views

        return views.edit(request, self, pk)

    @path("review/", name="review")
    def review(self, request):
        from sessions.proposals import review_views

        return review_views.review_list(request, self)

    @path("review/<int:pk>/", name="review_proposal")
    def review_proposal(self, request, pk):
        from sessions.proposals import review_views

        return review_views.review_proposal(request, self, pk)

    @path("review/<int:pk>/conflict/", name="review_conflict")
    def review_conflict(self, request, pk):
        from sessions.proposals import review_views

        return review_views.conflict(request, self, pk)

    @path("proposals/<int:pk>/<str:act>/", name="proposal_act")
    def proposal_act(self, request, pk, act):
        from sessions.proposals import views

        return views.act(request, self, pk, act)


class CallCriterion(TranslatableRow, Orderable):
    """What reviewers score, 1 to 5, weighted in the ranking."""

    call = ParentalKey(
        CallPage,
        on_delete=models.CASCADE,
        related_name="criteria",
        verbose_name=_("call"),
    )
    name = models.CharField(max_length=200, verbose_name=_("name"))
    description = models.TextField(
        blank=True, **limits.text(1_000), verbose_name=_("description")
    )
    weight = models.PositiveSmallIntegerField(default=1, verbose_name=_("weight"))

    panels = [FieldPanel("name"), FieldPanel("description"), FieldPanel("weight")]

    def __str__(self):
        return self.name

    class Meta(TranslatableRow.Meta, Orderable.Meta):
        pass


class Proposal(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("proposal status", "Draft")
        SUBMITTED = "submitted", pgettext_lazy("proposal status", "Submitted")
        WITHDRAWN = "withdrawn", pgettext_lazy("proposal status", "Withdrawn")
        SHORTLISTED = "shortlisted", pgettext_lazy("proposal status", "Shortlisted")
        ACCEPTED = "accepted", pgettext_lazy("proposal status", "Accepted")
        CHANGES = "changes", _("Accepted with changes requested")
        REJECTED = "rejected", pgettext_lazy("proposal status", "Not accepted")
        CONFIRMED = "confirmed", pgettext_lazy("proposal status", "Confirmed")
        DECLINED = "declined", _("Declined by the proposers")

    call = models.ForeignKey(
        CallPage,
        on_delete=models.CASCADE,
        related_name="proposals",
        verbose_name=_("call"),
    )
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
        verbose_name=_("proposer"),
    )
    co_proposers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="co_proposals",
        verbose_name=_("co proposers"),
    )
    status = models.CharField(
        max_length=12,
        choices=Status.choices,
        default=Status.DRAFT,
        verbose_name=_("status"),
    )
    title = models.CharField(max_length=200, verbose_name=_("title"))
    format = models.CharField(
        max_length=20,
        choices=SessionPage.Format.choices,
        blank=True,
        verbose_name=_("format"),
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="proposals", verbose_name=_("themes")
    )
    background = models.TextField(
        blank=True, **limits.text(5_000), verbose_name=_("background")
    )
    questions = models.TextField(
        _("guiding or policy questions"),
        blank=True,
        help_text=_("One question per line."),
        **limits.text(2_000),
    )
    participation = models.TextField(
        _("how onsite and online participants will take part"),
        blank=True,
        **limits.text(2_000),
    )
    duration = models.PositiveSmallIntegerField(
        _("duration (minutes)"), null=True, blank=True
    )
    # Each save adds one: a form edited from an older version is refused, so that
    # co-proposers saving at once never overwrite each other unseen.
    version = models.PositiveIntegerField(default=1, verbose_name=_("version"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))
    submitted_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("submitted at")
    )
    # The organisers' decision, as mailed to the proposers.
    decision_message = models.TextField(
        blank=True, **limits.text(3_000), verbose_name=_("decision message")
    )
    decided_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("decided at")
    )
    # When the proposers see the decision and get its mail: the call's publication
    # day (as it stood when deciding), or the decision itself if that is later.
    decision_public_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("decision public at")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    confirmation_reminded_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("confirmation reminded at")
    )
    confirmed_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("confirmed at")
    )
    session = models.OneToOneField(
        "programme.SessionPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposal",
        help_text=_("The draft session the confirmed proposal became."),
        verbose_name=_("session"),
    )

    # The decisions an organiser takes, which the proposers see once published.
    DECIDED = ("shortlisted", "accepted", "changes", "rejected")

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["call", "status"])]

    def __str__(self):
        return self.title

    @property
    def decision_public(self):
        """Whether the proposers may see the decision (and have been mailed it)."""
        at = self.decision_public_at
        return at is not None and at <= timezone.now()

    @property
    def status_for_proposers(self):
        """The status as the proposers see it: shortlisting is the organisers' own,
        and a decision is theirs too until its publication."""
        undecided = self.status == self.Status.SHORTLISTED or (
            self.status in self.DECIDED and not self.decision_public
        )
        return gettext("Under review") if undecided else self.get_status_display()

    @property
    def theme_ids(self):
        return [theme.pk for theme in self.themes.all()]

    @property
    def co_proposer_ids(self):
        return [user.pk for user in self.co_proposers.all()]

    def question_list(self):
        return [line.strip() for line in self.questions.splitlines() if line.strip()]


class ProposalPerson(models.Model):
    """Someone on a proposal: an organiser of it, or who would take a role in the
    session. Kept as written, apart from the programme's people until it is accepted."""

    class Role(models.TextChoices):
        ORGANISER = "organiser", _("Organiser")
        MODERATOR = "moderator", _("Moderator")
        ONLINE_MODERATOR = "online-moderator", _("Online moderator")
        RAPPORTEUR = "rapporteur", _("Rapporteur")
        SPEAKER = "speaker", _("Speaker")

    class Mode(models.TextChoices):
        ONSITE = "onsite", _("Onsite")
        ONLINE = "online", _("Online")

    proposal = models.ForeignKey(
        Proposal,
        on_delete=models.CASCADE,
        related_name="people",
        verbose_name=_("proposal"),
    )
    role = models.CharField(
        max_length=20,
        choices=Role.choices,
        default=Role.SPEAKER,
        verbose_name=_("role"),
    )
    name = models.CharField(max_length=200, verbose_name=_("name"))
    email = models.EmailField(blank=True, verbose_name=_("email"))
    organisation = models.CharField(
        max_length=200, blank=True, verbose_name=_("organisation")
    )
    group = models.ForeignKey(
        StakeholderGroup,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("stakeholder group"),
    )
    country = CountryField(blank=True, verbose_name=_("country"))
    gender = models.CharField(
        max_length=12, choices=Gender.choices, blank=True, verbose_name=_("gender")
    )
    mode = models.CharField(
        _("takes part"), max_length=8, choices=Mode.choices, default=Mode.ONSITE
    )
    agreed = models.BooleanField(_("has agreed"), default=False)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.name} ({self.get_role_display()})"


class Expertise(models.Model):
    """The themes a reviewer knows best in a call: proposals go to them first."""

    call = models.ForeignKey(
        CallPage, on_delete=models.CASCADE, related_name="+", verbose_name=_("call")
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("reviewer"),
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="+", verbose_name=_("themes")
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["call", "reviewer"], name="expertise_one_per_reviewer"
            )
        ]

    def __str__(self):
        return f"Expertise of {self.reviewer} in {self.call}"


class Allocation(models.Model):
    """A proposal given to a reviewer. A reviewer who declares a conflict of interest
    keeps the row (so it is never given to them again) and no longer sees it."""

    proposal = models.ForeignKey(
        Proposal,
        on_delete=models.CASCADE,
        related_name="allocations",
        verbose_name=_("proposal"),
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="allocations",
        verbose_name=_("reviewer"),
    )
    conflict = models.BooleanField(default=False, verbose_name=_("conflict"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "reviewer"], name="allocation_one_per_reviewer"
            )
        ]
        indexes = [models.Index(fields=["reviewer", "conflict"])]

    def __str__(self):
        return f"{self.proposal} to {self.reviewer}"


class Review(models.Model):
    """A reviewer's scores (criterion pk -> 1..5) and comment on one proposal."""

    allocation = models.OneToOneField(
        Allocation,
        on_delete=models.CASCADE,
        related_name="review",
        verbose_name=_("allocation"),
    )
    scores = models.JSONField(default=dict, verbose_name=_("scores"))
    comment = models.TextField(
        blank=True, **limits.text(3_000), verbose_name=_("comment")
    )
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    def __str__(self):
        return f"Review of {self.allocation}"
