"""Signing a person out on every device: their session rows, and nobody else's."""

from datetime import timedelta

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from participants.session_rows import sign_out_everywhere
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def signed_in(user, count):
    keys = []
    for _ in range(count):
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store.create()
        keys.append(store.session_key)
    return keys


@pytest.mark.parametrize("size", [3, 60])
def test_sign_out_everywhere_deletes_only_their_rows_in_flat_queries(
    django_assert_max_num_queries, size
):
    leaving, staying = UserFactory(), UserFactory()
    signed_in(leaving, size)
    old = signed_in(leaving, 1)
    Session.objects.filter(pk__in=old).update(
        expire_date=timezone.now() - timedelta(days=1)
    )
    kept = signed_in(staying, size)

    with django_assert_max_num_queries(3):
        signed_out = sign_out_everywhere(leaving)

    assert signed_out == size
    assert sorted(Session.objects.values_list("pk", flat=True)) == sorted(kept)
