from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.contrib.auth.hashers import make_password
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from events.models import StakeholderGroup
from participants.models import Profile, Registration
from toolkit import limits
from toolkit.ids import IdChoiceField


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = [
            "full_name",
            "organisation",
            "group",
            "country",
            "gender",
            "accessibility_needs",
            "language",
        ]
        widgets = {"accessibility_needs": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].required = False

    def clean_language(self):
        """Not chosen: the language the form was filled in."""
        return self.cleaned_data["language"] or translation.get_language()


class RegistrationForm(forms.Form):
    """The group travels as a hidden field so that a profile changed in another tab
    (or a tampered form) is noticed instead of registering the wrong group; the
    token makes a second submit of the same form find the first one's result."""

    mode = forms.ChoiceField(
        label=_("How will you take part?"),
        choices=Registration.Mode.choices,
        widget=forms.RadioSelect,
    )
    group = IdChoiceField(
        queryset=StakeholderGroup.objects.all(),
        widget=forms.HiddenInput,
        error_messages={
            "invalid_choice": _(
                "That stakeholder group does not exist; please reload."
            ),
            "required": _("The form lost your stakeholder group; please reload."),
        },
    )
    token = forms.UUIDField(
        widget=forms.HiddenInput,
        error_messages={
            "invalid": _("This form was changed or has expired; please reload."),
            "required": _("This form was changed or has expired; please reload."),
        },
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        modes = event.attendance_modes
        self.fields["mode"].choices = [
            c for c in Registration.Mode.choices if c[0] in modes
        ]
        if len(modes) == 1:
            self.fields["mode"].initial = modes[0]


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that this cannot be undone."),
        error_messages={"required": _("Please tick the box to confirm.")},
    )


class DeleteAccountForm(ConfirmForm):
    """Checked against the account by participants.services.delete_own_account."""

    field_order = ["password", "confirm"]

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        max_length=limits.PASSWORD,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Please enter your password to confirm.")},
    )


class SignupForm(AllauthSignupForm):
    def try_save(self, request):
        """A new address costs a password hash (the new account's) and a mail; an
        address that already has an account gets a mail instead of an account, so it
        hashes the password too: both answer in the same time, which tells no one
        whether the address is registered."""
        if self.account_already_exists:
            make_password(self.cleaned_data["password1"])
        return super().try_save(request)
