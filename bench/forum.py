"""The benchmark forum, built once per run and shared by the benchmarks that read it."""

from functools import cache


@cache
def forum(size):
    """A published event with `size` sessions, two people on each."""
    from tests.factories import EventPageFactory

    return EventPageFactory(slug=f"bench-forum-{size}", sessions=size)
