"""Participants: the profile asked once after sign-up, registrations for events and
the log of every change of a registration's state."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django_countries.fields import CountryField

from events.models import EventPage, Gender, StakeholderGroup
from events.regions import region_of
from toolkit import limits


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    full_name = models.CharField(max_length=200)
    organisation = models.CharField(max_length=200)
    group = models.ForeignKey(
        StakeholderGroup,
        on_delete=models.PROTECT,
        related_name="profiles",
        verbose_name="stakeholder group",
    )
    country = CountryField()
    gender = models.CharField(
        max_length=12, choices=Gender.choices, blank=True, help_text="Optional."
    )
    accessibility_needs = models.TextField(
        blank=True,
        help_text="Optional: anything organisers should arrange so you can take part.",
        **limits.text(2_000),
    )
    updated_at = models.DateTimeField(auto_now=True)

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
        PENDING = "pending", "Pending approval"
        CONFIRMED = "confirmed", "Confirmed"
        WAITING = "waiting", "Waiting list"
        CANCELLED = "cancelled", "Cancelled"
        DECLINED = "declined", "Declined"

    # A pending registration holds its seat, so approving never overbooks.
    HOLDING = [Status.PENDING, Status.CONFIRMED]
    ACTIVE = [Status.PENDING, Status.CONFIRMED, Status.WAITING]

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        ONLINE = "online", "Online"

    event = models.ForeignKey(
        EventPage, on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
        help_text="Empty once the participant deleted their account.",
    )
    group = models.ForeignKey(
        StakeholderGroup,
        on_delete=models.PROTECT,
        related_name="registrations",
        verbose_name="stakeholder group",
    )
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.IN_PERSON)
    status = models.CharField(max_length=10, choices=Status.choices, db_index=True)
    open_pool = models.BooleanField(
        default=False, help_text="Holds a seat of the open pool, not of its group."
    )
    # The form's one-time token: a second submit of the same form finds this row.
    token = models.UUIDField(default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

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
        Registration, on_delete=models.CASCADE, related_name="log"
    )
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    from_status = models.CharField(max_length=10, blank=True)
    to_status = models.CharField(max_length=10)
    reason = models.CharField(max_length=300)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.from_status or 'new'} → {self.to_status}: {self.reason}"
