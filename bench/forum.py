"""The benchmark forum, built once per run and shared by the benchmarks that read it."""

from contextlib import contextmanager
from functools import cache


@contextmanager
def search_index_at_the_end(*models):
    """Rows of `models` saved inside go into the search index at the end, one batch per
    model, instead of one insert (and a refresh of the title norms) per save: a third
    of the build time otherwise."""
    from django.db.models.signals import post_save
    from modelsearch.backends import get_search_backends
    from modelsearch.signal_handlers import post_save_signal_handler

    saved = {model: set() for model in models}

    def remember(sender, instance, **kwargs):
        saved[sender].add(instance.pk)

    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
        post_save.connect(remember, sender=model, weak=False)
    try:
        yield
    finally:
        for model in models:
            post_save.disconnect(remember, sender=model)
            post_save.connect(post_save_signal_handler, sender=model)
    for model, pks in saved.items():
        rows = list(model.objects.filter(pk__in=pks))
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(model, rows)


@cache
def forum(size):
    """A published event with `size` sessions, two people on each. Wagtail's reference
    index ("where is this used" in the admin) is not kept for it: nothing public reads
    it, and it is two fifths of the build time."""
    from wagtail.signal_handlers import disable_reference_index_auto_update

    from sessions.models import Person, SessionPage
    from tests.factories import EventPageFactory

    with (
        disable_reference_index_auto_update(),
        search_index_at_the_end(SessionPage, Person),
    ):
        return EventPageFactory(slug=f"bench-forum-{size}", sessions=size)
