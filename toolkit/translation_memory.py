"""Translating a page from a table of strings, through wagtail-localize's own models,
as an organiser does in its editor: each string of the page (a title, a paragraph of
rich text) gets its translation, and the translated page is published. The demo's
French pages are made this way from data files (convening.demo)."""

from wagtail.models import Locale
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)


def strings_of(page):
    """The strings of `page` a translator is asked for, in page order."""
    source, _created = TranslationSource.update_or_create_from_instance(page)
    segments = StringSegment.objects.filter(source=source).order_by("order")
    return [segment.string.data for segment in segments.select_related("string")]


def translate(page, code, words, *, user=None):
    """Translates `page` into the language `code`: each of its strings found in
    `words` (source string -> translation) is translated, the others stay as they
    are, and the translation is published. Parents not translated yet get the
    aliases wagtail-localize gives them. Returns the translated page."""
    locale = Locale.objects.get(language_code=code)
    source, _created = TranslationSource.update_or_create_from_instance(page)
    # What "Translate this page" in the admin leaves: the translation it edits.
    Translation.objects.get_or_create(source=source, target_locale=locale)
    segments = StringSegment.objects.filter(source=source).select_related("string")
    for segment in segments:
        text = words.get(segment.string.data)
        if text:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context_id=segment.context_id,
                defaults={
                    "data": text,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                    "last_translated_by": user,
                },
            )
    translated, _created = source.create_or_update_translation(
        locale, user=user, publish=False, copy_parent_pages=True, fallback=True
    )
    # Published here rather than once the transaction commits (wagtail-localize's
    # way), so that a command or a test sees it at once.
    translated.get_latest_revision().publish(user=user)
    return translated.specific_class.objects.get(pk=translated.pk)
