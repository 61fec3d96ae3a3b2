"""Walk-ins: someone who is not registered comes to the desk. A helper registers them
through the same service as the registration form (its quotas, locks and waiting
lines; only the closing date and the approval step are the desk's to skip), with an
account made for their email if they have none, and checks them in when seated."""

import uuid

from allauth.account.models import EmailAddress
from django import forms
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from participants import services
from participants.attendance import badges, checkin, tokens
from participants.attendance.checkin import Outcome
from participants.models import Profile, Registration
from participants.queries import waiting_position


class WalkInForm(forms.ModelForm):
    """The profile's own fields, and the email their account goes by."""

    email = forms.EmailField(
        label=gettext_lazy("Email"),
        help_text=gettext_lazy("Their confirmation and badge link go there."),
    )

    class Meta:
        model = Profile
        fields = ["full_name", "email", "organisation", "group", "country"]


def walk_in(actor, event, data):
    """Register the person `data` (a WalkInForm's cleaned data) at `event` in person
    and check them in if seated: the Outcome for the desk."""
    if not checkin.may_check_in(actor, event):
        raise checkin.CheckInError(_("Only the event's desk registers walk-ins."), 404)
    user = _account(data)
    try:
        registration = services.register(
            user, event, mode=Registration.Mode.IN_PERSON, at_desk_by=actor
        )
    except services.RegistrationError as refusal:
        return Outcome("refused", str(refusal))
    registration = Registration.objects.select_related("user__profile", "group").get(
        pk=registration.pk
    )
    if registration.status != Registration.Status.CONFIRMED:
        place = waiting_position(registration)
        return Outcome(
            "refused",
            _(
                "No seat is free for %(group)s: registered on its waiting list, "
                "number %(place)s. Not checked in."
            )
            % {"group": registration.group, "place": place},
            registration,
        )
    badge = badges.badge_for(registration)
    outcome = checkin.check_in(actor, event, badge.code, device="walk-in")
    outcome.message = _(
        "Registered and checked in. Badge code %(code)s: print it from the "
        "organisers' Check-in screen, or they open it on their phone."
    ) % {"code": tokens.grouped(badge.code)}
    return outcome


def _account(data):
    """The account of `data`'s email, made now (unverified, no password: they set one
    with "forgotten password") if there is none; its profile made if missing, never
    changed."""
    email = data["email"].strip()
    User = get_user_model()
    with transaction.atomic():
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User.objects.create_user(
                username=f"walk-in-{uuid.uuid4().hex[:12]}", email=email
            )
            EmailAddress.objects.create(
                user=user, email=email, primary=True, verified=False
            )
        Profile.objects.get_or_create(
            user=user,
            defaults={
                "full_name": data["full_name"],
                "organisation": data["organisation"],
                "group": data["group"],
                "country": data["country"],
            },
        )
    return user
