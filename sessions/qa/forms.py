"""The Q&A's forms, for the pages without JavaScript and for websocket frames alike:
both read what people send the same way before calling the services."""

from django import forms
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from sessions.qa.models import QABoard, Question
from sessions.qa.services import ACTIONS
from toolkit.ids import IdField


class AskForm(forms.Form):
    text = forms.CharField(
        label=_("Your question"),
        max_length=Question.MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        strip=True,
    )
    anonymous = forms.BooleanField(
        label=_("Ask anonymously (moderators still see your name)"), required=False
    )
    guiding_question = forms.TypedChoiceField(
        label=pgettext_lazy("a question or request is about", "About"),
        required=False,
        coerce=int,
        empty_value=None,
    )

    def __init__(self, *args, session=None, **kwargs):
        super().__init__(*args, **kwargs)
        offer_guiding_questions(self, session)


def offer_guiding_questions(form, session):
    """The form's "About" field offers the session's guiding questions, or goes when
    it has none (asking a question, requesting the floor)."""
    choices = [(q.pk, q.text) for q in session.guiding_questions.all()]
    if choices:
        field = form.fields["guiding_question"]
        field.choices = [("", gettext("The session in general")), *choices]
    else:
        del form.fields["guiding_question"]


class QuestionIdForm(forms.Form):
    question = IdField()


class CorrectForm(QuestionIdForm):
    text = forms.CharField(max_length=Question.MAX_LENGTH, strip=True)


class ModerateForm(QuestionIdForm):
    action = forms.ChoiceField(choices=[(action, action) for action in ACTIONS])
    reason = forms.CharField(max_length=300, required=False)
    text = forms.CharField(max_length=Question.MAX_LENGTH, required=False)


class BoardForm(forms.Form):
    status = forms.ChoiceField(label=_("Q&A"), choices=QABoard.Status.choices)
    premoderation = forms.BooleanField(
        label=_("Approve questions before they are shown"), required=False
    )


def first_error(form):
    """One message for the person, from a form that did not validate."""
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else None
        if not label:
            return errors[0]
        return gettext("%(label)s: %(error)s") % {"label": label, "error": errors[0]}
    return ""
