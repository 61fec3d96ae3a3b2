"""Accounts through HTTP: sign-up, verification, the profile asked once, two-factor
before the admin, "My data" and deleting an account."""

import json
import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal import auth as totp_auth
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client

from events.models import StakeholderGroup
from participants import services
from participants.models import Profile, Registration
from sessions.qa.models import QABoard, Question
from tests.factories import (
    EventPageFactory,
    ProfileFactory,
    SessionPageFactory,
    UserFactory,
)
from tests.participants.conftest import totp_code, verified_user

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough passphrase"  # UserFactory's


def test_sign_up_verify_then_the_profile_is_asked_once(client):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "amina@example.org",
            "password1": "a long enough passphrase",
            "password2": "a long enough passphrase",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    key_url = re.search(
        re.escape(settings.SITE_URL) + r"(/accounts/confirm-email/\S+)",
        mail.outbox[0].body,
    )

    client.post(key_url.group(1))
    response = client.post(
        "/accounts/login/",
        {"login": "amina@example.org", "password": "a long enough passphrase"},
    )

    assert response["Location"] == "/me/profile/?next=%2F"
    response = client.post(
        "/me/profile/?next=%2F",
        {
            "full_name": "Amina Diallo",
            "organisation": "Université de Dakar",
            "group": StakeholderGroup.objects.get(slug="academia").pk,
            "country": "SN",
            "gender": "undisclosed",
        },
    )
    assert response["Location"] == "/"
    profile = Profile.objects.get(user__email="amina@example.org")
    assert (profile.full_name, str(profile.region)) == ("Amina Diallo", "African Group")
    assert (
        "<strong>African Group</strong>" in client.get("/me/profile/").content.decode()
    )
    client.logout()
    response = client.post(
        "/accounts/login/",
        {"login": "amina@example.org", "password": "a long enough passphrase"},
    )
    assert response["Location"] == "/"


def test_login_before_verification_is_refused(client):
    UserFactory(email="late@example.org")

    response = client.post(
        "/accounts/login/",
        {"login": "late@example.org", "password": "a long enough passphrase"},
    )

    assert response["Location"] == "/accounts/confirm-email/"


def test_admin_needs_two_factor_first(client, settings, admin_user):
    settings.CONVENING_ADMIN_REQUIRES_MFA = True
    client.force_login(admin_user)

    before = client.get("/admin/pages/")
    Authenticator.objects.create(
        user=admin_user, type=Authenticator.Type.TOTP, data={"secret": "x"}
    )
    after = client.get("/admin/pages/")

    assert before["Location"] == "/accounts/2fa/totp/activate/?next=%2Fadmin%2Fpages%2F"
    # An app set up elsewhere is not this session's second factor: it enters a code.
    assert after["Location"] == "/accounts/2fa/reauthenticate/?next=%2Fadmin%2Fpages%2F"


def test_an_organiser_sets_up_totp_then_signs_in_with_a_recovery_code(client, settings):
    settings.CONVENING_ADMIN_REQUIRES_MFA = True
    organiser = verified_user(email="org@example.org", is_staff=True, is_superuser=True)
    credentials = {"login": "org@example.org", "password": "a long enough passphrase"}
    client.post("/accounts/login/", credentials)

    assert client.get("/admin/")["Location"].startswith("/accounts/2fa/totp/activate/")
    reauthenticate = client.get("/accounts/2fa/totp/activate/")["Location"]
    client.post(reauthenticate, {"password": credentials["password"]})
    assert (
        "authenticator app"
        in client.get("/accounts/2fa/totp/activate/").content.decode()
    )
    secret = client.session[totp_auth.SECRET_SESSION_KEY]
    client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert client.get("/admin/").status_code == 200

    client.logout()
    response = client.post("/accounts/login/", credentials)
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert client.get("/admin/")["Location"].startswith("/accounts/login/")
    codes = Authenticator.objects.get(
        user=organiser, type=Authenticator.Type.RECOVERY_CODES
    )
    client.post(
        "/accounts/2fa/authenticate/",
        {"code": RecoveryCodes(codes).get_unused_codes()[0]},
    )
    assert client.get("/admin/").status_code == 200


def test_participants_without_admin_access_are_not_asked_for_two_factor(
    client, settings
):
    settings.CONVENING_ADMIN_REQUIRES_MFA = True
    client.force_login(ProfileFactory().user)

    response = client.get("/me/profile/")

    assert response.status_code == 200


def test_my_data_download_holds_profile_and_registrations(client, open_event):
    profile = ProfileFactory(full_name="Kofi <b>Mensah</b>", accessibility_needs="Ramp")
    event = open_event(quotas={"government": 1})
    services.register(profile.user, event)
    client.force_login(profile.user)

    response = client.get("/me/data.json")

    data = json.loads(response.content)
    assert response["Content-Disposition"] == 'attachment; filename="my-data.json"'
    assert data["profile"]["full_name"] == "Kofi <b>Mensah</b>"
    assert data["profile"]["accessibility_needs"] == "Ramp"
    assert [(r["event"], r["status"]) for r in data["registrations"]] == [
        (event.title, "confirmed")
    ]
    assert data["registrations"][0]["history"][0]["why"] == "Registered"


