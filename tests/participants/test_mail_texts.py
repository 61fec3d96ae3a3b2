"""The texts of participants' mails: the rules of a text (placeholders, empty lines,
escaping), an organiser's own text per event edited and previewed in the admin and
used by the next mail, and the reason a decline gives."""

import pytest
from django.core import mail

from participants import mail_texts, services
from participants.mail_texts import Kind
from participants.models import MailText
from tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db


def test_a_line_whose_placeholders_are_all_empty_is_left_out():
    rendered = mail_texts.render(
        "Hi {name}",
        "Hello {name},\n\nJoin online: {online_link}\nVenue: {venue}\n\nBye",
        {"name": "Amina", "online_link": "", "venue": "Geneva"},
    )

    assert rendered.text == "Hello Amina,\n\nVenue: Geneva\n\nBye\n"
    assert rendered.html == "<p>Hello Amina,</p>\n<p>Venue: Geneva</p>\n<p>Bye</p>"


def test_values_are_text_in_html_and_links_become_links():
    rendered = mail_texts.render(
        "{event}",
        "{name} {{literally}}\n{registration_link}",
        {
            "name": "<b>Eve</b> & co",
            "event": "Small grants, big lessons",
            "registration_link": "https://forum.example.org/me/registrations/4/",
        },
    )

    assert rendered.subject == "Small grants, big lessons"
    assert rendered.text.startswith("<b>Eve</b> & co {literally}\n")
    assert "&lt;b&gt;Eve&lt;/b&gt; &amp; co {literally}<br>" in rendered.html
    assert (
        '<a href="https://forum.example.org/me/registrations/4/">'
        "https://forum.example.org/me/registrations/4/</a>" in rendered.html
    )


def test_unknown_placeholders_are_named():
    with pytest.raises(mail_texts.MailTextError) as refused:
        mail_texts.check("Hi {name}", "{nmae} and {agenda} and {date}")

    assert refused.value.unknown == ["nmae", "date"]
    assert str(refused.value).startswith("Unknown placeholders: {nmae}, {date}.")


def test_every_default_text_uses_only_known_placeholders():
    for subject, body in mail_texts.DEFAULTS.values():
        mail_texts.check(subject, body)


@pytest.fixture
def organiser(client, admin_user):
    client.force_login(admin_user)
    return admin_user


def test_an_edited_text_is_previewed_saved_and_used(
    client, organiser, open_event, django_capture_on_commit_callbacks
):
    event = open_event(quotas={"government": 5}, online_link="https://meet.example/x")
    url = f"/admin/events/{event.pk}/mail-texts/{Kind.CONFIRMED}/"
    text = {
        "subject": "Welcome to {event}!",
        "body": "Dear {name},\n\nSee you in {venue}.\nOnline: {online_link}",
    }

    listing = client.get(f"/admin/events/{event.pk}/mail-texts/").content.decode()
    preview = client.post(url, {**text, "preview": "1"}).content.decode()
    nothing_saved = MailText.objects.count()
    client.post(url, {**text, "save": "1"})
    user = ProfileFactory().user
    with django_capture_on_commit_callbacks(execute=True):
        services.register(user, event)

    assert "Reminder before a session in the agenda" in listing
    assert "Dear Amina Diallo," in preview and f"Welcome to {event.title}!" in preview
    assert nothing_saved == 0
    (message,) = mail.outbox
    assert message.subject == f"Welcome to {event.title}!"
    assert message.body == (
        f"Dear {user.profile.full_name},\n\nSee you in Geneva.\n"
        "Online: https://meet.example/x\n"
    )
    assert "<p>Dear" in message.alternatives[0][0]
    assert message.attachments[0][0] == f"{event.slug}.ics"  # still attached


def test_a_text_with_an_unknown_placeholder_is_not_saved(client, organiser, open_event):
    event = open_event()
    url = f"/admin/events/{event.pk}/mail-texts/{Kind.DECLINED}/"

    response = client.post(url, {"subject": "No", "body": "{because}", "save": "1"})

    assert "Unknown placeholder: {because}." in response.content.decode()
    assert not MailText.objects.exists()


def test_back_to_the_default_text(client, organiser, open_event):
    event = open_event()
    MailText.objects.create(event=event, kind=Kind.WAITING, subject="Own", body="x")

    client.post(f"/admin/events/{event.pk}/mail-texts/{Kind.WAITING}/", {"default": 1})

    assert not MailText.objects.exists()


def test_a_decline_mail_quotes_the_reason_the_organiser_typed(
    open_event, admin_user, django_capture_on_commit_callbacks
):
    event = open_event(quotas={"government": 5}, registration_mode="approval")
    typed = services.register(ProfileFactory().user, event)
    silent = services.register(ProfileFactory().user, event)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.decline(admin_user, typed, reason="Seats are for partners only.")
        services.decline(admin_user, silent)

    said, unsaid = mail.outbox
    assert said.subject == f"Your registration for {event.title} was declined"
    assert "Reason: Seats are for partners only." in said.body
    assert "Reason:" not in unsaid.body


def test_the_promotion_mail_says_a_place_became_free(
    open_event, django_capture_on_commit_callbacks
):
    event = open_event(quotas={"government": 1})
    first = services.register(ProfileFactory().user, event)
    waiting = services.register(ProfileFactory().user, event)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(first.user, first)

    promoted = next(m for m in mail.outbox if m.to == [waiting.user.email])
    assert promoted.subject == f"A place at {event.title} is yours"
    assert "A place became free and it is yours" in promoted.body
