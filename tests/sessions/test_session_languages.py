"""A session's languages as the forums state them: the floor language, interpretation
in the room or online too, live captions and sign language; shown on the programme,
filterable, and carried into calendars and frab schedules."""

import icalendar
import polib
import pytest
import yaml
from django.conf import settings
from lxml import etree

from sessions import languages
from tests.factories import EventPageFactory, SessionPageFactory, language

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return EventPageFactory()


def session_in(event, langs, **fields):
    return SessionPageFactory(
        event=event, languages=[language(code) for code in langs], **fields
    )


def test_the_named_floor_language_is_spoken_and_the_others_interpreted(event):
    session = session_in(
        event, ["en", "fr", "ar"], floor_language=language("fr"), captions=True
    )

    assert languages.floor(session).code == "fr"
    assert [lang.code for lang in languages.interpreted(session)] == ["ar", "en"]
    assert languages.access(session) == {languages.INTERPRETATION, languages.CAPTIONS}


def test_a_single_language_is_the_floors_and_several_unnamed_are_not_guessed(event):
    one = session_in(event, ["es"])
    several = session_in(event, ["en", "fr"], interpretation_online=True)

    assert (languages.floor(one).code, languages.interpreted(one)) == ("es", [])
    assert (languages.floor(several), languages.interpreted(several)) == (None, [])
    # Online interpretation needs a language to interpret into.
    assert languages.access(several) == set()


def test_a_session_says_its_languages_in_sentences(event):
    session = session_in(
        event,
        ["en", "fr", "es"],
        floor_language=language("en"),
        interpretation_online=True,
        captions=True,
        sign_language="International Sign",
    )

    assert languages.described(session) == (
        "Spoken in English. Interpreted into French, Spanish, in the room and online."
        " Live captions. Sign language: International Sign."
    )


def test_the_programme_shows_and_filters_by_access(client, event):
    session_in(
        event,
        ["en", "fr"],
        title="Captioned plenary",
        floor_language=language("en"),
        captions=True,
        sign_language="International Sign",
    )
    session_in(event, ["en"], title="Small workshop")

    everything = client.get(f"{event.url}programme/").content.decode()
    captioned = client.get(f"{event.url}programme/?access=captions").content.decode()
    signed = client.get(f"{event.url}programme/?access=sign-language").content.decode()

    assert "Interpreted into French, in the room only." in everything
    assert '<option value="captions">Live captions</option>' in everything
    assert "Captioned plenary" in captioned and "Small workshop" not in captioned
    assert "Captioned plenary" in signed and "Small workshop" not in signed


def test_the_session_page_says_how_it_can_be_followed(client, event):
    session = session_in(
        event,
        ["en", "ar"],
        floor_language=language("ar"),
        interpretation_online=True,
    )

    html = client.get(session.url).content.decode()

    assert "Spoken in Arabic. Interpreted into English, in the room and online." in html


def test_calendars_and_frab_carry_the_languages(client, event):
    session_in(
        event,
        ["en", "fr"],
        title="Interpreted panel",
        floor_language=language("fr"),
        captions=True,
    )

    calendar = icalendar.Calendar.from_ical(
        client.get(f"{event.url}programme.ics").content
    )
    frab = etree.fromstring(client.get(f"{event.url}schedule.xml").content)

    (vevent,) = calendar.walk("VEVENT")
    assert "Spoken in French. Interpreted into English, in the room only." in str(
        vevent["DESCRIPTION"]
    )
    assert "Live captions." in str(vevent["DESCRIPTION"])
    assert frab.findtext(".//event/language") == "fr"


def test_each_language_has_its_own_calendar_and_schedule(client, event):
    session_in(
        event, ["en", "fr"], title="Interpreted panel", floor_language=language("en")
    )
    path = event.url  # read before a request leaves French active in this thread
    french = polib.pofile(str(settings.BASE_DIR / "locale/fr/LC_MESSAGES/django.po"))
    names = yaml.safe_load((settings.BASE_DIR / "events/data/names.yaml").read_text())
    spoken = french.find("Spoken in %(language)s.").msgstr % {
        "language": names["languages"]["en"]["fr"]
    }

    calendar = icalendar.Calendar.from_ical(
        client.get(f"/fr{path}programme.ics").content
    )
    frab = etree.fromstring(client.get(f"/fr{path}schedule.xml").content)
    english = client.get(f"{path}programme.ics").content.decode()

    (vevent,) = calendar.walk("VEVENT")
    assert spoken in str(vevent["DESCRIPTION"])
    assert f"/fr{path}" in str(vevent["URL"])
    assert f"/fr{path}" in frab.findtext(".//event/url")
    assert "Spoken in English." in english.replace("\r\n ", "")