def test_delete_account_needs_confirmation_then_anonymises(client, open_event):
    event = open_event(quotas={"government": 1})
    leaving, waiting = [
        services.register(ProfileFactory().user, event) for _ in range(2)
    ]
    client.force_login(leaving.user)

    refused = client.post("/me/data/", {})
    deleted = client.post("/me/data/", {"confirm": "on", "password": PASSWORD})

    assert "Please tick the box to confirm." in refused.content.decode()
    assert deleted["Location"] == "/"
    assert not get_user_model().objects.filter(pk=leaving.user.pk).exists()
    assert [(r.user_id, r.status) for r in Registration.objects.order_by("pk")] == [
        (None, "cancelled"),
        (waiting.user_id, "confirmed"),
    ]


def signed_in_elsewhere(user):
    other = Client()
    other.force_login(user)
    return other


def sessions_of(user):
    return [
        s
        for s in Session.objects.all()
        if s.get_decoded().get("_auth_user_id") == str(user.pk)
    ]


def test_delete_account_refuses_a_wrong_password_and_deletes_nothing(client):
    leaving = ProfileFactory().user
    client.force_login(leaving)
    phone = signed_in_elsewhere(leaving)

    refused = client.post("/me/data/", {"confirm": "on", "password": "a guess"})

    assert "That is not your password. Your account is not deleted." in (
        refused.content.decode()
    )
    assert get_user_model().objects.filter(pk=leaving.pk).exists()
    assert len(sessions_of(leaving)) == 2
    assert phone.get("/me/data/").status_code == 200


def test_delete_account_signs_out_every_device_and_keeps_questions_nameless(client):
    session = SessionPageFactory(event=EventPageFactory())
    QABoard.objects.create(session=session, status=QABoard.Status.CLOSED)
    leaving = ProfileFactory(full_name="Leaving Person").user
    staying = ProfileFactory().user
    Question.objects.create(
        session=session,
        author=leaving,
        author_name="Leaving Person",
        text="Who keeps the data once the project ends?",
        status=Question.Status.ANSWERED,
    )
    client.force_login(leaving)
    phone, laptop = signed_in_elsewhere(leaving), signed_in_elsewhere(leaving)
    neighbour = signed_in_elsewhere(staying)

    deleted = client.post("/me/data/", {"confirm": "on", "password": PASSWORD})

    assert deleted["Location"] == "/"
    assert not get_user_model().objects.filter(pk=leaving.pk).exists()
    assert sessions_of(leaving) == []
    for device in (phone, laptop):
        assert device.get("/me/data/")["Location"].startswith("/accounts/login/")
    assert neighbour.get("/me/data/").status_code == 200
    assert [(q.text, q.author_id, q.author_name) for q in Question.objects.all()] == [
        ("Who keeps the data once the project ends?", None, "")
    ]


def test_an_account_deleted_by_an_administrator_is_signed_out_too():
    leaving = UserFactory()
    phone = signed_in_elsewhere(leaving)

    leaving.delete()

    assert Session.objects.count() == 0
    assert phone.get("/me/data/")["Location"].startswith("/accounts/login/")


def test_delete_account_attempts_are_rate_limited_per_user(client, settings):
    settings.PARTICIPANTS_DELETE_ACCOUNT_RATE = "2/m"
    leaving = ProfileFactory().user
    client.force_login(leaving)

    for _ in range(2):
        client.post("/me/data/", {"confirm": "on", "password": "a guess"})
    refused = client.post("/me/data/", {"confirm": "on", "password": PASSWORD})

    assert "Too many attempts. Please wait a minute" in refused.content.decode()
    assert get_user_model().objects.filter(pk=leaving.pk).exists()


def test_the_delete_page_says_what_goes_and_what_stays(client):
    client.force_login(ProfileFactory().user)

    page = client.get("/me/data/").content.decode()

    for promise in [
        "signs you out on every device",
        "your votes and the reminders sent to you are deleted",
        "Your registrations are cancelled",
        'as asked by "Anonymous participant"',
        "stays in the public programme, no longer linked to any account",
        "published ones stay public",
        'name="password"',
    ]:
        assert promise in page


def test_failed_logins_are_rate_limited_through_the_cache(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "2/m/key"}
    verified_user(email="target@example.org")
    wrong = {"login": "target@example.org", "password": "not the passphrase"}

    for _ in range(2):
        client.post("/accounts/login/", wrong)
    response = client.post(
        "/accounts/login/",
        {"login": "target@example.org", "password": "a long enough passphrase"},
    )

    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()


def test_password_reset_mails_a_link(client):
    verified_user(email="forgot@example.org")

    response = client.post("/accounts/password/reset/", {"email": "forgot@example.org"})

    assert response["Location"] == "/accounts/password/reset/done/"
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_change_of_email_takes_effect_once_verified(client):
    user = verified_user(email="old@example.org")
    client.force_login(user)

    client.post("/accounts/email/", {"email": "new@example.org", "action_add": ""})
    user.refresh_from_db()
    before = user.email
    (message,) = mail.outbox
    key_url = re.search(
        re.escape(settings.SITE_URL) + r"(/accounts/confirm-email/\S+)", message.body
    )
    client.post(key_url.group(1))

    user.refresh_from_db()
    assert (before, message.to) == ("old@example.org", ["new@example.org"])
    assert user.email == "new@example.org"
    assert list(user.emailaddress_set.values_list("email", flat=True)) == [
        "new@example.org"
    ]
