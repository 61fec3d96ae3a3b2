"""The programme grid's forms: a session moved, a session added in a free slot."""

from django import forms

from sessions.forms import EventLocalDateTimeField
from sessions.models import SessionPage


def event_time_field(event, label, **kwargs):
    return EventLocalDateTimeField(
        tz=event.tzinfo,
        label=label,
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
        ),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text=f"Local time in {event.time_zone}.",
        **kwargs,
    )


class ErrorsTiedForm(forms.Form):
    """Each field with an error points at its message, so screen readers say it."""

    def add_error(self, field, error):
        super().add_error(field, error)
        for name in [field] if field else []:
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {
                        "aria-invalid": "true",
                        "aria-describedby": f"{self[name].auto_id}-error",
                    }
                )


class GridMoveForm(ErrorsTiedForm):
    """Where a session of the programme grid goes: dragging a block posts this form,
    and it is the keyboard's way to move one."""

    start = forms.DateTimeField()
    room = forms.ModelChoiceField(queryset=None, required=False, empty_label="No room")

    def __init__(self, *args, event, rooms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["start"] = event_time_field(event, "Starts")
        self.fields["room"].queryset = rooms


class GridSessionForm(GridMoveForm):
    """A new session from a free slot of the programme grid."""

    title = forms.CharField(max_length=255)
    code = forms.CharField(max_length=40, required=False)
    end = forms.DateTimeField()
    format = forms.ChoiceField()
    track = forms.CharField(max_length=100, required=False)
    people = forms.ModelMultipleChoiceField(
        queryset=None, required=False, help_text="The session's speakers."
    )

    field_order = ["title", "code", "start", "end", "room", "format", "track"]

    def __init__(self, *args, event, rooms, people, **kwargs):
        super().__init__(*args, event=event, rooms=rooms, **kwargs)
        self.fields["end"] = event_time_field(event, "Ends")
        self.fields["people"].queryset = people
        self.fields["format"].choices = SessionPage.Format.choices
