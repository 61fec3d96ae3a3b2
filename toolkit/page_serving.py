"""Pages served from the English tree in every language (toolkit.page_languages says
why), with the words of their translation into the language being read."""

from django.http import Http404, HttpResponse
from wagtail import hooks
from wagtail.models import Site
from wagtail.views import serve_chain

from toolkit.page_languages import in_reading_language


def route(request, path):
    """The page at `path` in the English tree, with its route's args: Wagtail's own
    routing would walk the tree of the language being read, where only translated
    pages are."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    components = [component for component in path.split("/") if component]
    found = site.root_page.specific.route(request, components)
    request._wagtail_route_for_request = found
    return found


def serve(request, path):
    """Wagtail's serve view, routing through the English tree and lending the page the
    words of its translation into the language being read."""
    page, args, kwargs = route(request, path)
    in_reading_language([page], rows=True)
    on_serve_chain = serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        on_serve_chain = fn(on_serve_chain)
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    return on_serve_chain(page, request, args, kwargs)
