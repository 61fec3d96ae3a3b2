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
        "participants.Registration", on_delete=models.CASCADE, related_name="badges"
    )
    code = models.CharField(max_length=8, unique=True)
    issued_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

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
        "events.EventPage", on_delete=models.CASCADE, related_name="check_ins"
    )
    registration = models.ForeignKey(
        "participants.Registration", on_delete=models.CASCADE, related_name="check_ins"
    )
    # The event's day (in its zone) the person came.
    day = models.DateField()
    session = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    mode = models.CharField(max_length=6, choices=Mode.choices, default=Mode.ONSITE)
    # When it happened, as the device saw it (a check-in made offline syncs later).
    at = models.DateTimeField()
    recorded_at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    device = models.CharField(max_length=40, blank=True)

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
        "events.EventPage", on_delete=models.CASCADE, related_name="check_in_helpers"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    added_at = models.DateTimeField(auto_now_add=True)

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
    )
    code = models.CharField(max_length=16, unique=True)
    issued_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoke_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.code
