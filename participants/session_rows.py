"""The person's sign-ins on every device: Django's session rows.

A session row names its user only inside its signed, encoded data, so expired rows are
cleared first (as `manage.py clearsessions` would), then the live ones are read in
chunks of key and data alone, decoded here (about 50 microseconds a row) and deleted by
key in batches: one pass over the live sessions, memory bounded by the chunk. This
needs a database-backed session engine (Django's default "db", or "cached_db").
"""

from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.cache import caches
from django.utils import timezone

CHUNK = 2000


def _store():
    return import_module(settings.SESSION_ENGINE).SessionStore


def session_keys(user):
    """Keys of the live session rows signed in as `user`."""
    store = _store()
    model, decoder = store.get_model_class(), store()
    user_id = str(user.pk)  # as django.contrib.auth.login stores it
    rows = model.objects.filter(expire_date__gt=timezone.now()).values_list(
        "session_key", "session_data"
    )
    return [
        key
        for key, data in rows.iterator(chunk_size=CHUNK)
        if decoder.decode(data).get(SESSION_KEY) == user_id
    ]


def sign_out_everywhere(user):
    """Delete `user`'s sessions; each device is signed out at its next request."""
    store = _store()
    store.clear_expired()  # nobody's sign-in, but they may name `user` too
    keys = session_keys(user)
    for start in range(0, len(keys), CHUNK):
        batch = keys[start : start + CHUNK]
        store.get_model_class().objects.filter(session_key__in=batch).delete()
        if hasattr(store, "cache_key_prefix"):  # cached_db: its cache copies too
            caches[settings.SESSION_CACHE_ALIAS].delete_many(
                [store.cache_key_prefix + key for key in batch]
            )
    return len(keys)
