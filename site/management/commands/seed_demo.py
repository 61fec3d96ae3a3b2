"""Build the demo site from the data files of `convening.demo` (YAML, Markdown for long
texts): three events with their programmes and people, participants and their
registrations, live Q&A on a few sessions, the past conference's reports and outcome,
the home page text, site settings and an organiser account.

Every step looks up what it would create (pages by slug under their parent, rooms by
venue and name, people by name, the organiser by email) and leaves anything it finds
untouched, so a second run adds and changes nothing. Event dates are worked out from
the day of the first run and kept from then on.
"""

import os
import time as clock
from collections import Counter
from datetime import datetime, time, timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from wagtail.models import ReferenceIndex, Site
from wagtail.signal_handlers import disable_reference_index_auto_update

from convening.demo import content as demo
from convening.demo import outcomes
from convening.demo import qa as demo_qa
from convening.models import HomePage, SiteSettings
from convening.outcomes.models import KeyMessage, OutcomePage, Recommendation
from events.models import (
    EventIndexPage,
    EventPage,
    EventPartner,
    Language,
    Quota,
    Room,
    StakeholderGroup,
    Theme,
)
from participants import services as registrations
from participants.models import Profile, Registration
from sessions.importer import ImportRefused, import_rows
from sessions.models import (
    CallToAction,
    Person,
    QABoard,
    QAHighlight,
    Question,
    ReportTakeaway,
    SessionPage,
    SessionReportPage,
    SessionRole,
    Vote,
)

DEFAULT_PASSWORD = "organiser-demo-2031"


def first_weekday_from(day, weekday):
    """`day` itself or the first later date that falls on `weekday` (Monday is 0)."""
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


