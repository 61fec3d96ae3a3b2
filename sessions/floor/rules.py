"""The floor's rules that need no database: the speaking clock, time used against the
groups' budgets, and the balance line. Services, frames and pages all count here."""

from collections import Counter
from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from sessions.floor.models import SpeakRequest

HEARD = [SpeakRequest.Status.SPEAKING, SpeakRequest.Status.SPOKE]
NOT_GIVEN = gettext_lazy("Not given")  # as str() where counted


def elapsed(request, now):
    """Seconds the speaker has had the floor: what the clock counted while stopped, and
    since it last started."""
    running = 0
    if request.clock_since is not None:
        running = max(0, int((now - request.clock_since).total_seconds()))
    return request.spoken + running


def time_used(requests, now=None):
    """{group name: seconds spoken} over the session's requests (group selected with
    them); without `now`, without the clock running now: what a frame carries, the
    client adding the speaker's running seconds."""
    used = Counter()
    for request in requests:
        if request.status in HEARD and request.group_id:
            seconds = elapsed(request, now) if now else request.spoken
            used[request.group.name] += seconds
    return used


def times_heard(requests):
    """{user id: how many times they have had the floor in this session}."""
    return Counter(
        request.user_id
        for request in requests
        if request.status in HEARD and request.user_id
    )


@dataclass
class Share:
    label: str
    queued: int
    heard: int
    target: int | None = None  # per cent, from the event's quotas (groups only)

    @property
    def unheard(self):
        """A group the quotas expect that has not been heard yet."""
        return not self.heard and bool(self.target)


def balance(requests, *, groups, targets, regions=(), genders=()):
    """The balance line: per stakeholder group, region and gender, how many requests
    wait and how many speeches were heard. `groups`, `regions`, `genders`: the labels
    to show even at zero, in their order; `targets`: {group label: per cent}."""
    lines = {}
    not_given = str(NOT_GIVEN)
    for what, labels in (("group", groups), ("region", regions), ("gender", genders)):
        queued, heard = Counter(), Counter()
        for request in requests:
            label = request.labels[what] or not_given
            if request.status == SpeakRequest.Status.WAITING:
                queued[label] += 1
            elif request.status in HEARD:
                heard[label] += 1
        order = list(labels) + sorted((set(queued) | set(heard)) - set(labels))
        lines[what] = [
            Share(
                label,
                queued[label],
                heard[label],
                targets.get(label) if what == "group" else None,
            )
            for label in order
        ]
    return lines


def targets_of(quotas):
    """{group label: per cent of the event's group seats}, from (label, seats) pairs;
    the open pool is no group's."""
    seats = {label: n for label, n in quotas if label}
    total = sum(seats.values())
    return (
        {label: round(100 * n / total) for label, n in seats.items()} if total else {}
    )
