"""Certificates of attendance: only for attendees once the event is over, listing
days, sessions and roles; a public address that confirms name, event and dates and
nothing else; revoked by organisers."""

import io
from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from participants.attendance import certificates
from participants.models import Certificate, CheckIn
from sessions.models import SessionRole
from tests.factories import (
    EventPageFactory,
    PersonFactory,
    SessionPageFactory,
    UserFactory,
)
from tests.participants.attendance.conftest import attendee

pytestmark = pytest.mark.django_db


@pytest.fixture
def past():
    """An event of 2-3 March 2026 in Zurich, over."""
    return EventPageFactory(
        title="Knowledge forum 2026",
        start_date=date(2026, 3, 2),
        end_date=date(2026, 3, 3),
        venue="Geneva",
    )


def came(event, registration, *, day=date(2026, 3, 2), session=None, mode="onsite"):
    return CheckIn.objects.create(
        event=event,
        registration=registration,
        day=day,
        session=session,
        mode=mode,
        at=datetime(day.year, day.month, day.day, 9, tzinfo=event.tzinfo),
    )


def pdf_text(content):
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)


def test_an_attendee_downloads_a_certificate_listing_days_sessions_and_roles(
    client, past, settings
):
    registration = attendee(past, "Amina Diallo", organisation="Archives of Kenya")
    opening = SessionPageFactory(
        event=past,
        title="Opening plenary",
        start=datetime(2026, 3, 2, 9, 30, tzinfo=past.tzinfo),
    )
    archives = SessionPageFactory(
        event=past,
        title="Community archives",
        start=datetime(2026, 3, 3, 14, tzinfo=past.tzinfo),
    )
    SessionRole.objects.create(
        session=archives,
        person=PersonFactory(name="Amina Diallo", user=registration.user),
        role=SessionRole.Role.MODERATOR,
    )
    came(past, registration)
    came(past, registration, day=date(2026, 3, 3))
    came(past, registration, session=opening)
    came(past, registration, session=archives, mode="online")
    client.force_login(registration.user)

    page = client.get(f"/me/registrations/{registration.pk}/").content.decode()
    response = client.get(f"/me/registrations/{registration.pk}/certificate.pdf")
    text = " ".join(pdf_text(response.content).split())
    certificate = Certificate.objects.get()

    assert "Certificate of attendance (PDF)" in page
    assert response["Content-Type"] == "application/pdf"
    assert "This is to certify that Amina Diallo Archives of Kenya" in text
    assert "attended Knowledge forum 2026, Geneva, 2 March 2026 – 3 March 2026" in text
    assert "Monday 2 March 2026; Tuesday 3 March 2026" in text
    assert "Opening plenary (2 March, 09:30, on site)" in text
    assert "Community archives (3 March, 14:00, online)" in text
    assert "Moderator: Community archives" in text
    assert f"{settings.SITE_URL}/certificates/{certificate.code}/" in text


def test_no_certificate_before_the_event_is_over(client, event):
    registration = attendee(event)
    came(event, registration)
    client.force_login(registration.user)

    page = client.get(f"/me/registrations/{registration.pk}/").content.decode()
    answer = client.get(
        f"/me/registrations/{registration.pk}/certificate.pdf", follow=True
    )

    assert "Certificate of attendance" not in page
    assert "issued once the event is over" in answer.content.decode()
    assert not Certificate.objects.exists()


def test_no_certificate_without_a_record_of_attendance(client, past):
    registration = attendee(past)
    client.force_login(registration.user)

    answer = client.get(
        f"/me/registrations/{registration.pk}/certificate.pdf", follow=True
    )

    assert "There is no record of your attendance" in answer.content.decode()


def test_someone_elses_certificate_answers_404(client, past):
    registration = attendee(past)
    came(past, registration)
    client.force_login(UserFactory())

    response = client.get(f"/me/registrations/{registration.pk}/certificate.pdf")

    assert response.status_code == 404


def test_the_public_address_confirms_name_event_and_dates_only(client, past):
    registration = attendee(past, "Amina Diallo", organisation="Archives of Kenya")
    came(past, registration)
    certificate = certificates.certificate_for(registration)

    page = client.get(f"/certificates/{certificate.code}/")
    shown = page.content.decode()

    assert page.status_code == 200
    assert "This certificate is valid." in shown
    assert "Amina Diallo" in shown and "Knowledge forum 2026" in shown
    assert "2 March 2026 – 3 March 2026" in shown
    assert "Archives of Kenya" not in shown and registration.user.email not in shown
    assert "no-cache" in page["Cache-Control"] or "max-age=0" in page["Cache-Control"]


def test_an_unknown_code_answers_404_with_a_message(client):
    page = client.get("/certificates/0000000000000000/")

    assert page.status_code == 404
    assert "No certificate has this code." in page.content.decode()


def test_an_organiser_revokes_a_certificate_and_its_address_says_so(
    client, organiser, past
):
    registration = attendee(past, "Amina Diallo")
    came(past, registration)
    certificate = certificates.certificate_for(registration)
    screen = f"/admin/events/{past.pk}/certificates/"

    listed = client.get(screen).content.decode()
    client.post(screen, {"revoke": certificate.pk, "reason": "Did not stay."})
    public = client.get(f"/certificates/{certificate.code}/").content.decode()
    client.force_login(registration.user)
    again = client.get(
        f"/me/registrations/{registration.pk}/certificate.pdf", follow=True
    ).content.decode()

    assert "Amina Diallo" in listed and "Issued" in listed
    assert "This certificate was revoked by the organisers on" in public
    assert "Amina Diallo" not in public
    assert "This certificate was revoked by the organisers." in again
    certificate.refresh_from_db()
    assert certificate.revoke_reason == "Did not stay."


def test_the_attendees_screen_reads_the_same_queries_at_two_sizes(
    client, organiser, past
):
    def queries_for(n):
        for i in range(n):
            registration = attendee(past, f"Person {n}-{i}")
            came(past, registration)
            certificates.certificate_for(registration)
        with CaptureQueriesContext(connection) as seen:
            client.get(f"/admin/events/{past.pk}/certificates/")
        return len(seen)

    assert queries_for(2) == queries_for(9)


def test_the_event_is_over_at_the_end_of_its_last_day_in_its_zone(past):
    # 3 March ends at 24:00 in Zurich (UTC+1): 23:00 UTC.
    before = datetime(2026, 3, 3, 22, 59, tzinfo=UTC)
    after = before + timedelta(minutes=1)

    assert not certificates.event_over(past, before)
    assert certificates.event_over(past, after)
