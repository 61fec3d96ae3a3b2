"""Check-in helpers of an event: added by its organisers by the email of an existing
account, removed by them. A helper gets the event's desk and nothing else."""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from events.services import can_manage
from participants.attendance.models import CheckInHelper


class HelperError(Exception):
    """A refusal, worded for the organiser."""


def helpers_of(event):
    return CheckInHelper.objects.filter(event=event).select_related(
        "user__profile", "added_by"
    )


def add(actor, event, email):
    """Make the account with `email` a helper of `event`; the user."""
    if not can_manage(actor, event):
        raise HelperError(_("Only the event's organisers add helpers."))
    user = get_user_model().objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise HelperError(
            _("No account has this email. Ask them to sign up first, then add them.")
        )
    try:
        with transaction.atomic():
            CheckInHelper.objects.create(event=event, user=user, added_by=actor)
    except IntegrityError:
        raise HelperError(
            _("%(email)s is a helper already.") % {"email": user.email}
        ) from None
    return user


def remove(actor, event, pk):
    """Remove helper row `pk` of `event`; the email removed, or None."""
    if not can_manage(actor, event) or not str(pk).isdigit():
        return None
    row = CheckInHelper.objects.filter(event=event, pk=pk).select_related("user")
    found = row.first()
    if found is None:
        return None
    found.delete()
    return found.user.email
