"""The people of a programme: a Person, shared across sessions and events."""

from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
)
from wagtail.search import index

from events.models import (
    Gender,
    Region,
    StakeholderGroup,
)
from events.regions import region_of
from toolkit import limits


class Person(index.Indexed, models.Model):
    name = models.CharField(max_length=200, db_index=True, verbose_name=_("name"))
    organisation = models.CharField(
        max_length=200, blank=True, verbose_name=_("organisation")
    )
    position = models.CharField(
        max_length=200,
        blank=True,
        verbose_name=pgettext_lazy("a person's job", "position"),
    )
    email = models.EmailField(
        blank=True,
        help_text=_("For invitations and reminders; never shown publicly."),
        verbose_name=_("email"),
    )
    stakeholder_group = models.ForeignKey(
        StakeholderGroup,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("stakeholder group"),
    )
    country = CountryField(blank=True, verbose_name=_("country"))
    region_override = models.ForeignKey(
        Region,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leave empty to use the region of the country."),
        verbose_name=_("region override"),
    )
    gender = models.CharField(
        max_length=12, choices=Gender.choices, blank=True, verbose_name=_("gender")
    )
    bio = models.TextField(blank=True, **limits.text(3_000), verbose_name=_("bio"))
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
        help_text=_("Links this person to an account (for moderators, rapporteurs)."),
        verbose_name=_("user"),
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("organisation"), FieldPanel("position")]),
        FieldPanel("email"),
        FieldPanel("stakeholder_group"),
        FieldRowPanel([FieldPanel("country"), FieldPanel("region_override")]),
        FieldPanel("gender"),
        FieldPanel("bio"),
        FieldPanel("user"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("organisation"),
        index.AutocompleteField("organisation"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("people")

    def __str__(self):
        return f"{self.name} ({self.organisation})" if self.organisation else self.name

    @cached_property
    def region(self):
        return region_of(self.country, override=self.region_override)
