"""Signing in through HTTP: one way in (allauth's), a second factor in the session
itself before the admin, limits on resets and on view-password guesses, and a sign-up
that does the same work whether or not the address is registered."""

import pytest
from django.core import mail
from wagtail.models import PageViewRestriction

from tests.factories import EventPageFactory
from tests.participants.conftest import PASSWORD, verified_user

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
