"""Messages to registrants through the admin: choosing who gets one, the preview for
one recipient, sending once however often Send is pressed, the outbox, a relay that
refuses, and nobody who left the event getting anything."""

import re
import uuid

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Country
from participants import messaging, services
from participants.models import Delivery, Message, Registration
from sessions import agenda
from tests.factories import ProfileFactory, SessionPageFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def commits(django_capture_on_commit_callbacks):
    """Runs what waits for a commit (the queued mail) as the real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def organiser(client, admin_user):
    client.force_login(admin_user)
    return admin_user


def person(event, group="government", country="KE", mode="in_person"):
    user = ProfileFactory(group_slug=group, country=country).user
    return services.register(user, event, mode=mode)


def compose(client, event, **fields):
    data = {
        "token": str(uuid.uuid4()),
        "statuses": ["confirmed"],
        "subject": "Room change for {event}",
        "body": "Hello {name},\n\nThe opening moves to Room 2.\n\n{registration_link}",
        **fields,
    }
    return client.post(f"/admin/events/{event.pk}/messages/new/", data)


def test_recipients_follow_every_filter(open_event):
    event = open_event(
        quotas={"government": 1, "civil-society": 5},
        registration_online=True,
    )
    gov = person(event)
    gov_waiting = person(event)
    civil_br = person(event, "civil-society", country="BR")
    online = person(event, "civil-society", mode="online")
    left = person(event, "civil-society")
    services.cancel(left.user, left)
    session = SessionPageFactory(event=event)
    agenda.add(online.user, session)
    region = Country.objects.get(code="BR").region

    def chosen(**audience):
        return set(messaging.recipients(event, audience))

    assert chosen() == {gov, gov_waiting, civil_br, online}
    assert chosen(statuses=["waiting"]) == {gov_waiting}
    assert chosen(group=gov.group_id) == {gov, gov_waiting}
    assert chosen(mode="online") == {online}
    assert chosen(country="BR") == {civil_br}
    assert chosen(region=region.pk) == {civil_br}
    assert chosen(session=session.pk) == {online}
    assert chosen(statuses=["cancelled"]) == set()


def test_compose_preview_then_send_mails_each_recipient(
    client, organiser, open_event, commits
):
    event = open_event(quotas={"government": 5})
    first, second = person(event), person(event)

    response = compose(client, event)
    message = Message.objects.get()
    preview = client.get(response["Location"]).content.decode()
    other = client.get(f"{response['Location']}?recipient={second.pk}").content.decode()

    assert response.status_code == 302 and message.status == Message.Status.DRAFT
    assert "<strong>2 registrants</strong> will get this message" in preview
    assert f"Room change for {event.title}" in preview
    assert f"Hello {first.user.profile.full_name}," in preview
    assert f"Hello {second.user.profile.full_name}," in other
    assert mail.outbox == []

    mail.outbox.clear()
    with commits():
        sent = client.post(response["Location"], follow=True)

    assert "Sending to 2 registrant(s)." in sent.content.decode()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [first.user.email, second.user.email]
    )
    for m in mail.outbox:
        name = Registration.objects.get(user__email=m.to[0]).user.profile.full_name
        assert m.body.startswith(f"Hello {name},")
        assert m.subject == f"Room change for {event.title}"
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}
    assert Message.objects.get().status == Message.Status.SENT


def test_an_unknown_placeholder_is_refused_by_name(client, organiser, open_event):
    event = open_event(quotas={"government": 5})
    person(event)

    response = compose(client, event, body="Dear {nmae}, see {venue} and {when}.")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Unknown placeholders: {nmae}, {when}." in page
    assert 'aria-describedby="id_body_helptext id_body_error"' in page
    assert 'id="id_body_error"' in page  # the message it points at
    assert not Message.objects.exists()


def test_a_double_submit_and_a_second_tab_send_once(
    client, organiser, open_event, commits
):
    event = open_event(quotas={"government": 5})
    people = [person(event) for _ in range(3)]
    token = str(uuid.uuid4())

    first = compose(client, event, token=token)
    again = compose(client, event, token=token)  # the same form posted twice
    mail.outbox.clear()
    with commits():
        client.post(first["Location"])
        client.post(first["Location"])  # the second click
        second_tab = client.post(first["Location"], follow=True)

    assert first["Location"] == again["Location"]
    assert Message.objects.count() == 1
    assert len(mail.outbox) == len(people)
    assert Delivery.objects.count() == len(people)
    assert "This message was sent already" in second_tab.content.decode()


def test_someone_who_left_before_their_turn_gets_nothing(organiser, open_event):
    event = open_event(quotas={"government": 5})
    stays, leaves = person(event), person(event)
    message = messaging.compose(
        organiser,
        event,
        token=uuid.uuid4(),
        subject="News",
        body="Hello {name}",
        audience={"statuses": ["confirmed"]},
    )
    # Queued but not yet drained: the registrant cancels meanwhile.
    Message.objects.filter(pk=message.pk).update(status=Message.Status.SENDING)
    for registration in (stays, leaves):
        Delivery.objects.create(message=message, registration=registration)
    services.cancel(leaves.user, leaves)
    mail.outbox.clear()

    messaging.drain.call(message.pk)

    assert [m.to for m in mail.outbox] == [[stays.user.email]]
    assert Delivery.objects.get(registration=leaves).status == Delivery.Status.SKIPPED


def test_a_refusing_relay_keeps_the_mail_queued_and_shows_why(
    client, organiser, open_event, settings, commits
):
    event = open_event(quotas={"government": 5})
    reader = person(event)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens
    response = compose(client, event)

    with commits():
        client.post(response["Location"])

    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.QUEUED and delivery.attempts == 1
    assert "ConnectionRefusedError" in delivery.error
    outbox = client.get(f"/admin/events/{event.pk}/messages/").content.decode()
    detail = client.get(response["Location"]).content.decode()
    assert "<td>1</td>" in outbox  # one waiting
    assert "ConnectionRefusedError" in detail

    # The relay is back: the scheduler's round finds the stalled message.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Delivery.objects.update(changed_at=delivery.changed_at - messaging.STALLED * 2)
    mail.outbox.clear()
    assert messaging.resume() == 1

    assert [m.to for m in mail.outbox] == [[reader.user.email]]
    assert Delivery.objects.get().status == Delivery.Status.SENT
    assert Message.objects.get().status == Message.Status.SENT


def test_an_interrupted_mail_is_shown_and_sent_again_on_request(
    client, organiser, open_event, commits
):
    event = open_event(quotas={"government": 5})
    reader = person(event)
    response = compose(client, event)
    message = Message.objects.get()
    Message.objects.update(status=Message.Status.SENDING)
    delivery = Delivery.objects.create(
        message=message, registration=reader, status=Delivery.Status.SENDING
    )
    Delivery.objects.update(changed_at=delivery.changed_at - messaging.STALLED * 2)

    messaging.resume()  # the worker that claimed it is gone
    detail = client.get(response["Location"]).content.decode()
    mail.outbox.clear()
    with commits():
        retried = client.post(response["Location"], {"retry": "1"}, follow=True)

    assert "Interrupted: may not have arrived: 1" in detail
    assert "1 mail(s) queued again." in retried.content.decode()
    assert [m.to for m in mail.outbox] == [[reader.user.email]]


def test_the_registration_list_leads_to_a_message_for_its_filter(
    client, organiser, open_event
):
    event = open_event(quotas={"government": 5})
    person(event)

    listing = client.get(
        f"/admin/events/{event.pk}/registrations/?status=waiting&mode=online"
    ).content.decode()
    link = re.search(r'href="([^"]*/messages/new/[^"]*)"', listing).group(1)
    form = client.get(link.replace("&amp;", "&")).content.decode()

    assert "status=waiting" in link and "mode=online" in link
    assert re.search(r'value="waiting"[^>]*checked', form)
    assert re.search(r'<option value="online" selected', form)


def test_people_without_rights_on_the_event_get_404(client, open_event):
    event = open_event(quotas={"government": 5})
    message = Message.objects.create(event=event, subject="Hi", body="Hi")
    reviewers = Group.objects.create(name="Reviewers")  # admin access, no page rights
    reviewers.permissions.add(Permission.objects.get(codename="access_admin"))
    user = UserFactory()
    user.groups.add(reviewers)
    client.force_login(user)

    urls = [
        "messages/",
        "messages/new/",
        f"messages/{message.pk}/",
        "mail-texts/",
        "mail-texts/confirmed/",
    ]
    responses = [client.get(f"/admin/events/{event.pk}/{url}") for url in urls]
    sent = client.post(f"/admin/events/{event.pk}/messages/{message.pk}/")

    assert [r.status_code for r in responses] == [404] * len(urls)
    assert sent.status_code == 404
    assert Message.objects.get().status == Message.Status.DRAFT


def queries_for(client, url):
    client.get(url)  # warm per-process caches (content types, permissions)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def sent_message(event, author, people, **audience):
    message = messaging.compose(
        author,
        event,
        token=uuid.uuid4(),
        subject="News",
        body="Hello {name}",
        audience={"statuses": ["confirmed"], **audience},
    )
    Message.objects.filter(pk=message.pk).update(status=Message.Status.SENT)
    Delivery.objects.bulk_create(
        Delivery(message=message, registration=r, status="sent") for r in people
    )
    return message


def test_the_outbox_and_a_message_read_in_constant_queries(
    client, organiser, open_event
):
    counts = {}
    for size in (2, 12):
        event = open_event(quotas={"government": 20, "media": 20})
        people = [person(event, group) for group in ["government", "media"] * size]
        session = SessionPageFactory(event=event)
        for n in range(size):
            sent_message(
                event,
                organiser,
                people,
                group=people[n % 2].group_id,
                session=session.pk,
            )
        message = Message.objects.filter(event=event).first()
        draft = messaging.compose(
            organiser,
            event,
            token=uuid.uuid4(),
            subject="Draft",
            body="Hello {name}, {session}",
            audience={"statuses": ["confirmed"], "session": None},
        )
        base = f"/admin/events/{event.pk}/messages/"
        counts[size] = [
            queries_for(client, base),
            queries_for(client, f"{base}{message.pk}/"),
            queries_for(client, f"{base}{draft.pk}/"),
        ]

    assert counts[2] == counts[12]
