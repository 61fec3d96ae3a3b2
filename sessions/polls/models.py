"""Live polls of a session: the poll a moderator prepares and launches, its options,
and one answer per participant (with the options it chose). Plain models, not page
fields, as the Q&A's: they change every second while a session runs and must never be
rolled back by publishing an older page revision."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Poll(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        RATING = "rating", _("Rating scale")
        RANKING = "ranking", _("Ranking")
        WORDS = "words", _("Word cloud")

    class Status(models.TextChoices):
        PREPARED = "prepared", pgettext_lazy("poll status", "Prepared")
        LIVE = "live", pgettext_lazy("poll status", "Live")
        CLOSED = "closed", pgettext_lazy("poll status", "Closed")

    WITH_OPTIONS = [Kind.SINGLE, Kind.MULTIPLE, Kind.RANKING]
    SCALES = [(5, _("1 to 5")), (10, _("1 to 10"))]
    MAX_QUESTION = 300
    MAX_OPTIONS = 12

    session = models.ForeignKey(
        "programme.SessionPage",
        on_delete=models.CASCADE,
        related_name="polls",
        verbose_name=_("session"),
    )
    question = models.CharField(max_length=MAX_QUESTION, verbose_name=_("question"))
    kind = models.CharField(
        max_length=8, choices=Kind.choices, default=Kind.SINGLE, verbose_name=_("kind")
    )
    max_choices = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text=_(
            "Multiple choice: how many options one answer may tick at most "
            "(all of them when empty)."
        ),
        verbose_name=_("max choices"),
    )
    scale = models.PositiveSmallIntegerField(
        choices=SCALES, default=5, verbose_name=_("scale")
    )
    named = models.BooleanField(
        default=False,
        help_text=_("Moderators see who answered what. The public never does."),
        verbose_name=_("named"),
    )
    results_live = models.BooleanField(
        default=False,
        help_text=_(
            "Show the results as answers come in; otherwise they stay hidden "
            "until a moderator reveals them."
        ),
        verbose_name=_("results live"),
    )
    revealed = models.BooleanField(default=False, verbose_name=_("revealed"))
    words_premoderated = models.BooleanField(
        default=False,
        help_text=_(
            "Word cloud: each answer appears only once a moderator approves it."
        ),
        verbose_name=_("words premoderated"),
    )
    duration = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text=_(
            "Seconds after its launch when the poll closes by itself; empty "
            "to close it by hand."
        ),
        verbose_name=_("duration"),
    )
    status = models.CharField(
        max_length=8,
        choices=Status.choices,
        default=Status.PREPARED,
        verbose_name=_("status"),
    )
    position = models.PositiveIntegerField(default=0, verbose_name=_("position"))
    launched_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("launched at")
    )
    closes_at = models.DateTimeField(null=True, blank=True, verbose_name=_("closes at"))
    closed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("closed at"))
    # The results as the poll closed (sessions.polls.results), kept for the record: the
    # report and the outcome's open data quote them, whatever happens to accounts.
    final_results = models.JSONField(
        null=True, blank=True, verbose_name=_("final results")
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        ordering = ["position", "pk"]
        indexes = [
            models.Index(
                fields=["session", "status", "position"], name="poll_by_status"
            ),
            models.Index(fields=["status", "closes_at"], name="poll_closing"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["session"],
                condition=Q(status="live"),
                name="one_live_poll_per_session",
            )
        ]

    def __str__(self):
        return self.question[:60]

    @property
    def has_options(self):
        return self.kind in self.WITH_OPTIONS

    @property
    def results_public(self):
        """Whether anyone but a moderator may see the results now."""
        return self.revealed or (self.results_live and self.status == self.Status.LIVE)


class PollOption(models.Model):
    MAX_TEXT = 200

    poll = models.ForeignKey(
        Poll, on_delete=models.CASCADE, related_name="options", verbose_name=_("poll")
    )
    text = models.CharField(max_length=MAX_TEXT, verbose_name=_("text"))
    position = models.PositiveIntegerField(default=0, verbose_name=_("position"))

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text[:60]


class PollAnswer(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting moderation")
        APPROVED = "approved", pgettext_lazy("word cloud entry status", "Shown")
        HIDDEN = "hidden", pgettext_lazy("word cloud entry status", "Hidden")

    MAX_WORDS = 4
    MAX_WORDS_CHARS = 40

    poll = models.ForeignKey(
        Poll, on_delete=models.CASCADE, related_name="answers", verbose_name=_("poll")
    )
    # An account deleted leaves its answer, nameless: the counts on record stand.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="poll_answers",
        verbose_name=_("user"),
    )
    rating = models.PositiveSmallIntegerField(
        null=True, blank=True, verbose_name=_("rating")
    )
    words = models.CharField(
        max_length=MAX_WORDS_CHARS, blank=True, verbose_name=_("words")
    )
    # Word clouds only: shown, awaiting a moderator, or hidden by one.
    status = models.CharField(
        max_length=8,
        choices=Status.choices,
        default=Status.APPROVED,
        verbose_name=_("status"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    changed_at = models.DateTimeField(auto_now=True, verbose_name=_("changed at"))

    class Meta:
        indexes = [models.Index(fields=["poll", "status"], name="poll_answer_status")]
        constraints = [
            models.UniqueConstraint(fields=["poll", "user"], name="one_answer_each")
        ]

    def __str__(self):
        return f"{self.user} on {self.poll_id}"


class PollChoice(models.Model):
    """An option an answer chose; `rank` orders a ranking's (1 is first)."""

    answer = models.ForeignKey(
        PollAnswer,
        on_delete=models.CASCADE,
        related_name="choices",
        verbose_name=_("answer"),
    )
    option = models.ForeignKey(
        PollOption,
        on_delete=models.CASCADE,
        related_name="choices",
        verbose_name=_("option"),
    )
    rank = models.PositiveSmallIntegerField(
        null=True, blank=True, verbose_name=_("rank")
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["answer", "option"], name="one_choice_per_option"
            )
        ]

    def __str__(self):
        return (
            f"{self.option_id} (rank {self.rank})" if self.rank else str(self.option_id)
        )
