"""The floor as the session's record keeps it once spoken: who spoke, in which order
and for how long, and the time each stakeholder group had. The report shows it; the
outcome's participation figures count it (convening.outcomes.statistics)."""

from dataclasses import dataclass, field

from sessions.floor import rules
from sessions.floor.models import SpeakRequest


@dataclass
class FloorRecord:
    speeches: list = field(default_factory=list)  # in order: SpeakRequests
    groups: list = field(default_factory=list)  # (group name, speeches, seconds)

    @property
    def seconds(self):
        return sum(speech.spoken for speech in self.speeches)


def floor_record(session):
    """The speeches finished in `session`, in the order they were called; None when
    nobody took the floor."""
    speeches = list(
        SpeakRequest.objects.filter(session=session, status=SpeakRequest.Status.SPOKE)
        .select_related("group")
        .order_by("called_at", "number")
    )
    if not speeches:
        return None
    used = rules.time_used(speeches)
    counted = {}
    not_given = str(rules.NOT_GIVEN)
    for speech in speeches:
        name = speech.group.name if speech.group else not_given
        counted[name] = counted.get(name, 0) + 1
    return FloorRecord(
        speeches=speeches,
        groups=[
            (name, n, used.get(name, 0))
            for name, n in sorted(counted.items(), key=lambda item: -item[1])
        ],
    )
