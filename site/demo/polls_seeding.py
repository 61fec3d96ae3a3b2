"""The demo's polls, a part of `manage.py seed_demo`: from polls.yaml, a session's
polls with their answers, written directly (no broadcasts, no rate limits). A poll is
found by its session and question, and a poll found is left as it is."""

from django.utils import timezone

from convening.demo.events import demo_event
from convening.demo.loader import read
from participants.models import Registration
from sessions.models import Poll, PollAnswer, PollChoice, PollOption, SessionPage
from sessions.polls.results import results
from sessions.qa.models import QABoard

POLLS = read("polls.yaml")
SETTINGS = ("max_choices", "scale", "named", "results_live", "words_premoderated")


class PollSeeding:
    """seed_demo's poll step; it uses the command's count."""

    def seed_polls(self):
        for slug, sessions in POLLS.items():
            event = demo_event(slug)
            voters = [
                r.user
                for r in Registration.objects.filter(
                    event=event, status=Registration.Status.CONFIRMED
                ).order_by("pk")
            ]
            for session_slug, polls in sessions.items():
                session = SessionPage.objects.child_of(event).get(slug=session_slug)
                for position, data in enumerate(polls):
                    self.seed_poll(session, position, data, voters)

    def seed_poll(self, session, position, data, voters):
        poll, created = Poll.objects.get_or_create(
            session=session,
            question=data["question"],
            defaults={
                "kind": data["kind"],
                "position": position,
                **{name: data[name] for name in SETTINGS if name in data},
            },
        )
        self.count("polls", created)
        if not created:
            return
        options = PollOption.objects.bulk_create(
            PollOption(poll=poll, text=text, position=n)
            for n, text in enumerate(data.get("options", []))
        )
        for voter, given in zip(voters, data.get("answers", []), strict=False):
            answer = PollAnswer.objects.create(
                poll=poll,
                user=voter,
                rating=given if data["kind"] == Poll.Kind.RATING else None,
                words=given if data["kind"] == Poll.Kind.WORDS else "",
            )
            if options:
                chosen = given if isinstance(given, list) else [given]
                ranked = data["kind"] == Poll.Kind.RANKING
                PollChoice.objects.bulk_create(
                    PollChoice(
                        answer=answer, option=options[n], rank=r if ranked else None
                    )
                    for r, n in enumerate(chosen, 1)
                )
        now = timezone.now()
        changes = 0
        if data["status"] != Poll.Status.PREPARED:
            poll.launched_at = now
            changes += 1
        if data["status"] == Poll.Status.CLOSED:
            poll.closed_at = now
            poll.final_results = results(poll)
            changes += 1
        poll.status = data["status"]
        poll.revealed = data.get("revealed", False)
        changes += poll.revealed
        poll.save()
        # The board's seq counts the changes that would have made the poll.
        board, _ = QABoard.objects.get_or_create(session=session)
        board.seq += changes
        board.save(update_fields=["seq"])
