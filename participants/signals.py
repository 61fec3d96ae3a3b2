from allauth.core import context

from participants import services, session_rows, signin


def fill_new_seats(sender, instance, **kwargs):
    """Seats an organiser adds on the event page go to the waiting lists at once; seats
    only scheduled (Wagtail saves them on an offline event and sends this signal too)
    wait until the page goes live."""
    if not instance.live:
        return
    try:
        services.promote_waiting(instance)
    except services.RegistrationBusy:
        # The line keeps its claim: `register` seats nobody ahead of it, and the
        # scheduler's next round (fill_free_seats) fills the seats.
        pass


def release_deleted_users_seats(sender, instance, **kwargs):
    """An account deleted elsewhere (the admin's user list) frees its seats too."""
    services.release_registrations(
        instance, reason="Account deleted by an administrator"
    )


def sign_out_deleted_user(sender, instance, **kwargs):
    """However an account goes (its owner, the admin's user list), every device it is
    signed in on is signed out and its session rows go with it."""
    session_rows.sign_out_everywhere(instance)


def two_factor_used(sender, request, user, **kwargs):
    """A code entered at sign-in or on re-authentication: this session's second
    factor."""
    signin.record_two_factor(request, user)


def two_factor_set_up(sender, instance, created, **kwargs):
    """Setting up an authenticator app takes a code from it, so the session that set
    it up has passed two-factor. (allauth's authenticator_added comes after commit,
    too late for the request in a test's transaction.)"""
    request = context.request
    if (
        created
        and instance.type == instance.Type.TOTP
        and request is not None
        and request.user.pk == instance.user_id
    ):
        signin.record_two_factor(request, instance.user)
