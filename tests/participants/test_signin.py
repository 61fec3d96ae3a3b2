"""Signing in through HTTP: one way in (allauth's), a second factor in the session
itself before the admin, limits on resets and on view-password guesses, and a sign-up
that does the same work whether or not the address is registered."""

import time
from urllib.parse import quote

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from sessions.qa.models import QABoard
from tests.factories import EventPageFactory, SessionPageFactory
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


@pytest.mark.parametrize("page", ["moderation", "home", "my data"])
def test_an_organisers_password_alone_opens_no_page_of_the_site(client, settings, page):
    settings.CONVENING_ADMIN_REQUIRES_MFA = True
    user = organiser()
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    TOTP.activate(user, generate_totp_secret())  # set up elsewhere, after sign-in
    session = SessionPageFactory(event=EventPageFactory())
    QABoard.objects.create(session=session, status=QABoard.Status.OPEN)
    path = {
        "moderation": f"{session.url}questions/moderate/",
        "home": "/",
        "my data": "/me/data/",
    }[page]

    response = client.get(path)

    assert response["Location"] == (
        f"/accounts/2fa/reauthenticate/?next={quote(path, safe='')}"
    )
    assert client.get("/accounts/2fa/reauthenticate/").status_code == 200


def test_participants_without_admin_access_sign_in_by_password_alone(client, settings):
    settings.CONVENING_ADMIN_REQUIRES_MFA = True
    user = verified_user(email="someone@example.org")
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})

    assert client.get("/me/data/").status_code == 200


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


def test_the_sixth_reset_request_for_one_address_within_a_minute_sends_no_mail(
    client, deployed_rate_limits
):
    verified_user(email="forgot@example.org")

    responses = [
        client.post("/accounts/password/reset/", {"email": "forgot@example.org"})
        for _ in range(6)
    ]

    assert [response.status_code for response in responses] == [302] * 5 + [429]
    assert "Too many attempts" in responses[-1].content.decode()
    assert [message.to for message in mail.outbox] == [["forgot@example.org"]] * 5


# View passwords ------------------------------------------------------------------


def password_page():
    event = EventPageFactory()
    restriction = PageViewRestriction.objects.create(
        page=event, restriction_type=PageViewRestriction.PASSWORD, password="sesame"
    )
    url = f"/_util/authenticate_with_password/{restriction.pk}/{event.pk}/"
    return event, url


@pytest.mark.parametrize(
    ("addresses", "wrong"),
    [(1, 10), (21, 20)],
    ids=["from one address", "from many addresses"],
)
def test_wrong_page_passwords_lock_it_even_for_the_right_one(
    client, deployed_rate_limits, addresses, wrong
):
    event, url = password_page()

    def guess(n, password):
        address = f"198.51.100.{n % addresses}"
        data = {"password": password, "return_url": event.url}
        return client.post(url, data, REMOTE_ADDR=address)

    guesses = [guess(n, "open please") for n in range(wrong)]
    right = guess(wrong, "sesame")

    assert [response.status_code for response in guesses] == [200] * wrong
    assert "not correct" in guesses[-1].content.decode()
    assert right.status_code == 429
    assert "Too many attempts" in right.content.decode()
    assert "Password required" in client.get(event.url).content.decode()


def test_the_right_page_password_is_taken_again_once_the_window_has_passed(
    client, settings
):
    settings.ACCOUNT_RATE_LIMITS = {"view_password": "2/3s/ip"}
    event, url = password_page()
    wrong = {"password": "open please", "return_url": event.url}
    right = {**wrong, "password": "sesame"}

    statuses = [client.post(url, data).status_code for data in (wrong, wrong, right)]
    time.sleep(3.1)
    accepted = client.post(url, right)

    assert statuses == [200, 200, 429]
    assert accepted["Location"] == event.url
    assert client.get(event.url).status_code == 200


def test_wrong_document_passwords_are_limited_too(client, deployed_rate_limits):
    collection = Collection.get_first_root_node().add_child(name="Drafts")
    document = Document.objects.create(
        title="Draft", collection=collection, file=ContentFile(b"x", name="draft.txt")
    )
    restriction = CollectionViewRestriction.objects.create(
        collection=collection,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password="sesame",
    )
    url = f"/documents/authenticate_with_password/{restriction.pk}/"
    wrong = {"password": "open please", "return_url": document.url}

    statuses = [client.post(url, wrong).status_code for _ in range(10)]
    right = client.post(url, {**wrong, "password": "sesame"})

    assert statuses == [200] * 10
    assert right.status_code == 429


# Sign-up tells nothing by its timing ---------------------------------------------

ENCODED = []


class CountingHasher(MD5PasswordHasher):
    """The test settings' hasher, counting the passwords it hashes."""

    def encode(self, password, salt):
        ENCODED.append(password)
        return super().encode(password, salt)


@pytest.mark.parametrize("registered", [False, True], ids=["new", "registered"])
def test_sign_up_hashes_once_and_mails_once_whether_or_not_the_address_is_taken(
    client, settings, registered
):
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    if registered:
        verified_user(email="amina@example.org")
    ENCODED.clear()

    response = client.post(
        "/accounts/signup/",
        {
            "email": "amina@example.org",
            "password1": "another long passphrase",
            "password2": "another long passphrase",
        },
    )

    assert response["Location"] == "/accounts/confirm-email/"
    assert ENCODED == ["another long passphrase"]
    assert [message.to for message in mail.outbox] == [["amina@example.org"]]
