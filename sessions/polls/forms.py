"""The polls' forms: a moderator's new poll, and a participant's answer as the page
without JavaScript sends it. Both only read what people send; the rules are in
sessions.polls.answers and the services."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from sessions.polls.models import Poll, PollAnswer


class PrepareForm(forms.Form):
    question = forms.CharField(label=_("Question"), max_length=Poll.MAX_QUESTION)
    kind = forms.ChoiceField(label=_("Kind"), choices=Poll.Kind.choices)
    options = forms.CharField(
        label=_("Options, one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Single and multiple choice, ranking: 2 to 12 options."),
    )
    max_choices = forms.IntegerField(
        label=_("Multiple choice: most options one answer may tick"),
        required=False,
        min_value=1,
        help_text=_("Empty: as many as there are."),
    )
    scale = forms.TypedChoiceField(
        label=_("Rating scale"), choices=Poll.SCALES, coerce=int, initial=5
    )
    duration = forms.IntegerField(
        label=_("Closes by itself after (minutes)"),
        required=False,
        min_value=1,
        max_value=240,
        help_text=_("Empty: a moderator closes it."),
    )
    named = forms.BooleanField(
        label=_("Moderators see who answered what"), required=False
    )
    results_live = forms.BooleanField(
        label=_("Show the results to everyone as answers come in"), required=False
    )
    words_premoderated = forms.BooleanField(
        label=_("Word cloud: approve each answer before it shows"), required=False
    )

    def prepared(self):
        """The keyword arguments of services.prepare."""
        fields = dict(self.cleaned_data)
        fields["options"] = fields["options"].splitlines()
        minutes = fields.pop("duration")
        fields["duration"] = minutes * 60 if minutes else None
        return fields


class AnswerForm(forms.Form):
    """The answer fields of `poll`'s kind: radio buttons, check boxes, a rating, a place
    for each option of a ranking, or a few words."""

    def __init__(self, poll, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.poll = poll
        options = [(option.pk, option.text) for option in poll.options.all()]
        self.option_ids = [pk for pk, _ in options]
        if poll.kind == Poll.Kind.SINGLE:
            self.fields["choice"] = forms.TypedChoiceField(
                label=poll.question,
                choices=options,
                coerce=int,
                widget=forms.RadioSelect,
            )
        elif poll.kind == Poll.Kind.MULTIPLE:
            self.fields["choices"] = forms.TypedMultipleChoiceField(
                label=poll.question,
                choices=options,
                coerce=int,
                widget=forms.CheckboxSelectMultiple,
            )
        elif poll.kind == Poll.Kind.RATING:
            self.fields["rating"] = forms.TypedChoiceField(
                label=poll.question,
                choices=[(n, str(n)) for n in range(1, poll.scale + 1)],
                coerce=int,
                widget=forms.RadioSelect,
            )
        elif poll.kind == Poll.Kind.RANKING:
            places = [(n, f"{n}") for n in range(1, len(options) + 1)]
            for pk, text in options:
                self.fields[f"place_{pk}"] = forms.TypedChoiceField(
                    label=text, choices=places, coerce=int
                )
        else:
            self.fields["words"] = forms.CharField(
                label=poll.question,
                max_length=PollAnswer.MAX_WORDS_CHARS,
                help_text=ngettext(
                    "Up to %(n)s word.", "Up to %(n)s words.", PollAnswer.MAX_WORDS
                )
                % {"n": PollAnswer.MAX_WORDS},
            )

    def reply(self):
        """The keyword arguments of services.answer."""
        data = self.cleaned_data
        if self.poll.kind == Poll.Kind.SINGLE:
            return {"chosen": [data["choice"]]}
        if self.poll.kind == Poll.Kind.MULTIPLE:
            return {"chosen": data["choices"]}
        if self.poll.kind == Poll.Kind.RATING:
            return {"rating": data["rating"]}
        if self.poll.kind == Poll.Kind.RANKING:
            places = {pk: data[f"place_{pk}"] for pk in self.option_ids}
            if len(set(places.values())) != len(places):
                return {"chosen": []}  # refused by the ranking's rule, with its reason
            return {"chosen": sorted(places, key=places.get)}
        return {"words": data["words"]}

    @classmethod
    def initial_for(cls, poll, answer):
        """The participant's answer as the form's initial values."""
        if answer is None:
            # A ranking starts in the options' own order, to be rearranged.
            if poll.kind == Poll.Kind.RANKING:
                return {
                    f"place_{option.pk}": n
                    for n, option in enumerate(poll.options.all(), 1)
                }
            return {}
        choices = sorted(answer.choices.all(), key=lambda c: c.rank or 0)
        if poll.kind == Poll.Kind.SINGLE and choices:
            return {"choice": choices[0].option_id}
        if poll.kind == Poll.Kind.MULTIPLE:
            return {"choices": [c.option_id for c in choices]}
        if poll.kind == Poll.Kind.RATING:
            return {"rating": answer.rating}
        if poll.kind == Poll.Kind.RANKING:
            return {f"place_{c.option_id}": c.rank for c in choices}
        return {"words": answer.words}
