"""The proposers' forms: the proposal, its people and its co-proposers, each working
without JavaScript."""

from django import forms
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from sessions.proposals.models import Proposal, ProposalPerson
from sessions.proposals.services import PERSON_FIELDS

MINUTES = (30, 45, 60, 75, 90, 120)


def durations():
    """The durations offered, in the reader's language."""
    return [(None, gettext("Choose…"))] + [
        (m, ngettext("%(n)s minute", "%(n)s minutes", m) % {"n": m}) for m in MINUTES
    ]


class StartForm(forms.Form):
    title = forms.CharField(max_length=200, label=_("Title of the session you propose"))


class ProposalForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    co_proposers = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label=_("Co-proposers"),
        help_text=_(
            "The sign-in emails of people who may edit this proposal with you, one "
            "per line. Only the proposer changes this list."
        ),
    )

    class Meta:
        model = Proposal
        fields = [
            "title",
            "format",
            "themes",
            "duration",
            "background",
            "questions",
            "participation",
        ]
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "background": forms.Textarea(attrs={"rows": 6}),
            "questions": forms.Textarea(attrs={"rows": 4}),
            "participation": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, call, themes, may_share, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["format"].choices = [
            ("", gettext("Choose…")),
            *call.format_choices(),
        ]
        self.fields["themes"].queryset = self.fields["themes"].queryset.filter(
            pk__in=[theme.pk for theme in themes]
        )
        self.fields["duration"] = forms.TypedChoiceField(
            choices=durations(),
            coerce=int,
            empty_value=None,
            required=False,
            label=_("Duration"),
        )
        if not may_share:
            self.fields["co_proposers"].disabled = True

    def clean_co_proposers(self):
        lines = self.cleaned_data["co_proposers"].split()
        validate = forms.EmailField().clean
        try:
            return [validate(line) for line in lines]
        except forms.ValidationError:
            raise forms.ValidationError(
                gettext("Write one email address per line.")
            ) from None


class PersonForm(forms.ModelForm):
    class Meta:
        model = ProposalPerson
        fields = PERSON_FIELDS


# Rows a proposal usually needs: an organiser, a moderator onsite and one online, a
# rapporteur and three or four speakers. Saving always offers two more.
USUAL_PEOPLE = 8


def people_formset(data, people):
    """The people's rows: those of `people` (dicts), and empty ones to fill in."""
    extra = max(2, USUAL_PEOPLE - len(people))
    formset = forms.formset_factory(PersonForm, extra=extra, can_delete=True)
    return formset(data, initial=people, prefix="people")


def people_rows(formset):
    """The people the formset holds, without the empty and the removed rows."""
    return [
        form.cleaned_data
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


SCORES = [(n, str(n)) for n in range(1, 6)]


class ScoreForm(forms.Form):
    """A score from 1 to 5 for each of the call's criteria, and a comment."""

    comment = forms.CharField(
        required=False,
        max_length=3_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "For the organisers and, once they have scored, the other reviewers."
        ),
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"c{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.name,
                choices=SCORES,
                coerce=int,
                widget=forms.RadioSelect,
                help_text=criterion.description,
            )
        self.order_fields([f"c{c.pk}" for c in self.criteria] + ["comment"])

    def scores(self):
        return {c.pk: self.cleaned_data[f"c{c.pk}"] for c in self.criteria}
