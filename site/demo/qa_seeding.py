"""The demo's live Q&A, a part of `manage.py seed_demo`: the forum moderator's account,
then boards, questions and votes from qa.yaml."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from convening.demo import content as demo
from convening.demo import qa as demo_qa
from convening.demo.events import demo_event
from participants.models import Registration
from sessions.models import (
    Person,
    QABoard,
    Question,
    SessionPage,
    SessionRole,
    Vote,
)


class QASeeding:
    """seed_demo's Q&A steps; they use the command's count, demo_account and groups."""

    def seed_moderator(self):
        """An account for the person moderating the forum's pre-moderated Q&A."""
        data = demo_qa.MODERATOR
        person = Person.objects.get(name=demo.PEOPLE[data["person"]][0])
        user, created = self.demo_account(
            data["email"],
            person.name,
            data["organisation"],
            data["group"],
            data["country"],
            data["gender"],
        )
        self.count("moderator account", created)
        if person.user_id is None:
            person.user = user
            person.save(update_fields=["user"])

    def seed_qa(self):
        """Boards, questions and votes written directly: no broadcasts, no rate limits.
        A board found is left as it is; a new one's seq counts the changes that would
        have built it through the services."""
        users = {
            user.email.split("@")[0]: user
            for user in get_user_model()
            .objects.filter(email__endswith="@example.org")
            .select_related("profile")
        }
        for slug, boards in demo_qa.BOARDS.items():
            event = demo_event(slug)
            voters = [
                r.user
                for r in Registration.objects.filter(
                    event=event, status=Registration.Status.CONFIRMED
                )
                .select_related("user")
                .order_by("pk")
            ]
            for session_slug, data in boards.items():
                session = SessionPage.objects.child_of(event).get(slug=session_slug)
                board, created = QABoard.objects.get_or_create(
                    session=session,
                    defaults={
                        "status": data["status"],
                        "premoderation": data["premoderation"],
                        "untaken_published": data.get("untaken_published", False),
                    },
                )
                self.count("Q&A boards", created)
                if created:
                    board.seq = self.seed_questions(session, board, data, users, voters)
                    board.save(update_fields=["seq"])

    def seed_questions(self, session, board, data, users, voters):
        """The session's questions and votes; returns the number of changes made."""
        moderator = next(
            (
                role.person.user
                for role in session.roles.select_related("person__user")
                if role.role == SessionRole.Role.MODERATOR and role.person.user_id
            ),
            None,
        )
        guiding = list(session.guiding_questions.all())
        past = session.end < timezone.now()
        changes = 1 + (board.status == QABoard.Status.CLOSED) + board.untaken_published
        for n, item in enumerate(data["questions"]):
            author = users[item["author"]]
            status = item["status"]
            moderated = board.premoderation or status in (
                Question.Status.ANSWERED,
                Question.Status.HIDDEN,
            )
            question = Question.objects.create(
                session=session,
                author=author,
                author_name=author.profile.full_name,
                anonymous=item.get("anonymous", False),
                guiding_question=(
                    guiding[item["guiding"]] if "guiding" in item else None
                ),
                text=item["text"],
                status=status,
                pinned=item.get("pinned", False),
                votes=item["votes"],
                hidden_reason=item.get("reason", ""),
                moderated_by=moderator if moderated else None,
                moderated_at=timezone.now() if moderated else None,
                answered_at=timezone.now()
                if status == Question.Status.ANSWERED
                else None,
            )
            if past:  # asked during the session, not on the day of the seed
                asked = session.start + timedelta(minutes=5 * (n + 1))
                Question.objects.filter(pk=question.pk).update(
                    created_at=asked,
                    moderated_at=asked + timedelta(minutes=2),
                    answered_at=(
                        asked + timedelta(minutes=20)
                        if status == Question.Status.ANSWERED
                        else None
                    ),
                )
            others = [voter for voter in voters if voter != author]
            Vote.objects.bulk_create(
                Vote(question=question, user=voter) for voter in others[: item["votes"]]
            )
            # ask, the votes, then approve (if pre-moderated), answer, hide or pin
            changes += 1 + item["votes"] + question.pinned
            changes += board.premoderation and status != Question.Status.PENDING
            changes += status == Question.Status.ANSWERED
            changes += status == Question.Status.HIDDEN and not board.premoderation
        return changes
