"""A session's report (a child page of the session) with its takeaways, calls to action
and Q&A highlights, the rapporteur's edit right and the reminders sent."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PagePermissionTester
from wagtail.search import index

from events.models import (
    StakeholderGroup,
)
from sessions.floor.record import floor_record
from sessions.polls.models import Poll
from sessions.polls.record import quoted
from sessions.qa.models import Question
from sessions.reports.forms import (
    HighlightsPanel,
    PollHighlightForm,
    QAHighlightForm,
    SessionReportPageForm,
)
from toolkit import limits
from toolkit.page_languages import Sourced, TranslatableRow


class RapporteurPermissionTester(PagePermissionTester):
    """A rapporteur linked to an account edits (and submits for review) the report of
    their own session, and nothing else: no other page rights are needed."""

    def can_edit(self):
        return super().can_edit() or self._is_rapporteur()

    def _is_rapporteur(self):
        # Imported here: the services import the models, this module among them.
        from sessions.reports.services import is_rapporteur

        return self.user.is_active and is_rapporteur(self.user, self.page)


class SessionReportPage(Sourced, Page):
    """The rapporteur's report, a child page of its session so that it has drafts,
    revisions, scheduled publishing and the review workflow of any page."""

    discussion = RichTextField(
        gettext_lazy("summary of the discussion"),
        blank=True,
        features=["h3", "bold", "italic", "link", "ol", "ul"],
        **limits.rich_text(limits.PAGE_BODY),
    )
    convergence = models.TextField(
        gettext_lazy("points of convergence"), blank=True, **limits.text(5_000)
    )
    divergence = models.TextField(
        gettext_lazy("points of divergence"), blank=True, **limits.text(5_000)
    )
    onsite_estimate = models.PositiveIntegerField(
        gettext_lazy("participants onsite (estimate)"), null=True, blank=True
    )
    online_estimate = models.PositiveIntegerField(
        gettext_lazy("participants online (estimate)"), null=True, blank=True
    )
    women_estimate = models.PositiveIntegerField(
        gettext_lazy("of whom women (estimate)"), null=True, blank=True
    )
    gender_discussed = models.BooleanField(
        gettext_lazy("gender equality was discussed"), default=False
    )
    gender_discussion = models.TextField(
        gettext_lazy("how gender was discussed"), blank=True, **limits.text(1_000)
    )

    base_form_class = SessionReportPageForm
    template = "sessions/report_page.html"
    parent_page_types = ["programme.SessionPage"]
    subpage_types = []
    max_count_per_parent = 1

    content_panels = Page.content_panels + [
        InlinePanel(
            "takeaways",
            heading=gettext_lazy("Key takeaways"),
            label=gettext_lazy("Takeaway"),
            help_text=gettext_lazy("A few short statements."),
        ),
        InlinePanel(
            "calls_to_action",
            heading=gettext_lazy("Calls to action"),
            label=gettext_lazy("Call"),
        ),
        HighlightsPanel(
            "qa_highlights",
            form=QAHighlightForm,
            heading=gettext_lazy("Q&A highlights"),
            label=gettext_lazy("Question"),
            help_text=gettext_lazy(
                "Questions from this session's Q&A, quoted with their votes; the "
                "names of anonymous askers stay hidden."
            ),
        ),
        HighlightsPanel(
            "poll_highlights",
            form=PollHighlightForm,
            heading=gettext_lazy("Polls"),
            label=gettext_lazy("Poll"),
            help_text=gettext_lazy(
                "Closed polls of this session, quoted with their results; a count of "
                "fewer than 5 people is not shown."
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
            heading=gettext_lazy("Participation"),
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
        verbose_name = gettext_lazy("session report")

    def clean(self):
        self.slug = "report"  # the address is a contract: <event>/<session>/report/
        super().clean()

    def permissions_for_user(self, user):
        return RapporteurPermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["highlights"] = self.shown_highlights()
        context["polls"] = self.quoted_polls()
        context["floor"] = floor_record(self.get_parent())
        return context

    def quoted_polls(self):
        """The closed polls the rapporteur chose, as the record quotes them."""
        highlights = list(self.poll_highlights.all())
        polls = Poll.objects.in_bulk([h.poll_id for h in highlights])
        return [
            quoted(polls[h.poll_id])
            for h in highlights
            if h.poll_id in polls and polls[h.poll_id].status == Poll.Status.CLOSED
        ]

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


class ReportTakeaway(TranslatableRow, Orderable):
    report = ParentalKey(
        SessionReportPage,
        on_delete=models.CASCADE,
        related_name="takeaways",
        verbose_name=gettext_lazy("report"),
    )
    text = models.CharField(max_length=300, verbose_name=gettext_lazy("text"))

    panels = [FieldPanel("text")]
    api_fields = [APIField("text")]

    def __str__(self):
        return self.text

    class Meta(TranslatableRow.Meta, Orderable.Meta):
        pass


class CallToAction(TranslatableRow, Orderable):
    report = ParentalKey(
        SessionReportPage,
        on_delete=models.CASCADE,
        related_name="calls_to_action",
        verbose_name=gettext_lazy("report"),
    )
    text = models.CharField(max_length=500, verbose_name=gettext_lazy("text"))
    addressee = models.ForeignKey(
        StakeholderGroup,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=gettext_lazy("Leave empty for a call to all stakeholders."),
        verbose_name=gettext_lazy("addressee"),
    )

    panels = [FieldPanel("text"), FieldPanel("addressee")]
    api_fields = [APIField("text"), APIField("addressee_name")]

    @property
    def addressee_name(self):
        return self.addressee.name if self.addressee_id else _("All stakeholders")

    def __str__(self):
        return self.text

    class Meta(TranslatableRow.Meta, Orderable.Meta):
        pass


class QAHighlight(Orderable):
    """A question from the session's Q&A quoted in its report, with its votes."""

    report = ParentalKey(
        SessionReportPage,
        on_delete=models.CASCADE,
        related_name="qa_highlights",
        verbose_name=gettext_lazy("report"),
    )
    question = models.ForeignKey(
        "programme.Question",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=gettext_lazy("question"),
    )

    panels = [FieldPanel("question")]

    class Meta(Orderable.Meta):
        verbose_name = gettext_lazy("Q&A highlight")

    @property
    def author_label(self):
        return self.question.public_name or _("Anonymous participant")

    def __str__(self):
        return str(self.question)


