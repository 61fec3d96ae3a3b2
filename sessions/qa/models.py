"""Live Q&A rows: a session's board (switches and the change counter), its questions
and the votes on them. Plain models, not page fields: they change every second while a
session runs and must never be rolled back by publishing an older page revision."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from toolkit import limits


class QABoard(models.Model):
    class Status(models.TextChoices):
        OFF = "off", pgettext_lazy("Q&A status", "Off")
        OPEN = "open", _("Open for questions")
        PAUSED = "paused", pgettext_lazy("Q&A status", "Paused")
        CLOSED = "closed", pgettext_lazy("Q&A status", "Closed")

    session = models.OneToOneField(
        "programme.SessionPage",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="qa_board",
        verbose_name=_("session"),
    )
    status = models.CharField(
        max_length=8,
        choices=Status.choices,
        default=Status.OFF,
        verbose_name=_("status"),
    )
    premoderation = models.BooleanField(
        default=True,
        help_text=_("Questions appear only once a moderator approves them."),
        verbose_name=_("premoderation"),
    )
    # Rises by one with every change of this session's Q&A but votes; clients spot gaps
    # with it.
    seq = models.BigIntegerField(default=0, verbose_name=_("seq"))
    # Rises by one with every vote and unvote: orders the coalesced counts (votes.py).
    vote_seq = models.BigIntegerField(default=0, verbose_name=_("vote seq"))
    untaken_published = models.BooleanField(
        default=False,
        help_text=_("Show the public the approved questions the session did not take."),
        verbose_name=_("untaken published"),
    )

    class Meta:
        verbose_name = _("Q&A board")

    def __str__(self):
        return f"Q&A of {self.session}"

    @property
    def enabled(self):
        return self.status != self.Status.OFF

    @property
    def accepts_questions(self):
        return self.status == self.Status.OPEN

    @property
    def untaken_public(self):
        """After the session, the approved questions it did not take stay private until
        the organiser publishes them."""
        return self.status != self.Status.CLOSED or self.untaken_published


class Question(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting moderation")
        APPROVED = "approved", pgettext_lazy("question status", "Shown")
        ANSWERED = "answered", pgettext_lazy("question status", "Answered")
        HIDDEN = "hidden", pgettext_lazy("question status", "Hidden")
        WITHDRAWN = "withdrawn", _("Withdrawn by its asker")

    PUBLIC = [Status.APPROVED, Status.ANSWERED]
    # Every question a view lists; a withdrawn one is kept on record, shown to nobody.
    ALL = [Status.PENDING, Status.APPROVED, Status.ANSWERED, Status.HIDDEN]
    MAX_LENGTH = 500

    session = models.ForeignKey(
        "programme.SessionPage",
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("session"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="questions",
        verbose_name=_("author"),
    )
    # Kept with the question: a deleted account leaves the question, nameless.
    author_name = models.CharField(
        max_length=200, blank=True, verbose_name=_("author name")
    )
    anonymous = models.BooleanField(
        default=False,
        help_text=_("Hidden from the public, never from moderators."),
        verbose_name=_("anonymous"),
    )
    guiding_question = models.ForeignKey(
        "programme.GuidingQuestion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
        verbose_name=_("guiding question"),
    )
    text = models.TextField(**limits.text(MAX_LENGTH), verbose_name=_("text"))
    original_text = models.TextField(
        blank=True,
        help_text=_("The text as asked, kept when a moderator corrects it."),
        **limits.text(MAX_LENGTH),
        verbose_name=_("original text"),
    )
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.PENDING,
        verbose_name=_("status"),
    )
    pinned = models.BooleanField(default=False, verbose_name=_("pinned"))
    # Counted in the same transaction as the Vote rows, with UPDATE votes = votes + 1.
    votes = models.PositiveIntegerField(default=0, verbose_name=_("votes"))
    hidden_reason = models.CharField(
        max_length=300, blank=True, verbose_name=_("hidden reason")
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("moderated by"),
    )
    moderated_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("moderated at")
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    answered_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("answered at")
    )

    class Meta:
        indexes = [
            models.Index(
                fields=["session", "status", "-pinned", "-votes", "created_at"],
                name="question_board_order",
            ),
            models.Index(fields=["author", "session"], name="question_by_author"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["session"], condition=Q(pinned=True), name="one_pin_per_session"
            )
        ]

    def __str__(self):
        return self.text[:60]

    @property
    def is_public(self):
        return self.status in self.PUBLIC

    @property
    def public_name(self):
        """The asker's name as anyone but a moderator may see it: none when they asked
        anonymously or their account is gone."""
        return self.author_name if self.author_id and not self.anonymous else ""


class Vote(models.Model):
    question = models.ForeignKey(
        Question,
        on_delete=models.CASCADE,
        related_name="vote_rows",
        verbose_name=_("question"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="qa_votes",
        verbose_name=_("user"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["question", "user"], name="one_vote_each")
        ]

    def __str__(self):
        return f"{self.user} on {self.question_id}"
