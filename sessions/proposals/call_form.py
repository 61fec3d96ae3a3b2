"""The call's admin form: its times on the event's clock, its formats as boxes."""

from django import forms
from django.utils.translation import gettext

from sessions.forms import EventChildPageForm


class CallPageForm(EventChildPageForm):
    local_times = ("opens_at", "closes_at")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Imported here: the programme's models import this form.
        from sessions.models import SessionPage

        self.fields["formats"] = forms.MultipleChoiceField(
            choices=SessionPage.Format.choices,
            widget=forms.CheckboxSelectMultiple,
            help_text=gettext("The session formats proposers may choose from."),
        )

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", gettext("The call must close after it opens."))
        return cleaned
