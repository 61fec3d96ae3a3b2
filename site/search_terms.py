"""What a search looks for: each word in its singular and plural forms, so that
"partnership" finds "partnerships" in the embedded mode's SQLite index too, which
does not stem as PostgreSQL's does."""

import inflect
from wagtail.search.query import And, Or, PlainText

_english = inflect.engine()


def word_forms(word):
    """`word` with its singular (when it is a plural) or its plural."""
    singular = _english.singular_noun(word)
    return sorted({word, singular or _english.plural_noun(word)})


def search_query(text):
    """All the words, each in any of its forms."""
    words = text.lower().split()
    return And([Or([PlainText(form) for form in word_forms(w)]) for w in words])
