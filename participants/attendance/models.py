"""Attendance: the badge of an in-person registration, the check-ins made with it
(at the event, once a day, or at a session), and the helpers who may check people in
at an event. Imported by participants.models, so Django finds them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Badge(models.Model):
    """A registration's badge: its short code is random (nothing in it says whose
    it is) and the QR code carries it signed. Reprinting revokes the old one."""

    registration = models.ForeignKey(
        "participants.Registration",
        on_delete=models.CASCADE,
        related_name="badges",
        verbose_name=_("registration"),
    )
    code = models.CharField(max_length=8, unique=True, verbose_name=_("code"))
    issued_at = models.DateTimeField(auto_now_add=True, verbose_name=_("issued at"))
    revoked_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("revoked at")
    )

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration"],
                condition=models.Q(revoked_at__isnull=True),
                name="badge_one_current",
            )
        ]

    def __str__(self):
        return self.code


class CheckIn(models.Model):
    """Someone came: at the event on a day (`session` empty), or to a session,
    in person or online. One row per person and day, or per person and session,
    whichever device recorded it first."""

    class Mode(models.TextChoices):
        ONSITE = "onsite", _("On site")
        ONLINE = "online", _("Online")

    event = models.ForeignKey(
        "events.EventPage",
        on_delete=models.CASCADE,
        related_name="check_ins",
        verbose_name=_("event"),
    )
    registration = models.ForeignKey(
        "participants.Registration",
        on_delete=models.CASCADE,
        related_name="check_ins",
        verbose_name=_("registration"),
    )
    # The event's day (in its zone) the person came.
    day = models.DateField(verbose_name=_("day"))
    session = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("session"),
    )
    mode = models.CharField(
        max_length=6, choices=Mode.choices, default=Mode.ONSITE, verbose_name=_("mode")
    )
    # When it happened, as the device saw it (a check-in made offline syncs later).
    at = models.DateTimeField(verbose_name=_("at"))
    recorded_at = models.DateTimeField(auto_now_add=True, verbose_name=_("recorded at"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    device = models.CharField(max_length=40, blank=True, verbose_name=_("device"))

    class Meta:
        ordering = ["at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "day"],
                condition=models.Q(session__isnull=True),
                name="check_in_once_a_day",
            ),
            models.UniqueConstraint(
                fields=["registration", "session"],
                condition=models.Q(session__isnull=False),
                name="check_in_once_per_session",
            ),
        ]
        indexes = [
            models.Index(fields=["event", "day"]),
            models.Index(fields=["session", "mode"]),
        ]

    def __str__(self):
        return f"{self.registration_id} {self.day} {self.session_id or ''}"


class CheckInHelper(models.Model):
    """Someone who may check people in at one event, and do nothing else there."""

    event = models.ForeignKey(
        "events.EventPage",
        on_delete=models.CASCADE,
        related_name="check_in_helpers",
        verbose_name=_("event"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("user"),
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("added by"),
    )
    added_at = models.DateTimeField(auto_now_add=True, verbose_name=_("added at"))

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="helper_once")
        ]

    def __str__(self):
        return f"{self.user} at {self.event}"


class Certificate(models.Model):
    """A certificate of attendance: issued when an attendee first asks for it after
    the event; its code (random, long enough that nobody finds one by trying) is the
    public address that confirms it. Organisers may revoke it."""

    registration = models.OneToOneField(
        "participants.Registration",
        on_delete=models.CASCADE,
        related_name="certificate",
        verbose_name=_("registration"),
    )
    code = models.CharField(max_length=16, unique=True, verbose_name=_("code"))
    issued_at = models.DateTimeField(auto_now_add=True, verbose_name=_("issued at"))
    revoked_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("revoked at")
    )
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    revoke_reason = models.CharField(
        max_length=300, blank=True, verbose_name=_("revoke reason")
    )

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.code
