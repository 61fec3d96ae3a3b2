from participants import services, session_rows


def fill_new_seats(sender, instance, **kwargs):
    """Seats an organiser adds on the event page go to the waiting lists at once."""
    try:
        services.promote_waiting(instance)
    except services.RegistrationBusy:
        pass  # the seats stay free; the next cancellation or publish fills them


def release_deleted_users_seats(sender, instance, **kwargs):
    """An account deleted elsewhere (the admin's user list) frees its seats too."""
    services.release_registrations(
        instance, reason="Account deleted by an administrator"
    )


def sign_out_deleted_user(sender, instance, **kwargs):
    """However an account goes (its owner, the admin's user list), every device it is
    signed in on is signed out and its session rows go with it."""
    session_rows.sign_out_everywhere(instance)
