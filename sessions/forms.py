"""The SessionPage admin form: times in the event's time zone, defaults from the event,
and the schedule rules from sessions.services."""

from datetime import datetime, time, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminPageForm

from events.models import EventPage
from events.rooms import event_rooms
from toolkit.ids import IdField


class EventLocalDateTimeField(forms.DateTimeField):
    """Shows and reads wall-clock times in the event's zone, not the editor's."""

    def __init__(self, *args, tz=None, **kwargs):
        self.tz = tz
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, datetime) and timezone.is_aware(value):
            return timezone.make_naive(value, self.tz)
        return value

    def to_python(self, value):
        result = forms.DateTimeField.to_python(
            self, value
        )  # aware in the editor's zone
        if result is None:
            return None
        return timezone.make_aware(timezone.make_naive(result), self.tz)


def rooms_select(event, field):
    """The room as a plain select: the event's venue first, then the other venues,
    each room under its venue, so a room is found by typing its name."""
    rooms = list(event_rooms(event, also=field.queryset))
    here = [room for room in rooms if event.venue and room.venue == event.venue]
    choices = [("", _("No room"))]
    if here:
        choices.append(
            (
                _("%(venue)s (this event's venue)") % {"venue": event.venue},
                [(r.pk, r.name) for r in here],
            )
        )
    others = {}
    for room in rooms:
        if room not in here:
            others.setdefault(room.venue or _("No venue"), []).append(
                (room.pk, room.name)
            )
    return forms.Select(choices=choices + list(others.items()))


class EventChildPageForm(WagtailAdminPageForm):
    """The admin form of a page under an event, whose `local_times` fields are shown
    and read on the event's clock."""

    local_times = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        event = self.event
        if event is None:
            return
        for name in self.local_times:
            if name in self.fields:
                old = self.fields[name]
                self.fields[name] = EventLocalDateTimeField(
                    tz=event.tzinfo,
                    label=old.label,
                    required=old.required,
                    widget=old.widget,
                    help_text=_("Local time in %(zone)s.") % {"zone": event.time_zone},
                )

    @property
    def event(self):
        parent = self.parent_page if self.parent_page else self.instance.get_parent()
        parent = parent.specific if parent else None
        return parent if isinstance(parent, EventPage) else None


class SessionPageForm(EventChildPageForm):
    local_times = ("start", "end")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        event = self.event
        if event is None:
            return
        if not self.instance.pk and not self.is_bound:
            # Imported here: sessions.models imports this form.
            from sessions.services import usual_track

            start = datetime.combine(event.start_date, time(9, 0), tzinfo=event.tzinfo)
            # model_to_dict put None here for the new page's empty fields.
            end = start + timedelta(minutes=event.session_minutes)
            self.initial["start"] = self.initial.get("start") or start
            self.initial["end"] = self.initial.get("end") or end
            self.initial["track"] = self.initial.get("track") or usual_track(event)
        if "room" in self.fields:
            self.fields["room"].widget = rooms_select(event, self.fields["room"])

    def clean(self):
        # Imported here: sessions.models imports this form.
        from sessions.services import code_problems, schedule_problems

        cleaned = super().clean()
        event = self.event
        if event is not None:
            exclude = [self.instance.pk] if self.instance.pk else ()
            problems = schedule_problems(
                event,
                cleaned.get("start"),
                cleaned.get("end"),
                cleaned.get("room"),
                cleaned.get("status"),
                exclude=exclude,
            ) | code_problems(event, cleaned.get("code"), exclude=exclude)
            for field, message in problems.items():
                self.add_error(field, message)
        return cleaned


class ProgrammeFilterForm(forms.Form):
    """The programme's filters, read from the query string so they work without JS.

    Choices come from the event's sessions; an unknown value is reported and ignored.
    """

    day = forms.ChoiceField(label=gettext_lazy("Day"), required=False)
    track = forms.ChoiceField(label=gettext_lazy("Track"), required=False)
    theme = forms.ChoiceField(label=gettext_lazy("Theme"), required=False)
    format = forms.ChoiceField(label=gettext_lazy("Format"), required=False)
    room = forms.ChoiceField(label=gettext_lazy("Room"), required=False)
    language = forms.ChoiceField(label=gettext_lazy("Language"), required=False)
    access = forms.ChoiceField(label=gettext_lazy("Access"), required=False)

    def __init__(self, data, *, options):
        super().__init__(data)
        for name, choices in options.items():
            self.fields[name].choices = [("", _("All"))] + choices

    def selected(self):
        """{filter: value} for the filters that are set and valid."""
        self.is_valid()
        return {
            name: value
            for name, value in getattr(self, "cleaned_data", {}).items()
            if value and name not in self.errors
        }


class AgendaForm(forms.Form):
    """What the "Add to my agenda" and "Remove" buttons post."""

    session = IdField()
    action = forms.ChoiceField(
        choices=[("add", gettext_lazy("Add")), ("remove", gettext_lazy("Remove"))]
    )
