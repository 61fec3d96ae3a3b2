"""Every free text has an upper bound, kept by the public forms (with the error on the
field), by the models' own validation, and for whole requests by the upload limit."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from wagtail.models import Site

from convening.models import SiteSettings
from events.models import Theme
from participants.models import Profile
from sessions.models import SessionReportPage
from tests.factories import (
    EventPageFactory,
    PersonFactory,
    ProfileFactory,
    SessionPageFactory,
    UserFactory,
    events_index,
    report_page,
)

pytestmark = pytest.mark.django_db


def profile_form(**overrides):
    return {
        "full_name": "Amina Diallo",
        "organisation": "Ministry of Knowledge",
        "group": 1,
        "country": "KE",
        "gender": "",
        "accessibility_needs": "",
        **overrides,
    }


def test_overlong_accessibility_needs_are_refused_on_the_field(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post("/me/profile/", profile_form(accessibility_needs="x" * 2001))

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "accessibility_needs": [
            "Ensure this value has at most 2000 characters (it has 2001)."
        ]
    }
    assert 'maxlength="2000"' in response.content.decode()
    assert not Profile.objects.filter(user=user).exists()


def test_accessibility_needs_at_the_limit_are_saved(client):
    profile = ProfileFactory()
    client.force_login(profile.user)

    client.post(
        "/me/profile/",
        profile_form(group=profile.group_id, accessibility_needs="x" * 2000),
    )

    profile.refresh_from_db()
    assert len(profile.accessibility_needs) == 2000


def report():
    page = report_page(SessionPageFactory(event=EventPageFactory()))
    return SessionReportPage.objects.get(pk=page.pk)


def over(limit):
    return "x" * (limit + 1)


@pytest.mark.parametrize(
    ("make", "field", "limit"),
    [
        (lambda: ProfileFactory.build(user=UserFactory()), "accessibility_needs", 2000),
        (lambda: PersonFactory.build(), "bio", 3000),
        (lambda: Theme.objects.first(), "description", 2000),
        (lambda: SiteSettings.for_site(Site.objects.get()), "footer", 1000),
        (lambda: report(), "convergence", 5000),
        (lambda: report(), "divergence", 5000),
    ],
    ids=["accessibility", "bio", "theme", "footer", "convergence", "divergence"],
)
def test_full_clean_refuses_text_over_its_limit(make, field, limit):
    instance = make()
    setattr(instance, field, "x" * limit)
    instance.full_clean()

    setattr(instance, field, over(limit))
    with pytest.raises(ValidationError) as refusal:
        instance.full_clean()

    assert list(refusal.value.message_dict) == [field]


def test_rich_text_counts_its_text_not_its_markup():
    index = events_index()
    index.intro = "<p><b>" + "x" * 9_990 + "</b></p>" + "<p></p>" * 100
    index.full_clean()

    index.intro = f"<p>{over(10_000)}</p>"
    with pytest.raises(ValidationError) as refusal:
        index.full_clean()

    assert list(refusal.value.message_dict) == ["intro"]


def test_a_password_over_1000_characters_is_refused_at_sign_up(client):
    password = "correct horse " * 72  # 1,008 characters

    response = client.post(
        "/accounts/signup/",
        {"email": "amina@example.org", "password1": password, "password2": password},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["password1"] == [
        "Please choose a password of at most 1,000 characters."
    ]
    assert not get_user_model().objects.filter(email="amina@example.org").exists()


def test_a_long_search_uses_its_first_200_characters_and_says_so(client):
    response = client.get("/search/", {"q": "forum " * 1000})

    html = response.content.decode()
    assert response.status_code == 200
    assert f'value="{("forum " * 34)[:200].strip()}"' in html
    assert "Searches use the first 200 characters" in html


@pytest.mark.parametrize("path", ["/admin/pages/search/", "/admin/users/"])
def test_a_long_admin_search_searches_its_first_200_characters(client, organiser, path):
    response = client.get(path, {"q": "forum " * 2000})

    assert response.status_code == 200
    assert response.context["search_form"]["q"].value() == ("forum " * 34)[:200]


def test_a_request_body_over_2_5_mb_is_refused(client):
    client.force_login(UserFactory())
    client.raise_request_exception = False

    response = client.post("/me/profile/", profile_form(organisation="x" * 2_700_000))

    assert response.status_code == 400
    assert not Profile.objects.exists()
