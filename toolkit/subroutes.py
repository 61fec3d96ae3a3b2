"""Routes under a page type that other modules add at start-up (in an AppConfig's
`ready`), so that the page's module imports none of the views behind them: the event
page serves `register/` and `programme/` without knowing the apps that own them."""

from django.urls import path, re_path


class SubRoutes:
    def __init__(self):
        self._patterns = {}

    def add(self, route, view, name, *, regex=False):
        """`view(request, page, **kwargs)` answers `route` under each page of the
        type; adding a name again replaces its route."""

        def serve(page, request, *args, **kwargs):
            return view(request, page, *args, **kwargs)

        serve.__name__ = name
        self._patterns[name] = (re_path if regex else path)(route, serve, name=name)

    def patterns(self):
        return tuple(self._patterns.values())


class SubRoutesMixin:
    """For a RoutablePageMixin page type: its own routes, then those added to
    `cls.routes`."""

    @classmethod
    def get_subpage_urls(cls):
        return super().get_subpage_urls() + cls.routes.patterns()
