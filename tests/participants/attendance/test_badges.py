"""Badges: who gets one, reprinting, reading one back at the desk with each refusal,
the participant's badge page and mail, and the organisers' PDF read back."""

import io

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from participants import services
from participants.attendance import badges, tokens
from participants.models import Badge
from tests.factories import EventPageFactory, ProfileFactory
from tests.participants.attendance.conftest import attendee

pytestmark = pytest.mark.django_db


def pdf_text(content):
    reader = PdfReader(io.BytesIO(content))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def test_only_confirmed_in_person_registrations_have_a_badge(event):
    confirmed = attendee(event)
    online = attendee(event, "Ken Mwangi", mode="online")
    waiting = attendee(event, "Lerato Khumalo", status="waiting")

    assert badges.badge_for(confirmed) is not None
    assert badges.badge_for(online) is None
    assert badges.badge_for(waiting) is None


def test_a_badge_is_issued_once(event):
    registration = attendee(event)

    first, again = badges.badge_for(registration), badges.badge_for(registration)

    assert first == again and Badge.objects.count() == 1


def test_a_badge_is_read_back_from_its_qr_code_or_its_typed_code(event):
    registration = attendee(event)
    badge = badges.badge_for(registration)

    assert badges.read(event, tokens.token(badge.code)) == registration
    assert badges.read(event, tokens.grouped(badge.code).lower()) == registration


def test_a_reprinted_badge_replaces_the_old_one(event):
    registration = attendee(event)
    old = badges.badge_for(registration)

    new = badges.reprint(registration)

    assert new.code != old.code
    assert badges.read(event, new.code) == registration
    with pytest.raises(badges.BadgeError, match="This badge was replaced on"):
        badges.read(event, tokens.token(old.code))


def test_the_badge_of_another_event_is_refused(event):
    elsewhere = attendee(EventPageFactory(), "Visitor")
    code = badges.badge_for(elsewhere).code

    with pytest.raises(badges.BadgeError, match="This badge is for another event."):
        badges.read(event, code)


def test_a_cancelled_registrations_badge_is_refused(event):
    registration = attendee(event)
    code = badges.badge_for(registration).code
    registration.status = "cancelled"
    registration.save()

    with pytest.raises(badges.BadgeError, match="is cancelled: not admitted"):
        badges.read(event, code)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("ABCD2345:forged-signature-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "altered or made"),
        ("ZZZZ-9999", "No badge has the code ZZZZ-9999."),
        ("123", "A badge code has 8 letters and digits."),
    ],
)
def test_forged_unknown_and_malformed_codes_are_refused(event, text, said):
    with pytest.raises(badges.BadgeError, match=said):
        badges.read(event, text)


def test_the_participant_finds_the_badge_on_their_registration(client, event):
    registration = attendee(event, "Amina Diallo", country="KE")
    client.force_login(registration.user)

    page = client.get(f"/me/registrations/{registration.pk}/").content.decode()
    badge_page = client.get(f"/me/registrations/{registration.pk}/badge/")
    shown = badge_page.content.decode()
    code = Badge.objects.get().code

    assert f'href="/me/registrations/{registration.pk}/badge/"' in page
    assert tokens.grouped(code) in shown and "Amina Diallo" in shown
    assert (
        '<svg viewBox="0 0' in shown and 'aria-label="QR code of your badge"' in shown
    )
    assert "Civil society · African Group" in shown
    assert len(badge_page.content) < 60_000


def test_someone_elses_badge_and_an_online_registrations_answer_404(client, event):
    registration = attendee(event)
    online = attendee(event, "Online Person", mode="online")
    client.force_login(online.user)

    assert client.get(f"/me/registrations/{registration.pk}/badge/").status_code == 404
    assert client.get(f"/me/registrations/{online.pk}/badge/").status_code == 404
    assert client.get(f"/me/registrations/{online.pk}/badge.pdf").status_code == 404


def test_the_confirmation_mail_links_the_badge(
    open_event, settings, django_capture_on_commit_callbacks
):
    event = open_event(quotas={"government": 1})
    user = ProfileFactory(group_slug="government").user
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.register(user, event)

    assert registration.status == "confirmed"
    link = f"{settings.SITE_URL}/me/registrations/{registration.pk}/badge/"
    assert f"Your badge, to show at the desk: {link}" in mail.outbox[0].body


def test_an_online_confirmation_mail_has_no_badge_line(
    open_event, django_capture_on_commit_callbacks
):
    event = open_event(quotas={"government": 1}, registration_online=True)
    user = ProfileFactory(group_slug="government").user
    with django_capture_on_commit_callbacks(execute=True):
        services.register(user, event, mode="online")

    assert "Your badge" not in mail.outbox[0].body


def test_the_participant_downloads_their_badge_as_pdf(client, event):
    registration = attendee(event, "Amina Diallo")
    client.force_login(registration.user)

    response = client.get(f"/me/registrations/{registration.pk}/badge.pdf")
    reader, text = pdf_text(response.content)

    assert response["Content-Type"] == "application/pdf"
    assert len(reader.pages) == 1
    assert "Amina Diallo" in text and "Civil society" in text
    assert tokens.grouped(Badge.objects.get().code) in text


def test_organisers_print_every_badge_on_a4_sheets_or_one_a_page(
    client, organiser, event
):
    names = [f"Participant {n:02}" for n in range(10)]
    for name in names:
        attendee(event, name, organisation=f"Org of {name}")
    attendee(event, "Online Only", mode="online")

    sheets = client.get(f"/admin/events/{event.pk}/check-in/badges/sheet/")
    singles = client.get(f"/admin/events/{event.pk}/check-in/badges/single/")
    sheet_reader, sheet_text = pdf_text(sheets.content)
    single_reader, single_text = pdf_text(singles.content)

    assert len(sheet_reader.pages) == 2  # eight a sheet
    assert len(single_reader.pages) == 10
    box = sheet_reader.pages[0].mediabox
    assert (
        round(float(box.width) / 72 * 25.4),
        round(float(box.height) / 72 * 25.4),
    ) == (
        210,
        297,
    )
    for name in names:
        assert name in sheet_text and f"Org of {name}" in sheet_text
    assert "Online Only" not in sheet_text
    assert sheet_text.count("African Group") == 10  # group and region on each badge
    for badge in Badge.objects.all():
        assert tokens.grouped(badge.code) in single_text


def test_printing_badges_reads_the_same_number_of_queries_at_two_sizes(
    client, organiser, event
):
    def queries_for(n):
        for i in range(n):
            attendee(event, f"Person {n}-{i}")
        client.get(f"/admin/events/{event.pk}/check-in/badges/sheet/")  # issue
        with CaptureQueriesContext(connection) as seen:
            client.get(f"/admin/events/{event.pk}/check-in/badges/sheet/")
        return len(seen)

    assert queries_for(3) == queries_for(12)


def test_a_helper_cannot_print_badges_or_open_the_admin(client, event, helper):
    response = client.get(f"/admin/events/{event.pk}/check-in/badges/sheet/")

    assert response.status_code in (302, 403, 404)
    assert client.get("/admin/").status_code in (302, 403)
