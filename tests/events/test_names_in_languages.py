"""Reference data in the six languages, from events/data/names.yaml: the name as
stored in English, each other language's name where it has one, the stored name
where it has none."""

import pytest
import yaml
from django.conf import settings
from django.utils import translation

from events.models import Language, Region, StakeholderGroup, Theme
from tests.factories import EventPageFactory, SessionPageFactory, language

pytestmark = pytest.mark.django_db

NAMES = yaml.safe_load((settings.BASE_DIR / "events/data/names.yaml").read_text())


def named(row, code):
    with translation.override(code):
        return str(row)


def test_every_reference_row_has_a_name_in_every_language():
    rows = [
        *StakeholderGroup.objects.all(),
        *Region.objects.all(),
        *Language.objects.all(),
        *Theme.objects.filter(kind__in=["sdg", "wsis"]),
    ]
    other_languages = {code for code, _name in settings.LANGUAGES} - {"en-gb"}

    assert rows
    assert [row.name for row in rows if set(row.names) != other_languages] == []


def test_a_row_reads_in_the_language_shown_and_in_english_without_a_prefix():
    group = StakeholderGroup.objects.get(slug="civil-society")
    sdg = Theme.objects.get(slug="sdg-1")

    assert named(group, "en-gb") == "Civil society"
    assert named(group, "fr") == NAMES["stakeholder_groups"]["civil-society"]["fr"]
    assert named(group, "ar") == NAMES["stakeholder_groups"]["civil-society"]["ar"]
    assert named(sdg, "es") == f"SDG 1: {NAMES['themes']['sdg-1']['es']}"


def test_a_language_without_a_name_reads_the_stored_one():
    group = StakeholderGroup.objects.create(name="Youth", slug="youth")
    group.names = {"fr": "Jeunesse"}
    group.save()

    assert (named(group, "fr"), named(group, "ru")) == ("Jeunesse", "Youth")


def test_the_programme_names_languages_in_the_readers_language(client):
    event = EventPageFactory()
    SessionPageFactory(event=event, languages=[language("ar")])

    english = client.get(f"{event.url}programme/").content.decode()
    french = client.get(f"/fr{event.url}programme/").content.decode()

    assert '<option value="ar">Arabic</option>' in english
    assert f'<option value="ar">{NAMES["languages"]["ar"]["fr"]}</option>' in french
