"""Signing in through HTTP: one way in (allauth's), a second factor in the session
itself before the admin, limits on resets and on view-password guesses, and a sign-up
that does the same work whether or not the address is registered."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core import mail
from wagtail.models import PageViewRestriction

from tests.factories import EventPageFactory
from tests.participants.conftest import PASSWORD, totp_code, verified_user

pytestmark = pytest.mark.django_db


def organiser():
    return verified_user(email="org@example.org", is_staff=True, is_superuser=True)


# One way in ----------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/_util/login/", "/admin/login/"])
def test_wagtails_login_forms_sign_no_one_in_and_lead_to_allauth(client, path):
    user = organiser()

    response = client.post(
        f"{path}?next=/admin/", {"username": user.username, "password": PASSWORD}
    )

    assert response["Location"] == "/accounts/login/?next=/admin/"
    assert client.get("/admin/")["Location"] == "/accounts/login/?next=/admin/"


def test_a_login_restricted_page_sends_visitors_to_allauths_sign_in(client):
    event = EventPageFactory()
    PageViewRestriction.objects.create(
        page=event, restriction_type=PageViewRestriction.LOGIN
    )

    response = client.get(event.url)

    assert response["Location"] == f"/accounts/login/?next={event.url}"


# The admin's second factor is the session's --------------------------------------


@pytest.mark.parametrize("sign_in", ["allauth", "client.login"])
def test_a_session_signed_in_by_password_enters_a_code_before_the_admin(
    client, settings, sign_in
):
    settings.CONVENING_ADMIN_REQUIRES_MFA = True
    user = organiser()
    if sign_in == "allauth":
        client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    else:
        client.login(username=user.username, password=PASSWORD)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)  # set up in another session, after this one began

    refused = client.get("/admin/")
    wrong = client.post(refused["Location"], {"code": "000000"})
    still_refused = client.get("/admin/")
    client.post(refused["Location"], {"code": totp_code(secret)})
    admitted = client.get("/admin/")

    assert refused["Location"] == "/accounts/2fa/reauthenticate/?next=%2Fadmin%2F"
    assert "Incorrect code" in wrong.content.decode()
    assert still_refused["Location"] == refused["Location"]
    assert admitted.status_code == 200


# Password resets -----------------------------------------------------------------


def test_wagtails_admin_password_reset_leads_to_allauths(client):
    verified_user(email="forgot@example.org")

    form = client.get("/admin/password_reset/")
    posted = client.post("/admin/password_reset/", {"email": "forgot@example.org"})
    confirm = client.get("/admin/password_reset/confirm/MQ/set-password/")

    assert form["Location"] == "/accounts/password/reset/"
    assert posted["Location"] == "/accounts/password/reset/"
    assert mail.outbox == []
    assert confirm.status_code == 404
