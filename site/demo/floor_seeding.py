"""The demo's speaking queue, a part of `manage.py seed_demo`: from floor.yaml, a
session's floor with its budgets and requests, written directly (no broadcasts, no
rate limits). A session whose floor exists is left as it is."""

from datetime import timedelta

from django.utils import timezone

from convening.demo.events import demo_event
from convening.demo.loader import read
from events.models import StakeholderGroup
from participants.models import Registration
from sessions.floor.models import Floor, FloorBudget, FloorEntry, SpeakRequest
from sessions.floor.services import speaker
from sessions.models import SessionPage
from sessions.qa.models import QABoard

FLOORS = read("floor.yaml")
# The record a request's status leaves, in the order it happened.
RECORD = {
    "spoke": ["called", "finished"],
    "speaking": ["called"],
    "skipped": ["skipped"],
    "withdrawn": ["withdrawn"],
    "waiting": [],
}


class FloorSeeding:
    """seed_demo's speaking-queue step; it uses the command's count."""

    def seed_floors(self):
        for slug, sessions in FLOORS.items():
            event = demo_event(slug)
            registrations = list(
                Registration.objects.filter(
                    event=event, status=Registration.Status.CONFIRMED
                )
                .select_related("user__profile", "group")
                .order_by("pk")
            )
            for session_slug, data in sessions.items():
                session = SessionPage.objects.child_of(event).get(slug=session_slug)
                self.seed_floor(session, data, registrations)

    def seed_floor(self, session, data, registrations):
        floor, created = Floor.objects.get_or_create(
            session=session,
            defaults={
                "status": Floor.Status.OPEN,
                "speaking_limit": data["speaking_limit"],
            },
        )
        self.count("speaking queues", created)
        if not created:
            return
        groups = {group.slug: group for group in StakeholderGroup.objects.all()}
        for slug, minutes in data.get("budgets", {}).items():
            FloorBudget.objects.create(
                floor=floor, group=groups[slug], seconds=minutes * 60
            )
        moderator = session.roles.filter(role="moderator").first()
        actor = moderator.person.user if moderator and moderator.person else None
        guiding = list(session.guiding_questions.all())
        now = timezone.now()
        started = now - timedelta(minutes=20)
        for number, item in enumerate(data["requests"], 1):
            registration = registrations[item["who"]]
            at = started + timedelta(minutes=2 * number)
            request = SpeakRequest.objects.create(
                session=session,
                user=registration.user,
                number=number,
                name_public=item.get("name_public", True),
                **speaker(registration),
                topic=item.get("topic", ""),
                guiding_question=guiding[item["guiding_question"]]
                if "guiding_question" in item
                else None,
                reply=item.get("reply", False),
                status=item["status"],
                position=number,
                spoken=item.get("spoken", 0) if item["status"] == "spoke" else 0,
            )
            if item["status"] in ("spoke", "speaking"):
                request.called_at = at
                if item["status"] == "spoke":
                    request.ended_at = at + timedelta(seconds=item["spoken"])
                else:
                    request.clock_since = now - timedelta(seconds=item["spoken"])
                request.save(update_fields=["called_at", "ended_at", "clock_since"])
            for action in RECORD[item["status"]]:
                FloorEntry.objects.create(
                    request=request,
                    action=action,
                    actor=actor,
                    reason=item.get("reason", "") if action == "skipped" else "",
                )
        floor.next_number = len(data["requests"]) + 1
        floor.save(update_fields=["next_number"])
        # The board's seq counts the changes that would have made the queue.
        board, _ = QABoard.objects.get_or_create(session=session)
        board.seq += len(data["requests"]) + sum(
            len(RECORD[item["status"]]) for item in data["requests"]
        )
        board.save(update_fields=["seq"])
