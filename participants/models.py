"""Participants: the profile asked once after sign-up, registrations for events and
the log of every change of a registration's state."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from events.models import EventPage, Gender, StakeholderGroup
from events.regions import region_of
from toolkit import limits


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="profile",
        verbose_name=_("user"),
    )
    full_name = models.CharField(max_length=200, verbose_name=_("full name"))
    organisation = models.CharField(max_length=200, verbose_name=_("organisation"))
    group = models.ForeignKey(
        StakeholderGroup,
        on_delete=models.PROTECT,
        related_name="profiles",
        verbose_name=_("stakeholder group"),
    )
    country = CountryField(verbose_name=_("country"))
    gender = models.CharField(
        max_length=12,
        choices=Gender.choices,
        blank=True,
        help_text=_("Optional."),
        verbose_name=_("gender"),
    )
    accessibility_needs = models.TextField(
        blank=True,
        help_text=_(
            "Optional: anything organisers should arrange so you can take part."
        ),
        **limits.text(2_000),
        verbose_name=_("accessibility needs"),
    )
    # The language of their mails (and the one the site offers them first).
    language = models.CharField(
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        verbose_name=_("language"),
        help_text=_("The language of the mails we send you."),
    )
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    def __str__(self):
        return self.full_name

    @cached_property
    def region(self):
        return region_of(self.country)


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=Registration.ACTIVE)

    def holding_seats(self):
        return self.filter(status__in=Registration.HOLDING)


class Registration(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending approval")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("Waiting list")
        CANCELLED = "cancelled", _("Cancelled")
        DECLINED = "declined", _("Declined")

    # A pending registration holds its seat, so approving never overbooks.
    HOLDING = [Status.PENDING, Status.CONFIRMED]
    ACTIVE = [Status.PENDING, Status.CONFIRMED, Status.WAITING]

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")

    event = models.ForeignKey(
        EventPage,
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("event"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
        help_text=_("Empty once the participant deleted their account."),
        verbose_name=_("user"),
    )
    group = models.ForeignKey(
        StakeholderGroup,
        on_delete=models.PROTECT,
        related_name="registrations",
        verbose_name=_("stakeholder group"),
    )
    mode = models.CharField(
        max_length=10,
        choices=Mode.choices,
        default=Mode.IN_PERSON,
        verbose_name=_("mode"),
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, db_index=True, verbose_name=_("status")
    )
    open_pool = models.BooleanField(
        default=False,
        help_text=_("Holds a seat of the open pool, not of its group."),
        verbose_name=_("open pool"),
    )
    # The form's one-time token: a second submit of the same form finds this row.
    token = models.UUIDField(
        default=uuid.uuid4, editable=False, verbose_name=_("token")
    )
    created_at = models.DateTimeField(
        auto_now_add=True, db_index=True, verbose_name=_("created at")
    )
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=models.Q(status__in=["pending", "confirmed", "waiting"]),
                name="registration_one_active_per_user",
            ),
            models.UniqueConstraint(
                fields=["event", "token"], name="registration_token_once"
            ),
        ]

    def __str__(self):
        return f"{self.user or 'Deleted account'} – {self.event} ({self.status})"

    @property
    def is_active(self):
        return self.status in self.ACTIVE


class RegistrationEvent(models.Model):
    """One change of state: who made it, when and why (shown to organisers)."""

    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="log",
        verbose_name=_("registration"),
    )
    at = models.DateTimeField(auto_now_add=True, verbose_name=_("at"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("actor"),
    )
    from_status = models.CharField(
        max_length=10, blank=True, verbose_name=_("from status")
    )
    to_status = models.CharField(max_length=10, verbose_name=_("to status"))
    reason = models.CharField(max_length=300, verbose_name=_("reason"))
    # Typed by the person who made the change (a decline's reason), so the mail
    # quotes it; a reason the code supplied ("Approved") is not quoted.
    reason_typed = models.BooleanField(default=False, verbose_name=_("reason typed"))

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.from_status or 'new'} → {self.to_status}: {self.reason}"


class MailText(models.Model):
    """An organiser's own text for one kind of mail of one event; without one, the
    default of participants.mail_texts is sent."""

    event = models.ForeignKey(
        EventPage,
        on_delete=models.CASCADE,
        related_name="mail_texts",
        verbose_name=_("event"),
    )
    kind = models.CharField(max_length=20, verbose_name=_("kind"))
    subject = models.CharField(max_length=200, verbose_name=_("subject"))
    body = models.TextField(**limits.text(10_000), verbose_name=_("body"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "kind"], name="mail_text_once")
        ]

    def __str__(self):
        return f"{self.event}: {self.kind}"


class Message(models.Model):
    """A mail to a set of an event's registrants: an organiser's message, or a
    reminder the scheduler writes (`purpose`, at most one per event and purpose); or a
    mail to named accounts that need not be registered (the proposers of a session,
    `purpose` "proposal:<pk>:<n>"), its text written in full. Its recipients are fixed
    when it is sent, one Delivery each."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    event = models.ForeignKey(
        EventPage,
        on_delete=models.CASCADE,
        related_name="messages",
        verbose_name=_("event"),
    )
    # "" for an organiser's message; "reminder", "session-reminder:<page pk>" or
    # "proposal:<proposal pk>:<n>".
    purpose = models.CharField(max_length=60, blank=True, verbose_name=_("purpose"))
    subject = models.CharField(max_length=200, blank=True, verbose_name=_("subject"))
    body = models.TextField(blank=True, **limits.text(10_000), verbose_name=_("body"))
    # The recipients chosen in the form, as it posted them (shown in the outbox).
    audience = models.JSONField(default=dict, blank=True, verbose_name=_("audience"))
    # The session a "session in agenda" audience names; {session} says its title.
    session = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("session"),
    )
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        verbose_name=_("status"),
    )
    # The compose form's one-time token: a second submit finds this draft.
    token = models.UUIDField(
        default=uuid.uuid4, editable=False, verbose_name=_("token")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    sent_at = models.DateTimeField(null=True, blank=True, verbose_name=_("sent at"))
    # Queued but kept until then (decisions go out on the day they are published).
    send_after = models.DateTimeField(
        null=True, blank=True, verbose_name=_("send after")
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "token"], name="message_token_once"
            ),
            models.UniqueConstraint(
                fields=["event", "purpose"],
                condition=~models.Q(purpose=""),
                name="message_purpose_once",
            ),
        ]

    def __str__(self):
        return self.subject or self.purpose


