"""What the floor parts of the session page, the wall and the moderators' page show one
viewer, read in a fixed number of queries however long the queue: the same state the
live frames carry (sessions.floor.live), with the clock read now."""

from dataclasses import dataclass, field

from django.utils import timezone

from sessions.floor import live, rules
from sessions.floor.forms import FloorForm, SpeakForm
from sessions.floor.models import Floor, SpeakRequest
from sessions.floor.queries import load
from sessions.qa import wire


@dataclass
class FloorPanel:
    floor: Floor | None = None
    state: dict | None = None  # as live.state gives it
    elapsed: int = 0  # the speaker's seconds, now
    used: dict = field(default_factory=dict)  # budgets' groups: seconds, now
    own: SpeakRequest | None = None
    may_request: bool = False
    speak_form: SpeakForm | None = None
    floor_form: FloorForm | None = None
    moderator: bool = False

    @property
    def shown(self):
        return self.state is not None


def build(request, session, *, moderator=False, registered=False, speak_form=None):
    """For the session page and the wall (`moderator` False) or the moderators' page."""
    floor, requests = load(session.pk)
    panel = FloorPanel(floor=floor, moderator=moderator)
    if moderator:
        panel.floor_form = FloorForm(floor=floor)
    # Once a session has a floor, a registered participant's form is on its page in
    # every state of it, hidden unless the floor is open: floor.js shows it when the
    # moderators open the floor.
    panel.may_request = floor is not None and registered and not moderator
    if panel.may_request:
        panel.speak_form = speak_form or SpeakForm(session=session)
    if floor is None or not floor.enabled:
        return panel
    audience = wire.MODERATORS if moderator else wire.PUBLIC
    balance = live.balance_of(session.pk, requests) if moderator else None
    panel.state = live.state(floor, requests, audience, balance=balance)
    now = timezone.now()
    speaker = next(
        (r for r in requests if r.status == SpeakRequest.Status.SPEAKING), None
    )
    if speaker is not None:
        panel.elapsed = rules.elapsed(speaker, now)
    used = rules.time_used(requests, now)
    for budget in panel.state["budgets"]:
        budget["used"] = used.get(budget["group"], 0)
        budget["over"] = budget["used"] > budget["seconds"]
    if panel.may_request:
        panel.own = next(
            (
                r
                for r in requests
                if r.user_id == request.user.pk
                and r.status == SpeakRequest.Status.WAITING
            ),
            None,
        )
    return panel
