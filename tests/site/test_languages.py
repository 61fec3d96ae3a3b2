"""The site in six languages: each at its own address, English without a prefix, the
page saying which language and direction it is in, and a switch to the others that
needs no JavaScript."""

import re
from pathlib import Path

import pytest
from django.test import override_settings

from tests.factories import EventPageFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def html_tag(html):
    return re.search(r"<html[^>]*>", html).group(0)


def switch_links(html):
    nav = re.search(r'<details class="languages">(.*?)</details>', html, re.S)
    return re.findall(
        r'<a href="([^"]*)" lang="([^"]*)" hreflang="[^"]*" dir="[^"]*"'
        r'( aria-current="true")?>',
        nav[1],
    )


def test_english_keeps_its_addresses_and_says_it_is_english(client):
    response = client.get("/events/")

    assert response.status_code == 200
    assert html_tag(response.content.decode()) == '<html lang="en-gb" dir="ltr">'


@pytest.mark.parametrize(
    ("prefix", "tag"),
    [
        ("fr", '<html lang="fr" dir="ltr">'),
        ("ar", '<html lang="ar" dir="rtl">'),
        ("zh-hans", '<html lang="zh-hans" dir="ltr">'),
        ("ru", '<html lang="ru" dir="ltr">'),
        ("es", '<html lang="es" dir="ltr">'),
    ],
)
def test_each_language_has_its_prefix_and_direction(client, prefix, tag):
    response = client.get(f"/{prefix}/events/")

    assert response.status_code == 200
    assert html_tag(response.content.decode()) == tag


@pytest.mark.parametrize("path", ["/xx/events/", "/de/events/", "/en-gb/events/"])
def test_an_unknown_language_prefix_is_an_unknown_page(client, path):
    assert client.get(path).status_code == 404


def test_the_browsers_preference_does_not_change_an_address(client):
    html = client.get("/events/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert 'lang="en-gb"' in html_tag(html)


def test_the_switch_leads_to_the_same_page_in_each_language(client):
    event = EventPageFactory(title="Forum on open knowledge")
    path = event.url  # /events/<slug>/

    html = client.get(f"/fr{path}?tab=1").content.decode()

    assert switch_links(html) == [
        (f"/ar{path}?tab=1", "ar", ""),
        (f"/zh-hans{path}?tab=1", "zh-hans", ""),
        (f"{path}?tab=1", "en-gb", ""),
        (f"/fr{path}?tab=1", "fr", ' aria-current="true"'),
        (f"/ru{path}?tab=1", "ru", ""),
        (f"/es{path}?tab=1", "es", ""),
    ]
    # Links within the page stay in the language read.
    assert f'href="/fr{path}' in html.split("</header>")[1]
    assert 'href="/fr/events/"' in html


def test_the_page_cache_keeps_each_language_apart(client):
    english = client.get("/events/").content.decode()
    french = client.get("/fr/events/").content.decode()
    english_again = client.get("/events/").content.decode()

    assert 'lang="fr"' in html_tag(french)
    assert (
        html_tag(english)
        == html_tag(english_again)
        == ('<html lang="en-gb" dir="ltr">')
    )


@override_settings(ROOT_URLCONF="convening.urls")
def test_the_admin_and_the_api_have_no_language_prefix(client):
    assert client.get("/fr/admin/").status_code == 404
    assert client.get("/fr/api/v2/pages/").status_code == 404
    assert client.get("/api/v2/pages/").status_code == 200


def test_the_stylesheet_mirrors_by_logical_properties():
    """Right to left is the same stylesheet read the other way: no physical sides."""
    css = (ROOT / "site/static/css/site.css").read_text()
    physical = re.findall(
        r"[\w-]*(?:\bleft\b|\bright\b)[\w-]*\s*:[^;}]*|text-align:\s*(?:left|right)",
        css,
    )

    assert physical == []
