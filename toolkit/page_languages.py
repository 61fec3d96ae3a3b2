"""Pages in the language being read.

Every page lives once, in English, the source: its address, its registrations,
questions, seats and check-ins all belong to it. Organisers translate a page in the
admin with wagtail-localize, which keeps each translation as a page of that language's
tree. A translation only lends its words: when a page is read in French, the text
fields its live French translation translates are laid on the English page being
served, which is never saved afterwards. Without a live translation the page is shown
in English, and says so (`shown_in_source`).

So every reader of a session, in any language, shares one Q&A, one quota, one
programme; and listings, exports and the page cache need to know of one tree only.
"""

from django.conf import settings
from django.db import models
from django.utils import translation
from modelcluster.fields import ParentalKey
from modelcluster.models import get_all_child_relations
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail_localize.fields import (
    SynchronizedField,
    TranslatableField,
    get_translatable_fields,
)

from toolkit import languages


def reading():
    """The language being read, if it is not the source's; else None."""
    code = translation.get_language()
    return None if code == settings.LANGUAGE_CODE else code


def sources(pages):
    """The English pages of `pages`, leaving out the translations (and the aliases
    wagtail-localize keeps for untranslated parents), which are read through them."""
    return pages.filter(locale__language_code=settings.LANGUAGE_CODE)


def of_sources(relation):
    """A filter keeping the rows related (through `relation`) to English pages: a
    translation carries copies of its source's rows (its people, its quotas), which
    only the source's own are."""
    return {f"{relation}__locale__language_code": settings.LANGUAGE_CODE}


def lent_fields(model):
    """The names of `model`'s own text fields that a translation translates (title,
    summaries, rich text, streams), not its address nor its child rows (the rows of
    inline panels stay the source's)."""
    names = []
    for field in get_translatable_fields(model):
        if not isinstance(field, TranslatableField) or field.field_name == "slug":
            continue
        model_field = model._meta.get_field(field.field_name)
        if model_field.concrete and not model_field.is_relation:
            names.append(field.field_name)
    return names


def lent_rows(model):
    """The child relations of `model` (inline panels) whose rows are translated too:
    those of a translatable model (TranslatableRow)."""
    return [
        relation.name
        for relation in get_all_child_relations(model)
        if issubclass(relation.related_model, TranslatableMixin)
    ]


class TranslatableRow(TranslatableMixin):
    """For the rows of an inline panel whose words are translated with their page
    (guiding questions, takeaways, key messages): a translation of the page holds
    copies of them in its language, whose words the source's rows borrow."""

    class Meta(TranslatableMixin.Meta):
        abstract = True

    def get_default_locale(self):
        """Its page's language, from the page in memory where it is there (Wagtail
        reads the page again: a query for every row saved)."""
        for field in self._meta.get_fields():
            if isinstance(field, ParentalKey) and field.is_cached(self):
                locale_id = field.get_cached_value(self).locale_id
                if locale_id is not None:
                    return Locale(pk=locale_id)
        return super().get_default_locale()


def _lend(page, translation_page, code, rows=False):
    for name in lent_fields(type(page)):
        setattr(page, name, getattr(translation_page, name))
    for name in lent_rows(type(page)) if rows else ():
        shown = _with_words(getattr(page, name), getattr(translation_page, name))
        setattr(page, name, shown)  # in memory, as a preview holds its rows
    page.shown_in = code


def _with_words(rows, translated_rows):
    """The source's rows with the words of their translations. The rows stay the
    source's, so that a question asked about a guiding question, or a score given on
    a criterion, refers to one row in every language. A row added since the
    translation keeps its English."""
    words = {row.translation_key: row for row in translated_rows.all()}
    shown = list(rows.all())
    for row in shown:
        _borrow(row, words.get(row.translation_key))
    return shown


def _borrow(row, translated):
    if translated is not None:
        for name in lent_fields(type(row)):
            setattr(row, name, getattr(translated, name))


