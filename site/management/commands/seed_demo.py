"""Build the demo site from the data files of `convening.demo` (YAML, Markdown for long
texts): four events with their programmes and people, participants and their
registrations, live Q&A on a few sessions, the past conference's reports and outcome,
the next forum's call for proposals with its reviews and decisions, the home page
text, site settings and an organiser account.

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
from convening.demo import publish
from convening.demo.attendance_seeding import AttendanceSeeding
from convening.demo.call_seeding import CallSeeding
from convening.demo.events import demo_event
from convening.demo.floor_seeding import FloorSeeding
from convening.demo.outcome_seeding import OutcomeSeeding
from convening.demo.polls_seeding import PollSeeding
from convening.demo.qa_seeding import QASeeding
from convening.demo.translation_seeding import TranslationSeeding
from convening.models import HomePage, SiteSettings, SiteWords
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
from sessions.models import Person, SessionPage
from toolkit.addresses import sync_site
from toolkit.page_languages import sources

DEFAULT_PASSWORD = "organiser-demo-2031"


def first_weekday_from(day, weekday):
    """`day` itself or the first later date that falls on `weekday` (Monday is 0)."""
    return day + timedelta(days=(weekday - day.weekday()) % 7)


class Command(
    TranslationSeeding,
    QASeeding,
    PollSeeding,
    FloorSeeding,
    OutcomeSeeding,
    AttendanceSeeding,
    CallSeeding,
    BaseCommand,
):
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
            index = sources(EventIndexPage.objects.all()).get()
            for data in demo.EVENTS:
                event = self.seed_event(index, data)
                self.seed_sessions(event, data["sessions"], rooms)
            self.seed_registration_settings()
            self.seed_participants()
            self.seed_attendees()
            self.seed_attendance()
            self.seed_desk_helpers()
            self.seed_moderator()
            self.seed_qa()
            self.seed_polls()
            self.seed_floors()
            self.seed_outcomes()
            self.seed_calls()
            self.seed_home_page()
            self.seed_translations()  # of pages complete by now
            self.seed_site_settings()
            self.count("site address", sync_site())
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
            # The demo's events are live: their programmes are shown, as published.
            report = import_rows(event, rows, publish=True)
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
            "status": data.get("status", SessionPage.Status.SCHEDULED),
            "languages": ";".join(data["languages"]),
            "interpretation": data.get("interpretation", ""),
            "interpretation_online": "yes" if data.get("interpretation_online") else "",
            "captions": "yes" if data.get("captions") else "",
            "sign_language": data.get("sign_language", ""),
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
            event = demo_event(slug)
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
                event = demo_event(slug)
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
        for language, words in demo.SITE_WORDS.items():
            _, created = SiteWords.objects.get_or_create(
                site_settings=site_settings, language=language, defaults=words
            )
            self.count("site settings in other languages", created)

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
            if kind in ("home page intro", "site settings", "site address"):
                self.stdout.write(f"{kind}: {done} set, {found} already set")
            else:
                self.stdout.write(f"{kind}: {done} created, {found} already present")
        self.stdout.write(f"Seeded in {seconds:.1f} s.")
        admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/admin/"
        self.stdout.write(self.style.SUCCESS(f"Sign in at {admin_url}"))
        self.stdout.write(f"  email:    {demo.ORGANISER['email']}")
        self.stdout.write(f"  password: {password or '(unchanged)'}")
