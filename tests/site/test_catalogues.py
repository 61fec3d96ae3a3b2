"""The interface's translations: every text a person reads goes through translation,
each of the five catalogues translates every one of them, and no translation drops or
invents a placeholder (which would lose a value, or break the page or the mail)."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

from tests.site.translatable import untranslated

ROOT = Path(__file__).resolve().parents[2]
LOCALES = ["ar", "zh_Hans", "fr", "ru", "es"]
# %(name)s and %s in Python and templates; {name} in our mail texts; {{ and }} escape.
PLACEHOLDER = re.compile(r"%\(\w+\)[sdf]|%[sdf]|\{\w*\}")


def catalogue(locale):
    return polib.pofile(str(ROOT / "locale" / locale / "LC_MESSAGES" / "django.po"))


def placeholders(text):
    return sorted(PLACEHOLDER.findall(text))


def key(entry):
    return (entry.msgctxt, entry.msgid, entry.msgid_plural)


def test_every_text_a_template_shows_is_translatable():
    assert untranslated() == {}


def test_there_is_a_catalogue_for_every_language_but_the_source():
    codes = {code for code, _name in settings.LANGUAGES} - {settings.LANGUAGE_CODE}

    assert {locale.lower().replace("_", "-") for locale in LOCALES} == codes


@pytest.mark.parametrize("locale", LOCALES)
def test_a_catalogue_translates_every_text(locale):
    po = catalogue(locale)

    assert [e.msgid for e in po if not e.translated() or e.obsolete] == []
    assert [e.msgid for e in po if "fuzzy" in e.flags] == []


@pytest.mark.parametrize("locale", LOCALES)
def test_a_translation_keeps_every_placeholder(locale):
    wrong = []
    for entry in catalogue(locale):
        if not entry.msgid_plural:
            if placeholders(entry.msgstr) != placeholders(entry.msgid):
                wrong.append((entry.msgid, entry.msgstr))
            continue
        known = set(placeholders(entry.msgid) + placeholders(entry.msgid_plural))
        forms = [entry.msgstr_plural[n] for n in sorted(entry.msgstr_plural)]
        # A language's form for one or two may say so in words, without the count;
        # its general (last) form names every value, and no form invents one.
        if placeholders(forms[-1]) != placeholders(entry.msgid_plural) or any(
            set(placeholders(form)) - known for form in forms
        ):
            wrong.append((entry.msgid, forms))

    assert wrong == []


@pytest.mark.parametrize("locale", LOCALES)
def test_a_catalogue_compiles(locale, tmp_path):
    path = ROOT / "locale" / locale / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(path)],
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr


def test_the_catalogues_hold_every_text_of_the_source(tmp_path):
    """Extracted afresh from a copy of the source, the texts are those the catalogues
    translate: none added since without a translation, none gone and still kept."""
    copy = tmp_path / "source"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "node_modules", "var", "media", "staticfiles", "*.sqlite3*"
        ),
    )
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "fr", "--no-obsolete"]
        + ["--ignore=tests", "--ignore=bench"],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    fresh = polib.pofile(str(copy / "locale/fr/LC_MESSAGES/django.po"))

    for locale in LOCALES:
        assert {key(e) for e in catalogue(locale)} == {key(e) for e in fresh}, locale
