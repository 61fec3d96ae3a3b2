"""The floor of a session: one speaking queue for onsite and online participants, the
requests in it, the time budgets per stakeholder group and the record of what
moderators did. Plain models, not page fields, as the Q&A's: they change while a
session runs and must never be rolled back by publishing an older page revision."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from events.models import Gender


class Floor(models.Model):
    class Status(models.TextChoices):
        OFF = "off", pgettext_lazy("speaking queue status", "Off")
        OPEN = "open", _("Open for requests")
        CLOSED = "closed", pgettext_lazy("speaking queue status", "Closed")

    session = models.OneToOneField(
        "programme.SessionPage",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="floor",
        verbose_name=_("session"),
    )
    status = models.CharField(
        max_length=8,
        choices=Status.choices,
        default=Status.OFF,
        verbose_name=_("status"),
    )
    speaking_limit = models.PositiveIntegerField(
        default=180,
        help_text=_("Seconds each speaker has; the clock shows when it ends."),
        verbose_name=_("speaking limit"),
    )
    # The number the next request takes: requests are numbered under this row's lock.
    next_number = models.PositiveIntegerField(default=1, verbose_name=_("next number"))

    def __str__(self):
        return f"Floor of {self.session}"

    @property
    def enabled(self):
        return self.status != self.Status.OFF


class FloorBudget(models.Model):
    """OpenSlides' speaking-time budget for one stakeholder group in one session."""

    floor = models.ForeignKey(
        Floor, on_delete=models.CASCADE, related_name="budgets", verbose_name=_("floor")
    )
    group = models.ForeignKey(
        "events.StakeholderGroup",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("group"),
    )
    seconds = models.PositiveIntegerField(verbose_name=_("seconds"))

    class Meta:
        ordering = ["group__sort_order", "group__name"]
        constraints = [
            models.UniqueConstraint(fields=["floor", "group"], name="one_budget_each")
        ]

    def __str__(self):
        return f"{self.group}: {self.seconds} s"


class SpeakRequest(models.Model):
    """A request to take the floor, numbered in order of request. The speaker's group,
    region, gender and mode are copied when they ask, so the record and the balance
    stand as they were, whatever happens to the profile later."""

    class Status(models.TextChoices):
        WAITING = "waiting", pgettext_lazy("request to speak status", "Waiting")
        SPEAKING = "speaking", pgettext_lazy("request to speak status", "Speaking")
        SPOKE = "spoke", pgettext_lazy("request to speak status", "Spoke")
        SKIPPED = "skipped", pgettext_lazy("request to speak status", "Skipped")
        WITHDRAWN = "withdrawn", pgettext_lazy("request to speak status", "Withdrawn")

    class Mode(models.TextChoices):
        ONSITE = "onsite", _("Onsite")
        ONLINE = "online", _("Online")

    MAX_TOPIC = 140

    session = models.ForeignKey(
        "programme.SessionPage",
        on_delete=models.CASCADE,
        related_name="speak_requests",
        verbose_name=_("session"),
    )
    # An account deleted leaves the request, nameless: the record stands.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="speak_requests",
        verbose_name=_("user"),
    )
    number = models.PositiveIntegerField(verbose_name=_("number"))
    name = models.CharField(max_length=200, blank=True, verbose_name=_("name"))
    name_public = models.BooleanField(
        default=True,
        help_text=_("Shown by name to everyone; else as “Participant”."),
        verbose_name=_("name public"),
    )
    group = models.ForeignKey(
        "events.StakeholderGroup",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("group"),
    )
    region = models.ForeignKey(
        "events.Region",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("region"),
    )
    gender = models.CharField(
        max_length=12, choices=Gender.choices, blank=True, verbose_name=_("gender")
    )
    mode = models.CharField(
        max_length=8, choices=Mode.choices, default=Mode.ONSITE, verbose_name=_("mode")
    )
    topic = models.CharField(max_length=MAX_TOPIC, blank=True, verbose_name=_("topic"))
    guiding_question = models.ForeignKey(
        "programme.GuidingQuestion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("guiding question"),
    )
    reply = models.BooleanField(
        default=False,
        help_text=_("A reply to the speaker who had the floor."),
        verbose_name=_("reply"),
    )
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.WAITING,
        verbose_name=_("status"),
    )
    position = models.PositiveIntegerField(
        default=0, verbose_name=_("position")
    )  # order in the queue
    requested_at = models.DateTimeField(
        auto_now_add=True, verbose_name=_("requested at")
    )
    called_at = models.DateTimeField(null=True, blank=True, verbose_name=_("called at"))
    ended_at = models.DateTimeField(null=True, blank=True, verbose_name=_("ended at"))
    # The speaking clock: seconds counted while it was stopped, and since when it runs.
    spoken = models.PositiveIntegerField(default=0, verbose_name=_("spoken"))
    clock_since = models.DateTimeField(
        null=True, blank=True, verbose_name=_("clock since")
    )

    class Meta:
        ordering = ["position", "number"]
        indexes = [
            models.Index(
                fields=["session", "status", "position"], name="speak_queue_order"
            ),
            models.Index(fields=["user", "session"], name="speak_by_user"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "number"], name="speak_number_once"
            ),
            models.UniqueConstraint(
                fields=["session"],
                condition=Q(status="speaking"),
                name="one_speaker_at_a_time",
            ),
            models.UniqueConstraint(
                fields=["session", "user"],
                condition=Q(status="waiting"),
                name="one_waiting_request_each",
            ),
        ]

    def __str__(self):
        return f"#{self.number} {self.name}"

    @property
    def labels(self):
        """What the balance line counts it under (group and region selected with it)."""
        return {
            "group": self.group.name if self.group else "",
            "region": self.region.name if self.region else "",
            "gender": self.get_gender_display(),
        }

    @property
    def shown_name(self):
        """The name as the public sees it."""
        if self.name_public and self.name:
            return self.name
        return gettext("Participant")


class FloorEntry(models.Model):
    """What a moderator did to a request, and why: the queue's record."""

    class Action(models.TextChoices):
        CALLED = "called", pgettext_lazy("act on a request to speak", "Called")
        FINISHED = "finished", _("Finished speaking")
        SKIPPED = "skipped", pgettext_lazy("act on a request to speak", "Skipped")
        MOVED = "moved", pgettext_lazy("act on a request to speak", "Moved")
        WITHDRAWN = "withdrawn", _("Withdrawn by the participant")

    request = models.ForeignKey(
        SpeakRequest,
        on_delete=models.CASCADE,
        related_name="entries",
        verbose_name=_("request"),
    )
    action = models.CharField(
        max_length=10, choices=Action.choices, verbose_name=_("action")
    )
    reason = models.CharField(max_length=300, blank=True, verbose_name=_("reason"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("actor"),
    )
    at = models.DateTimeField(auto_now_add=True, verbose_name=_("at"))

    class Meta:
        ordering = ["at", "pk"]
        verbose_name_plural = _("floor entries")

    def __str__(self):
        return f"{self.get_action_display()} #{self.request_id}"