def rows_in_reading_language(rows):
    """Rows listed on their own (a theme's recommendations), with the words of their
    translations into the language being read: one query per kind of row. Returns
    `rows`."""
    code = reading()
    if code is None:
        return rows
    by_model = {}
    for row in rows:
        by_model.setdefault(type(row), []).append(row)
    for model, group in by_model.items():
        words = {
            found.translation_key: found
            for found in model.objects.filter(
                translation_key__in=[row.translation_key for row in group],
                locale__language_code=code,
            )
        }
        for row in group:
            _borrow(row, words.get(row.translation_key))
    return rows


def translations(model, keys, code):
    """The live translations into `code` of the pages with these translation keys (not
    the aliases wagtail-localize keeps for untranslated parents): one query."""
    return {
        found.translation_key: found
        for found in model.objects.filter(
            translation_key__in=keys,
            locale__language_code=code,
            live=True,
            alias_of__isnull=True,
        )
    }


def in_reading_language(pages, rows=False):
    """Lays the words of each page's translation into the language being read on it:
    one query per kind of page. Pages without one keep their English and are marked
    `shown_in_source`. With `rows`, the rows of its inline panels too (two queries a
    page and panel: for the page being served, not for listings). Returns `pages`."""
    code = reading()
    if code is None:
        return pages
    by_model = {}
    for page in pages:
        if page.__dict__.get("shown_in") or page.__dict__.get("shown_in_source"):
            continue  # lent already
        by_model.setdefault(type(page), []).append(page)
    for model, group in by_model.items():
        if not issubclass(model, Page) or model is Page:
            continue
        found = translations(model, [page.translation_key for page in group], code)
        for page in group:
            if page.translation_key in found:
                _lend(page, found[page.translation_key], code, rows)
            else:
                page.shown_in_source = True
    return pages


class Sourced(models.Model):
    """For page models: served from the English tree in every language, at addresses
    in the language being read, and never saved with a translation's words."""

    shown_in = None  # the language of the words laid on this page, if not the source's
    shown_in_source = False  # read in another language, which it has no translation in

    # A translation keeps its source's address (the English tree is the one served).
    override_translatable_fields = [SynchronizedField("slug")]

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.shown_in:
            raise RuntimeError("A page showing a translation's words is not saved.")
        return super().save(*args, **kwargs)

    def get_url_parts(self, request=None):
        """An English page's address in the language being read (Wagtail gives an
        English page its English address): links stay in the reader's language. A
        translation's own address (the admin's "view live") is its language's."""
        parts = super().get_url_parts(request)
        if parts is None:  # in no site's tree
            return None
        site_id, root_url, path = parts
        if path is not None and languages.unprefixed(path) == path:
            path = languages.in_language(path, translation.get_language())
        return site_id, root_url, path


def readable(pages):
    """Of `pages`, the ones a reader of the current language reads, in filters a
    search backend takes: the English pages, or for another language its
    translations and the English pages that have none."""
    source = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    code = reading()
    if code is None:
        return pages.filter(locale=source)
    translated = pages.filter(locale__language_code=code, alias_of__isnull=True)
    untranslated = pages.filter(locale=source).exclude(
        translation_key__in=translated.values("translation_key")
    )
    ids = [*translated.values_list("pk", flat=True)]
    ids += untranslated.values_list("pk", flat=True)
    return pages.filter(pk__in=ids)


def as_sources(found):
    """`found` (specific pages of `readable`) as the reader follows them: each
    translation replaced by its English page wearing its words, one query per kind
    of page; an English page is one without a translation here."""
    code = reading()
    if code is None:
        return found
    source = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    by_model = {}
    for page in found:
        if page.locale_id != source.pk:
            by_model.setdefault(type(page), []).append(page.translation_key)
    originals = {
        original.translation_key: original
        for model, keys in by_model.items()
        for original in model.objects.filter(translation_key__in=keys, locale=source)
    }
    shown = []
    for page in found:
        if page.locale_id == source.pk:
            page.shown_in_source = True
            shown.append(page)
        elif page.translation_key in originals:
            original = originals[page.translation_key]
            _lend(original, page, code)
            shown.append(original)
    return shown
