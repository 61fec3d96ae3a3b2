"""The languages of the site's pages: each is at its own address, English (the source,
settings.LANGUAGE_CODE) without a prefix, the others under /<code>/ (site/urls.py)."""

from django.conf import settings
from django.utils import translation


def supported(code):
    """Whether `code` is one of the site's languages."""
    return any(code == known for known, _name in settings.LANGUAGES)


def prefix(code):
    return "" if code == settings.LANGUAGE_CODE else f"/{code}"


def unprefixed(path):
    """The address's path as English has it."""
    for code, _name in settings.LANGUAGES:
        start = prefix(code)
        if start and (path == start or path.startswith(start + "/")):
            return path[len(start) :] or "/"
    return path


def in_language(path, code):
    """The same page's path in another language."""
    return prefix(code) + unprefixed(path)


def direction(code):
    return "rtl" if translation.get_language_info(code)["bidi"] else "ltr"


def alternatives(request):
    """The page in each language, for the language switch: code, name (in its own
    language), address and whether it is the one shown."""
    current = translation.get_language()
    query = request.META.get("QUERY_STRING", "")
    return [
        {
            "code": code,
            "name": name,
            "url": in_language(request.path, code) + (f"?{query}" if query else ""),
            "current": code == current,
            "direction": direction(code),
        }
        for code, name in settings.LANGUAGES
    ]