class Command(BaseCommand):
    help = "Create the demo forum, workshop and past conference; safe to run again."

    def handle(self, *args, **options):
        started = clock.monotonic()
        self.tally = Counter()
        self.today = timezone.localdate()
        self.created = []  # objects whose references the admin's usage counts need
        self.password_hash = None  # of the demo participants' password, made once
        # All or nothing: an interrupted run leaves no half-built programme behind.
        # Wagtail re-indexes references on every save (a page is saved three times, each
        # inline row once); indexing each new object once at the end is much faster.
        with transaction.atomic(), disable_reference_index_auto_update():
            self.themes = {theme.slug: theme for theme in Theme.objects.all()}
            self.languages = {lang.code: lang for lang in Language.objects.all()}
            self.groups = {
                group.slug: group for group in StakeholderGroup.objects.all()
            }
            rooms = self.seed_rooms()
            self.seed_people()
            index = EventIndexPage.objects.get()
            for data in demo.EVENTS:
                event = self.seed_event(index, data)
                self.seed_sessions(event, data["sessions"], rooms)
            self.seed_registration_settings()
            self.seed_participants()
            self.seed_attendees()
            self.seed_moderator()
            self.seed_qa()
            self.seed_outcomes()
            self.seed_home_page()
            self.seed_site_settings()
            password = self.seed_organiser()
            for instance in self.created:
                ReferenceIndex.create_or_update_for_object(instance)
        self.report(password, clock.monotonic() - started)

    def count(self, kind, created):
        self.tally[kind, created] += 1

    def seed_rooms(self):
        rooms = {}
        for key, data in demo.ROOMS.items():
            rooms[key], created = Room.objects.get_or_create(
                venue=data["venue"],
                name=data["name"],
                defaults={
                    "capacity": data["capacity"],
                    "accessibility": data["accessibility"],
                },
            )
            self.count("rooms", created)
        return rooms

    def seed_people(self):
        people = {}
        for key, fields in demo.PEOPLE.items():
            name, position, organisation, group, country, gender = fields
            people[key], created = Person.objects.get_or_create(
                name=name,
                defaults={
                    "position": position,
                    "organisation": organisation,
                    "stakeholder_group": self.groups[group],
                    "country": country,
                    "gender": gender,
                },
            )
            self.count("people", created)
            if created:
                self.created.append(people[key])
        return people

    def seed_event(self, index, data):
        event = EventPage.objects.child_of(index).filter(slug=data["slug"]).first()
        self.count("events", event is None)
        if event is not None:
            return event
        start = first_weekday_from(
            self.today + timedelta(days=data["starts_after_days"]), data["weekday"]
        )
        event = EventPage(
            title=data["title"],
            slug=data["slug"],
            kind=data["kind"],
            start_date=start,
            end_date=start + timedelta(days=data["days"] - 1),
            time_zone=data["time_zone"],
            venue=data["venue"],
            online_link=data["online_link"],
            summary=data["summary"],
            body=data["body"],
        )
        event.themes = [self.themes[slug] for slug in data["themes"]]
        event.partners = [
            EventPartner(name=name, url=url, role=role, sort_order=order)
            for order, (name, url, role) in enumerate(data["partners"])
        ]
        self.created.append(event)
        return publish(index, event)

    def seed_sessions(self, event, sessions, rooms):
        """The event's sessions that are not there yet (by slug), created by the
        programme importer from rows as a spreadsheet would give them, plus the
        columns only a program may give (slug, interpretation, background and
        participation), so each is complete in one revision at its usual address."""
        existing = set(
            SessionPage.objects.child_of(event).values_list("slug", flat=True)
        )
        rows = []
        for data in sessions:
            self.count("sessions", data["slug"] not in existing)
            if data["slug"] not in existing:
                rows.append(self.session_row(event, data, rooms[data["room"]]))
        try:
            report = import_rows(event, rows)
        except ImportRefused as refusal:
            raise CommandError(
                "\n".join([str(refusal), *map(str, refusal.problems)])
            ) from None
        codes = [row.code for row in report.rows if row.outcome == "created"]
        self.created += SessionPage.objects.child_of(event).filter(code__in=codes)

    def session_row(self, event, data, room):
        """The importer's row for a session of the demo data: times from the event's
        first day, a room by "name (venue)", people by name."""
        start = datetime.combine(
            event.start_date + timedelta(days=data["day"]),
            time.fromisoformat(data["at"]),
        )
        end = start + timedelta(minutes=data["minutes"])
        online = data.get("online_moderator")
        roles = {
            "moderators": [data["moderator"]],
            "online_moderators": [online] if online else [],
            "speakers": data["speakers"],
            "rapporteurs": [data["rapporteur"]],
        }
        names = {
            column: ";".join(demo.PEOPLE[key][0] for key in keys)
            for column, keys in roles.items()
        }
        return {
            "code": data["code"],
            "slug": data["slug"],
            "title": data["title"],
            "date": start.date().isoformat(),
            "start": start.strftime("%H:%M"),
            "end": end.strftime("%H:%M"),
            "room": f"{room.name} ({room.venue})",
            "track": data["track"],
            "format": data["format"],
            "status": data.get("status", SessionPage.SCHEDULED),
            "languages": ";".join(data["languages"]),
            "interpretation": data["interpretation"],
            "themes": ";".join(data["themes"]),
            "summary": data["summary"],
            "background": data["background"],
            "participation": demo.PARTICIPATION[data["format"]],
            **names,
            "questions": "|".join(data["questions"]),
        }

    def seed_registration_settings(self):
        """Open registration (until the first day) on events that have no quotas yet."""
        for slug, data in demo.REGISTRATION.items():
            event = EventPage.objects.get(slug=slug)
            needed = not event.quotas.exists()
            self.count("registration settings", needed)
            if not needed:
                continue
            event.registration_opens_at = timezone.now()
            event.registration_closes_at = datetime.combine(
                event.start_date, time(8), tzinfo=event.tzinfo
            )
            event.registration_mode = data["mode"]
            event.registration_online = True
            event.online_capacity = data["online_capacity"]
            event.quotas = [
                Quota(group=slug and self.groups[slug], seats=seats, sort_order=order)
                for order, (slug, seats) in enumerate(data["quotas"].items())
            ]
            event.save_revision().publish()

    def seed_participants(self):
        """Demo participants registered through the services, as on the site."""
        for email, name, org, group, country, gender, events in demo.PARTICIPANTS:
            user, created = self.demo_account(email, name, org, group, country, gender)
            self.count("participants", created)
            for slug, mode in events:
                event = EventPage.objects.get(slug=slug)
                if not Registration.objects.filter(event=event, user=user).exists():
                    registrations.register(user, event, mode=mode)

    def demo_account(self, email, name, org, group, country, gender):
        """(user, created): a participant account with a verified address and a
        profile, password PARTICIPANT_PASSWORD."""
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is not None:
            return user, False
        if self.password_hash is None:
            # Hashing is slow on purpose; the demo accounts share one hash.
            self.password_hash = make_password(demo.PARTICIPANT_PASSWORD)
        user = get_user_model().objects.create(
            username=email.split("@")[0], email=email, password=self.password_hash
        )
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        Profile.objects.create(
            user=user,
            full_name=name,
            organisation=org,
            group=self.groups[group],
            country=country,
            gender=gender,
        )
        return user, True

    def seed_attendees(self):
        """The past conference's participants, confirmed before it took place (its
        registration is long closed, so the rows are written directly); those who
        also come to the forum register for it online, through the services."""
        event = EventPage.objects.get(slug=outcomes.EVENT)
        forum = EventPage.objects.get(slug=demo.MAIN_FORUM["slug"])
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
                        status=Registration.CONFIRMED,
                    ).pk
                )
            if (
                at_forum
                and forum.registration_is_open()
                and not Registration.objects.filter(event=forum, user=user).exists()
            ):
                registrations.register(user, forum, mode=Registration.ONLINE)
        Registration.objects.filter(pk__in=added).update(created_at=before)

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
            event = EventPage.objects.get(slug=slug)
            voters = [
                r.user
                for r in Registration.objects.filter(
                    event=event, status=Registration.CONFIRMED
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
                if role.role == SessionRole.MODERATOR and role.person.user_id
            ),
            None,
        )
        guiding = list(session.guiding_questions.all())
        past = session.end < timezone.now()
        changes = 1 + (board.status == QABoard.CLOSED) + board.untaken_published
        for n, item in enumerate(data["questions"]):
            author = users[item["author"]]
            status = item["status"]
            moderated = board.premoderation or status in (
                Question.ANSWERED,
                Question.HIDDEN,
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
                answered_at=timezone.now() if status == Question.ANSWERED else None,
            )
            if past:  # asked during the session, not on the day of the seed
                asked = session.start + timedelta(minutes=5 * (n + 1))
                Question.objects.filter(pk=question.pk).update(
                    created_at=asked,
                    moderated_at=asked + timedelta(minutes=2),
                    answered_at=(
                        asked + timedelta(minutes=20)
                        if status == Question.ANSWERED
                        else None
                    ),
                )
            others = [voter for voter in voters if voter != author]
            Vote.objects.bulk_create(
                Vote(question=question, user=voter) for voter in others[: item["votes"]]
            )
            # ask, the votes, then approve (if pre-moderated), answer, hide or pin
            changes += 1 + item["votes"] + question.pinned
            changes += board.premoderation and status != Question.PENDING
            changes += status == Question.ANSWERED
            changes += status == Question.HIDDEN and not board.premoderation
        return changes

    def seed_outcomes(self):
        """Reports of the past conference's sessions, then its outcome summary:
        published last, so that its figures count the demo participants."""
        event = EventPage.objects.get(slug=outcomes.EVENT)
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

    def seed_home_page(self):
        home = Site.objects.get(is_default_site=True).root_page.specific
        needed = isinstance(home, HomePage) and not home.intro
        self.count("home page intro", needed)
        if needed:
            home.intro = demo.HOME_INTRO
            home.save_revision().publish()
            self.created.append(home)

    def seed_site_settings(self):
        # From the table, not `for_site`, which may answer from the cache.
        site = Site.objects.get(is_default_site=True)
        site_settings, _ = SiteSettings.objects.get_or_create(site=site)
        empty = [
            name for name in demo.SITE_SETTINGS if not getattr(site_settings, name)
        ]
        for name in empty:
            setattr(site_settings, name, demo.SITE_SETTINGS[name])
        if empty:
            site_settings.save(update_fields=empty)
        for name in demo.SITE_SETTINGS:
            self.count("site settings", name in empty)

    def seed_organiser(self):
        """The organiser's password when this run created the account, else None."""
        email = demo.ORGANISER["email"]
        user = get_user_model().objects.filter(email__iexact=email).first()
        self.count("organiser account", user is None)
        password = None
        if user is None:
            password = os.environ.get("DEMO_ORGANISER_PASSWORD") or DEFAULT_PASSWORD
            user = get_user_model().objects.create_superuser(
                username=demo.ORGANISER["username"], email=email, password=password
            )
        if not EmailAddress.objects.filter(user=user, email__iexact=email).exists():
            # Allauth refuses unverified addresses at sign-in (verification is
            # mandatory), so the demo account's address is verified from the start.
            has_primary = EmailAddress.objects.filter(user=user, primary=True).exists()
            EmailAddress.objects.create(
                user=user, email=email, verified=True, primary=not has_primary
            )
        return password

    def report(self, password, seconds):
        for kind in dict.fromkeys(kind for kind, _ in self.tally):
            done, found = self.tally[kind, True], self.tally[kind, False]
            if kind in ("home page intro", "site settings"):
                self.stdout.write(f"{kind}: {done} set, {found} already set")
            else:
                self.stdout.write(f"{kind}: {done} created, {found} already present")
        self.stdout.write(f"Seeded in {seconds:.1f} s.")
        admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/admin/"
        self.stdout.write(self.style.SUCCESS(f"Sign in at {admin_url}"))
        self.stdout.write(f"  email:    {demo.ORGANISER['email']}")
        self.stdout.write(f"  password: {password or '(unchanged)'}")