class Delivery(models.Model):
    """One recipient of a message, a registration or (for a mail to named accounts)
    a user: claimed by one worker before its mail goes out, so a second worker or a
    retry never sends it twice."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Not sent: left the event")
        INTERRUPTED = "interrupted", _("Interrupted: may not have arrived")
        SUPERSEDED = "superseded", _("Not sent: replaced by a later mail")

    message = models.ForeignKey(
        Message,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("message"),
    )
    registration = models.ForeignKey(
        Registration,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("registration"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("user"),
    )
    status = models.CharField(
        max_length=12,
        choices=Status.choices,
        default=Status.QUEUED,
        verbose_name=_("status"),
    )
    attempts = models.PositiveSmallIntegerField(default=0, verbose_name=_("attempts"))
    error = models.CharField(max_length=300, blank=True, verbose_name=_("error"))
    changed_at = models.DateTimeField(auto_now=True, verbose_name=_("changed at"))
    sent_at = models.DateTimeField(null=True, blank=True, verbose_name=_("sent at"))

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["message", "registration"], name="delivery_once"
            ),
            models.UniqueConstraint(
                fields=["message", "user"],
                condition=models.Q(user__isnull=False),
                name="delivery_to_user_once",
            ),
            models.CheckConstraint(
                condition=models.Q(registration__isnull=True, user__isnull=False)
                | models.Q(registration__isnull=False, user__isnull=True),
                name="delivery_one_recipient",
            ),
        ]
        indexes = [models.Index(fields=["message", "status"])]

    def __str__(self):
        to = self.registration_id or f"user {self.user_id}"
        return f"{self.message} → {to} ({self.status})"


# The attendance models live in their own module; imported here so Django finds them.
from participants.attendance.models import (  # noqa: E402
    Badge,
    Certificate,
    CheckIn,
    CheckInHelper,
)

__all__ = [
    "Badge",
    "Certificate",
    "CheckIn",
    "CheckInHelper",
    "Delivery",
    "MailText",
    "Message",
    "Profile",
    "Registration",
    "RegistrationEvent",
]
