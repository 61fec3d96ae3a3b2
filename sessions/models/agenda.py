"""A participant's personal agenda and its private calendar feed."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy


class AgendaItem(models.Model):
    """A session a participant added to their personal agenda."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="agenda_items",
        verbose_name=gettext_lazy("user"),
    )
    session = models.ForeignKey(
        "programme.SessionPage",
        on_delete=models.CASCADE,
        related_name="agenda_items",
        verbose_name=gettext_lazy("session"),
    )
    added = models.DateTimeField(auto_now_add=True, verbose_name=gettext_lazy("added"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "session"], name="agenda_item_once_per_user"
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.session}"


class AgendaFeed(models.Model):
    """The secret in a participant's private calendar address. Resetting replaces it,
    so an address that leaked stops working at once."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="agenda_feed",
        verbose_name=gettext_lazy("user"),
    )
    token = models.CharField(
        max_length=64, unique=True, verbose_name=gettext_lazy("token")
    )
    updated = models.DateTimeField(auto_now=True, verbose_name=gettext_lazy("updated"))

    def __str__(self):
        return f"Agenda feed of {self.user}"
