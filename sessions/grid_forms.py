"""The programme grid's forms: a session moved, a session added in a free slot."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
        help_text=_("Local time in %(zone)s.") % {"zone": event.time_zone},
        **kwargs,
    )


class GridMoveForm(forms.Form):
    """Where a session of the programme grid goes: dragging a block posts this form,
    and it is the keyboard's way to move one."""

    start = forms.DateTimeField()
    room = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=gettext_lazy("Room"),
        empty_label=gettext_lazy("No room"),
    )

    def __init__(self, *args, event, rooms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["start"] = event_time_field(event, _("Starts"))
        self.fields["room"].queryset = rooms


class GridSessionForm(GridMoveForm):
    """A new session from a free slot of the programme grid."""

    title = forms.CharField(label=gettext_lazy("Title"), max_length=255)
    code = forms.CharField(label=gettext_lazy("Code"), max_length=40, required=False)
    end = forms.DateTimeField()
    format = forms.ChoiceField(label=gettext_lazy("Format"))
    track = forms.CharField(label=gettext_lazy("Track"), max_length=100, required=False)
    people = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        label=gettext_lazy("People"),
        help_text=gettext_lazy(
            "The session's speakers: type in the box above to narrow the list."
        ),
    )
    new_name = forms.CharField(
        label=gettext_lazy("Or a new speaker: name"), max_length=200, required=False
    )
    new_organisation = forms.CharField(
        label=gettext_lazy("Their organisation"), max_length=200, required=False
    )
    new_email = forms.EmailField(
        label=gettext_lazy("Their email"),
        required=False,
        help_text=gettext_lazy("Needed to invite them; never shown publicly."),
    )

    field_order = ["title", "code", "start", "end", "room", "format", "track"]

    def __init__(self, *args, event, rooms, people, **kwargs):
        super().__init__(*args, event=event, rooms=rooms, **kwargs)
        self.fields["end"] = event_time_field(event, _("Ends"))
        self.fields["people"].queryset = people
        self.fields["people"].widget.attrs.update({"data-filterable": "", "size": 8})
        self.fields["format"].choices = SessionPage.Format.choices
        self.fields["people"].label_from_instance = lambda person: (
            f"{person.name} — {person.organisation}"
            if person.organisation
            else person.name
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("new_name") and not cleaned.get("new_email"):
            self.add_error(
                "new_email", _("Give the new speaker's email, so they can be invited.")
            )
        elif cleaned.get("new_email") and not cleaned.get("new_name"):
            self.add_error("new_name", _("Give the new speaker's name."))
        return cleaned

    def new_people(self):
        """[(name, organisation, email)] of the people to create with the session."""
        data = self.cleaned_data
        if not data.get("new_name"):
            return []
        return [(data["new_name"], data["new_organisation"], data["new_email"])]
