"""What the programme keeps to tell people of changes: the last published schedule
of each session and the changes derived from it."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from sessions.models.session import SessionPage


class ScheduleRecord(models.Model):
    """What was last published of a session's place in the programme. The next publish
    is compared with it to record programme changes; `sequence` is the session's
    iCalendar SEQUENCE and rises with every change a calendar should pick up."""

    session = models.OneToOneField(
        SessionPage,
        on_delete=models.CASCADE,
        related_name="schedule_record",
        verbose_name=_("session"),
    )
    title = models.CharField(max_length=255, verbose_name=_("title"))
    start = models.DateTimeField(verbose_name=_("start"))
    end = models.DateTimeField(verbose_name=_("end"))
    room_name = models.CharField(
        max_length=100, blank=True, verbose_name=_("room name")
    )
    status = models.CharField(
        max_length=12, choices=SessionPage.Status.choices, verbose_name=_("status")
    )
    sequence = models.PositiveIntegerField(default=0, verbose_name=_("sequence"))

    def __str__(self):
        return f"{self.title} (sequence {self.sequence})"


class ProgrammeChange(models.Model):
    """One line of an event's public changelog, written when a session is published."""

    class Kind(models.TextChoices):
        ADDED = "added", _("New session")
        MOVED = "moved", _("Moved")
        ROOM = "room", _("New room")
        CANCELLED = "cancelled", _("Cancelled")
        REINSTATED = "reinstated", _("Back in the programme")
        RENAMED = "renamed", _("Renamed")

    event = models.ForeignKey(
        "events.EventPage",
        on_delete=models.CASCADE,
        related_name="programme_changes",
        verbose_name=_("event"),
    )
    session = models.ForeignKey(
        SessionPage,
        null=True,
        on_delete=models.SET_NULL,
        related_name="programme_changes",
        verbose_name=_("session"),
    )
    kind = models.CharField(max_length=12, choices=Kind.choices, verbose_name=_("kind"))
    title = models.CharField(max_length=255, verbose_name=_("title"))
    old_title = models.CharField(
        max_length=255, blank=True, verbose_name=_("old title")
    )
    old_start = models.DateTimeField(null=True, verbose_name=_("old start"))
    old_end = models.DateTimeField(null=True, verbose_name=_("old end"))
    old_room = models.CharField(max_length=100, blank=True, verbose_name=_("old room"))
    new_start = models.DateTimeField(verbose_name=_("new start"))
    new_end = models.DateTimeField(verbose_name=_("new end"))
    new_room = models.CharField(max_length=100, blank=True, verbose_name=_("new room"))
    at = models.DateTimeField(db_index=True, verbose_name=_("at"))

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"

    @property
    def is_move(self):
        """Moves show the old time and room beside the new; other changes, one slot."""
        return self.kind in (self.Kind.MOVED, self.Kind.ROOM)
