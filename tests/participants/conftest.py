from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import EventPageFactory


@pytest.fixture
def open_event(db):
    """open_event(quotas={"government": 2}, registration_mode=...) → a published
    event whose registration opened an hour ago."""

    def make(**kwargs):
        kwargs.setdefault("registration_opens_at", timezone.now() - timedelta(hours=1))
        return EventPageFactory(**kwargs)

    return make
