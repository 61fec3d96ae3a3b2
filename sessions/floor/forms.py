"""The floor's forms, for the pages without JavaScript and for websocket frames alike:
both read what people send the same way before calling the services."""

from django import forms
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from events.models import StakeholderGroup
from sessions.floor.models import Floor, SpeakRequest
from sessions.floor.services import ACTIONS
from sessions.qa.forms import offer_guiding_questions
from toolkit.ids import IdField


class SpeakForm(forms.Form):
    topic = forms.CharField(
        label=_("Topic (optional)"),
        max_length=SpeakRequest.MAX_TOPIC,
        required=False,
        strip=True,
    )
    guiding_question = forms.TypedChoiceField(
        label=pgettext_lazy("a question or request is about", "About"),
        required=False,
        coerce=int,
        empty_value=None,
    )
    reply = forms.BooleanField(
        label=_("I want to reply to the current speaker"), required=False
    )
    name_public = forms.BooleanField(
        label=_(
            "Show my name to everyone (otherwise the public sees “Participant”; "
            "moderators always see your name)"
        ),
        required=False,
        initial=True,
    )

    def __init__(self, *args, session=None, **kwargs):
        super().__init__(*args, **kwargs)
        offer_guiding_questions(self, session)

    def request(self):
        """What services.request takes."""
        data = self.cleaned_data
        return {
            "topic": data["topic"],
            "guiding_question": data.get("guiding_question"),
            "reply": data["reply"],
            "name_public": data["name_public"],
        }


class RequestIdForm(forms.Form):
    request = IdField()


class ActForm(forms.Form):
    """A moderator's act on the queue; `request` for call, skip and move."""

    action = forms.ChoiceField(choices=[(action, action) for action in ACTIONS])
    request = IdField(required=False)
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)
    place = forms.IntegerField(label=_("To place"), min_value=1, required=False)


class FloorForm(forms.Form):
    """The floor's switches, with a budget in minutes per stakeholder group. Prefixed:
    the moderators' page holds the Q&A's switches too."""

    prefix = "floor"

    status = forms.ChoiceField(label=_("Speaking queue"), choices=Floor.Status.choices)
    speaking_limit = forms.IntegerField(
        label=_("Minutes per speaker"), min_value=1, max_value=60, initial=3
    )

    def __init__(self, *args, floor=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = list(StakeholderGroup.objects.all())
        budgets = {b.group_id: b.seconds for b in floor.budgets.all()} if floor else {}
        for group in self.groups:
            seconds = budgets.get(group.pk)
            self.fields[f"budget_{group.pk}"] = forms.IntegerField(
                label=gettext("%(group)s: minutes in all") % {"group": group},
                min_value=1,
                max_value=600,
                required=False,
                initial=seconds // 60 if seconds else None,
            )
        if floor is not None and not self.is_bound:
            self.initial.update(
                status=floor.status, speaking_limit=floor.speaking_limit // 60 or 1
            )

    @property
    def budget_fields(self):
        return [self[f"budget_{group.pk}"] for group in self.groups]

    def settings(self):
        """What services.configure takes."""
        data = self.cleaned_data
        return {
            "status": data["status"],
            "speaking_limit": data["speaking_limit"] * 60,
            "budgets": {
                group.pk: (data[f"budget_{group.pk}"] or 0) * 60
                for group in self.groups
            },
        }
