"""The past conference's people and results, a part of `manage.py seed_demo`: its
participants, its sessions' reports and its outcome summary, from outcomes.yaml."""

from datetime import datetime, time, timedelta

from convening.demo import content as demo
from convening.demo import outcomes, publish
from convening.demo import qa as demo_qa
from convening.demo.events import demo_event
from convening.outcomes.models import KeyMessage, OutcomePage, Recommendation
from participants import services as registrations
from participants.models import Registration
from sessions.models import (
    CallToAction,
    QAHighlight,
    Question,
    ReportTakeaway,
    SessionPage,
    SessionReportPage,
)


class OutcomeSeeding:
    """seed_demo's past-conference steps; they use the command's count, created,
    demo_account, groups and themes."""

    def seed_attendees(self):
        """The past conference's participants, confirmed before it took place (its
        registration is long closed, so the rows are written directly); those who
        also come to the forum register for it online, through the services."""
        event = demo_event(outcomes.EVENT)
        forum = demo_event(demo.MAIN_FORUM["slug"])
        before = datetime.combine(
            event.start_date - timedelta(days=30), time(9), tzinfo=event.tzinfo
        )
        added = []
        for (
            local,
            name,
            org,
            group,
            country,
            gender,
            mode,
            at_forum,
        ) in outcomes.ATTENDEES:
            user, created = self.demo_account(
                f"{local}@example.org", name, org, group, country, gender
            )
            self.count("conference participants", created)
            if not Registration.objects.filter(event=event, user=user).exists():
                added.append(
                    Registration.objects.create(
                        event=event,
                        user=user,
                        group=user.profile.group,
                        mode=mode,
                        status=Registration.Status.CONFIRMED,
                    ).pk
                )
            if (
                at_forum
                and forum.registration_is_open()
                and not Registration.objects.filter(event=forum, user=user).exists()
            ):
                registrations.register(user, forum, mode=Registration.Mode.ONLINE)
        Registration.objects.filter(pk__in=added).update(created_at=before)

    def seed_outcomes(self):
        """Reports of the past conference's sessions, then its outcome summary:
        published last, so that its figures count the demo participants."""
        event = demo_event(outcomes.EVENT)
        for slug, data in outcomes.REPORTS.items():
            session = SessionPage.objects.child_of(event).get(slug=slug)
            exists = SessionReportPage.objects.child_of(session).exists()
            self.count("session reports", not exists)
            if exists:
                continue
            onsite, online, women = data["estimates"]
            discussed, how = data["gender"]
            report = SessionReportPage(
                title=f"Report: {session.title}",
                slug="report",
                discussion=data["discussion"],
                convergence=data["convergence"],
                divergence=data["divergence"],
                onsite_estimate=onsite,
                online_estimate=online,
                women_estimate=women,
                gender_discussed=discussed,
                gender_discussion=how,
            )
            report.takeaways = [
                ReportTakeaway(text=text, sort_order=n)
                for n, text in enumerate(data["takeaways"])
            ]
            report.calls_to_action = [
                CallToAction(text=text, addressee=self.groups.get(group), sort_order=n)
                for n, (text, group) in enumerate(data["calls"])
            ]
            report.qa_highlights = self.highlights(session)
            publish(session, report)
            self.created.append(report)
        exists = OutcomePage.objects.child_of(event).exists()
        self.count("outcome summaries", not exists)
        if exists:
            return
        data = outcomes.OUTCOME
        takeaways = ReportTakeaway.objects.filter(
            report__in=SessionReportPage.objects.descendant_of(event)
        ).order_by("report__path", "sort_order")
        outcome = OutcomePage(
            title=data["title"],
            slug="outcomes",
            executive_summary=data["executive_summary"],
            achievements=data["achievements"],
            challenges=data["challenges"],
        )
        outcome.themes = [self.themes[slug] for slug in data["themes"]]
        outcome.key_messages = [
            KeyMessage(takeaway=takeaway, text=takeaway.text, sort_order=n)
            for n, takeaway in enumerate(takeaways[:6])
        ]
        outcome.recommendations = [
            Recommendation(
                text=text,
                addressee=addressee,
                group=self.groups.get(group),
                theme=self.themes[theme],
                sort_order=n,
            )
            for n, (text, addressee, group, theme) in enumerate(data["recommendations"])
        ]
        publish(event, outcome)
        self.created.append(outcome)

    def highlights(self, session):
        """The report's Q&A highlights: questions of its session's board, by index."""
        data = demo_qa.BOARDS.get(outcomes.EVENT, {}).get(session.slug)
        if not data or not data.get("highlights"):
            return []
        questions = {
            q.text: q
            for q in Question.objects.filter(
                session=session, status__in=Question.PUBLIC
            )
        }
        return [
            QAHighlight(question=questions[data["questions"][i]["text"]], sort_order=n)
            for n, i in enumerate(data["highlights"])
            if data["questions"][i]["text"] in questions
        ]
