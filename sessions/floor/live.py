"""The floor on the live socket (the Q&A's, one per session): what each audience sees
of the speaking queue, whole, in the snapshot and in a "floor" frame per change. Every
change (a request, a call, the clock started or stopped) takes the board's next seq
(sessions.qa.services), so the queue follows the same order, gaps and replays as the
questions. The queue is short (tens of requests), so each frame carries it whole and
no client works out the order for itself.

The clock travels as what it counted while stopped (`spoken`) and since when it runs
(`clock_since`): a frame kept in the cache for later viewers stays true, and each
client counts the seconds itself.

A frame is encoded once and sent to every viewer, whatever language each reads, so
what it says in words ("Participant", "Not given", the genders) is in the site's source
language; the pages build the same state in their reader's language."""

from django.conf import settings
from django.utils import translation

from events.models import Gender, Quota, Region, StakeholderGroup
from events.tree import parent_path
from sessions.floor import rules
from sessions.floor.models import SpeakRequest
from sessions.floor.queries import load
from sessions.models import SessionPage
from sessions.qa import wire


def entry(item, audience, times):
    """A request as `audience` sees it: the public sees "Participant" for someone who
    asked not to be named to them."""
    if audience == wire.MODERATORS:
        name = item.name or translation.gettext("Participant")
    else:
        name = item.shown_name
    shown = {
        "id": item.pk,
        "number": item.number,
        "name": name,
        "group": item.group.name if item.group else "",
        "mode": item.mode,
        "times": times.get(item.user_id, 0) if item.user_id else 0,
        "topic": item.topic,
        "guiding_question": item.guiding_question_id,
        "about": item.guiding_question.text if item.guiding_question_id else "",
        "reply": item.reply,
    }
    if audience == wire.MODERATORS:
        shown["name_public"] = item.name_public
    return shown


def state(floor, requests, audience, *, balance=None):
    """The floor whole, as `audience` sees it; None while it is off."""
    if not floor.enabled:
        return None
    times = rules.times_heard(requests)
    speaker = next(
        (r for r in requests if r.status == SpeakRequest.Status.SPEAKING), None
    )
    heard = sorted(
        (r for r in requests if r.status in rules.HEARD),
        key=lambda r: (r.called_at, r.number),
    )
    used = rules.time_used(requests)
    budgets = [
        {
            "group": budget.group.name,
            "seconds": budget.seconds,
            "used": used.get(budget.group.name, 0),
        }
        for budget in floor.budgets.all()
    ]
    shown = {
        "status": floor.status,
        "limit": floor.speaking_limit,
        "speaker": None,
        "queue": [
            entry(r, audience, times)
            for r in requests
            if r.status == SpeakRequest.Status.WAITING
        ],
        "heard": [
            {**entry(r, audience, times), "spoken": r.spoken}
            for r in heard
            if r.status == SpeakRequest.Status.SPOKE
        ],
        "budgets": budgets,
    }
    if speaker is not None:
        shown["speaker"] = {
            **entry(speaker, audience, times),
            "spoken": speaker.spoken,
            "clock_since": speaker.clock_since.isoformat()
            if speaker.clock_since
            else None,
        }
    if audience == wire.MODERATORS and balance is not None:
        shown["balance"] = {
            what: [
                {
                    "label": s.label,
                    "queued": s.queued,
                    "heard": s.heard,
                    "target": s.target,
                    "unheard": s.unheard,
                }
                for s in shares
            ]
            for what, shares in balance.items()
        }
    return shown


def balance_of(session_id, requests):
    """The balance line of the session's requests against its event's group quotas."""
    session = SessionPage.objects.filter(pk=session_id).only("path", "depth").first()
    quotas = Quota.objects.filter(event__path=parent_path(session)).select_related(
        "group"
    )
    targets = rules.targets_of(
        (quota.group.name if quota.group else "", quota.seats) for quota in quotas
    )
    return rules.balance(
        requests,
        groups=[group.name for group in StakeholderGroup.objects.all()],
        regions=[region.name for region in Region.objects.all()],
        genders=[str(label) for value, label in Gender.choices],
        targets=targets,
    )


def shown_floor(session_id, audience):
    """What a snapshot carries of the floor: None while it is off."""
    floor, requests = load(session_id)
    if floor is None or not floor.enabled:
        return None
    with translation.override(settings.LANGUAGE_CODE):  # shared by every viewer
        moderators = audience == wire.MODERATORS
        balance = balance_of(session_id, requests) if moderators else None
        return state(floor, requests, audience, balance=balance)


def change_messages(board_row, floor):
    """One layer message per audience: the floor at `board_row.seq`."""
    with translation.override(settings.LANGUAGE_CODE):  # shared by every viewer
        return _change_messages(board_row, floor)


def _change_messages(board_row, floor):
    floor, requests = load(floor.session_id)
    balance = balance_of(floor.session_id, requests) if floor.enabled else None
    return {
        audience: {
            "type": wire.LAYER_TYPE,
            "audience": audience,
            "text": wire.encode(
                {
                    "type": "floor",
                    "seq": board_row.seq,
                    "floor": state(floor, requests, audience, balance=balance),
                }
            ),
        }
        for audience in wire.AUDIENCES
    }