class PollHighlight(Orderable):
    """A closed poll of the session quoted in its report, with its results."""

    report = ParentalKey(
        SessionReportPage,
        on_delete=models.CASCADE,
        related_name="poll_highlights",
        verbose_name=gettext_lazy("report"),
    )
    poll = models.ForeignKey(
        "programme.Poll",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=gettext_lazy("poll"),
    )

    panels = [FieldPanel("poll")]

    class Meta(Orderable.Meta):
        verbose_name = gettext_lazy("quoted poll")

    def __str__(self):
        return str(self.poll)


class ReportReminder(models.Model):
    """A reminder mailed to a rapporteur; its row keeps the daily command from sending
    the same reminder twice."""

    class Kind(models.TextChoices):
        DUE_SOON = "due-soon", gettext_lazy("Due soon")
        OVERDUE = "overdue", gettext_lazy("Overdue")

    session = models.ForeignKey(
        "programme.SessionPage",
        on_delete=models.CASCADE,
        related_name="report_reminders",
        verbose_name=gettext_lazy("session"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=gettext_lazy("user"),
    )
    kind = models.CharField(
        max_length=10, choices=Kind.choices, verbose_name=gettext_lazy("kind")
    )
    sent_at = models.DateTimeField(
        auto_now_add=True, verbose_name=gettext_lazy("sent at")
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user", "kind"], name="report_reminder_once"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.user} for {self.session}"
