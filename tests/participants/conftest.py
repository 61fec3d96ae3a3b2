from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal import auth as totp_auth
from django.utils import timezone

from convening.settings import base
from tests.factories import EventPageFactory, UserFactory

PASSWORD = "a long enough passphrase"  # UserFactory's


def verified_user(**kwargs):
    user = UserFactory(**kwargs)
    EmailAddress.objects.create(
        user=user, email=user.email, verified=True, primary=True
    )
    return user


def totp_code(secret):
    """The code an authenticator app with `secret` shows now."""
    return totp_auth.format_hotp_value(
        totp_auth.hotp_value(secret, next(totp_auth.yield_hotp_counters_from_time()))
    )


@pytest.fixture
def deployed_rate_limits(settings):
    """The rate limits every deployment runs with (test settings turn them off)."""
    settings.ACCOUNT_RATE_LIMITS = base.ACCOUNT_RATE_LIMITS


@pytest.fixture
def open_event(db):
    """open_event(quotas={"government": 2}, registration_mode=...) → a published
    event whose registration opened an hour ago."""

    def make(**kwargs):
        kwargs.setdefault("registration_opens_at", timezone.now() - timedelta(hours=1))
        return EventPageFactory(**kwargs)

    return make
