"""Upper bounds on free text. Django's TextField gives its max_length to forms only,
so these also add the validator that full_clean (and so every model form) runs;
rich text counts its text, not its markup, as Draftail's counter does."""

from django.core.validators import MaxLengthValidator
from wagtail.rich_text import RichTextMaxLengthValidator

PAGE_BODY = 20_000
RICH_TEXT = 10_000
SHORT_RICH_TEXT = 5_000
PASSWORD = 1_000
SEARCH_QUERY = 200


def text(limit):
    """Keyword arguments of a TextField holding at most `limit` characters."""
    return {"max_length": limit, "validators": [MaxLengthValidator(limit)]}


def rich_text(limit):
    """Keyword arguments of a RichTextField holding at most `limit` characters of
    text."""
    return {"max_length": limit, "validators": [RichTextMaxLengthValidator(limit)]}


class SearchLengthMiddleware:
    """Wagtail's admin searches and the API's `search` take any length, and its query
    parser recurses once per term: a long one is a server error. They search the
    first SEARCH_QUERY characters, as the public search does."""

    PREFIXES = ("/admin/", "/api/")
    PARAMETERS = ("q", "search")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(self.PREFIXES) and any(
            len(value) > SEARCH_QUERY
            for name in self.PARAMETERS
            for value in request.GET.getlist(name)
        ):
            request.GET = query = request.GET.copy()
            for name in self.PARAMETERS:
                query.setlist(name, [v[:SEARCH_QUERY] for v in query.getlist(name)])
        return self.get_response(request)
