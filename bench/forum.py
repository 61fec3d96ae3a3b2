"""The benchmark forum, built once per run and shared by the benchmarks that read it."""

from functools import cache


@cache
def forum(size):
    """A published event with `size` sessions, two people on each. Wagtail's reference
    index ("where is this used" in the admin) is not kept for it: nothing public reads
    it, and it is two fifths of the build time."""
    from wagtail.signal_handlers import disable_reference_index_auto_update

    from tests.factories import EventPageFactory

    with disable_reference_index_auto_update():
        return EventPageFactory(slug=f"bench-forum-{size}", sessions=size)
