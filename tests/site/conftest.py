import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from participants import signin
from tests.participants.conftest import verified_user


@pytest.fixture
def organiser(client, settings):
    """A superuser whose session has passed the admin's two-factor step."""
    settings.CONVENING_ADMIN_REQUIRES_MFA = True
    user = verified_user(is_staff=True, is_superuser=True)
    TOTP.activate(user, generate_totp_secret())
    client.force_login(user)
    session = client.session  # as after entering a code: see test_signin
    session[signin.TWO_FACTOR_SESSION_KEY] = str(user.pk)
    session.save()
    client.raise_request_exception = False
    return user
