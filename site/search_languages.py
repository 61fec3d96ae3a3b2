"""Search in each page's language. On PostgreSQL a page's words are stemmed by the
text search configuration of its language (a French translation by "french", so that
"archive communautaire" finds "Archives communautaires"), and a search by that of the
language being read. SQLite's index stems nothing, in any language; there Wagtail's
database backend is used as it is.

settings.WAGTAILSEARCH_BACKENDS names this module; Wagtail calls `SearchBackend`.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import connection
from django.utils import translation
from modelsearch.backends.database import SearchBackend as DatabaseBackend
from modelsearch.backends.database.postgres import postgres
from wagtail.models import Locale

# PostgreSQL's own configurations; Chinese has none, so its words are kept whole.
CONFIGS = {
    "ar": "arabic",
    "zh-hans": "simple",
    "en-gb": "english",
    "fr": "french",
    "ru": "russian",
    "es": "spanish",
}


def config_of(code):
    return CONFIGS.get(code, CONFIGS[settings.LANGUAGE_CODE])


_indexing_in = ContextVar("indexing_in", default=None)


class LanguageIndex(postgres.PostgresIndex):
    def add_items(self, model, objs):
        """Indexed in groups of one language each (a page's, by its locale)."""
        codes = dict(Locale.objects.values_list("pk", "language_code"))
        groups = {}
        for obj in objs:
            code = codes.get(getattr(obj, "locale_id", None), settings.LANGUAGE_CODE)
            groups.setdefault(config_of(code), []).append(obj)
        for config, group in groups.items():
            with _indexing(config):
                super().add_items(model, group)


@contextmanager
def _indexing(config):
    token = _indexing_in.set(config)
    try:
        yield
    finally:
        _indexing_in.reset(token)


class LanguageQueryCompiler(postgres.PostgresSearchQueryCompiler):
    def get_config(self, backend):
        return config_of(translation.get_language())

    def build_tsquery(self, query, config=None):
        """In the language being read, or in English: a reader of French is shown
        the English pages that have no French translation, stemmed as English."""
        own = super().build_tsquery(query, config=config)
        source = config_of(settings.LANGUAGE_CODE)
        if config in (None, source):
            return own
        return own | super().build_tsquery(query, config=source)


class LanguageSearchBackend(postgres.PostgresSearchBackend):
    index_class = LanguageIndex
    query_compiler_class = LanguageQueryCompiler

    @property
    def config(self):
        """What the indexer stems by: the language of the rows being indexed."""
        return _indexing_in.get() or config_of(settings.LANGUAGE_CODE)

    @config.setter
    def config(self, value):
        pass  # the base class sets SEARCH_CONFIG; the languages decide here


def SearchBackend(params):
    if connection.vendor == "postgresql":
        return LanguageSearchBackend(params)
    return DatabaseBackend(params)
