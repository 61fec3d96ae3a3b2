"""Attendance in the demo, a part of `manage.py seed_demo`: who came to the past
conference (outcomes.yaml's attendance: check-ins, online attendance, certificates),
and the forum desk's helpers (desk.yaml)."""

from datetime import datetime, time, timedelta

from convening.demo import outcomes
from convening.demo.events import demo_event
from convening.demo.loader import read
from participants.attendance import badges, certificates
from participants.models import CheckIn, CheckInHelper, Registration
from sessions.models import SessionPage

HELPERS = read("desk.yaml")


class AttendanceSeeding:
    """seed_demo's attendance steps; they use the command's count, tally and
    demo_account."""

    def seed_attendance(self):
        """Who came to the past conference (outcomes.yaml's attendance): badges for
        the in-person participants, check-ins at the desk on the days they came and
        at some sessions' doors, online attendance of sessions, and the certificates
        some attendees downloaded afterwards."""
        event = demo_event(outcomes.EVENT)
        exists = CheckIn.objects.filter(event=event).exists()
        self.count("attendance records", not exists)
        if exists:
            return
        plan = outcomes.ATTENDANCE
        confirmed = Registration.objects.filter(
            event=event, status=Registration.Status.CONFIRMED
        ).select_related("user")
        people = {r.user.email.split("@")[0]: r for r in confirmed}
        badges.issue_missing(confirmed.filter(mode=Registration.Mode.IN_PERSON))
        sessions = {s.slug: s for s in SessionPage.objects.child_of(event)}
        days = [
            event.start_date + timedelta(days=n)
            for n in range((event.end_date - event.start_date).days + 1)
        ]
        rows = []
        for n, (local, registration) in enumerate(sorted(people.items())):
            came = {"registration": registration, "event": event, "device": "demo"}
            if registration.mode == Registration.Mode.IN_PERSON:
                if local in plan["absent"]:
                    continue
                if local in plan["first_day_only"]:
                    on = days[:1]
                elif local in plan["second_day_only"]:
                    on = days[-1:]
                else:
                    on = days
                for day in on:  # at the desk between 8:30 and 9:10
                    at = datetime.combine(day, time(8, 30), tzinfo=event.tzinfo)
                    rows.append(CheckIn(day=day, at=at + timedelta(minutes=n), **came))
                doors, mode, before = plan["session_doors"], "onsite", -5
            else:
                doors, mode, before = plan["online_sessions"], "online", 2
            for slug in doors.get(local, []):
                session = sessions[slug]
                at = session.start + timedelta(minutes=before)
                day = at.astimezone(event.tzinfo).date()
                rows.append(CheckIn(day=day, at=at, session=session, mode=mode, **came))
        CheckIn.objects.bulk_create(rows)
        self.tally["check-ins", True] += len(rows)
        for local in plan["certificates"]:
            certificates.certificate_for(people[local])
            self.count("certificates", True)

    def seed_desk_helpers(self):
        """Check-in helpers of the demo's events, each with an account of their own."""
        for slug, email, name, org, group, country, gender in HELPERS:
            user, _ = self.demo_account(email, name, org, group, country, gender)
            event = demo_event(slug)
            _, created = CheckInHelper.objects.get_or_create(event=event, user=user)
            self.count("check-in helpers", created)
