from django.template.response import TemplateResponse
from django.utils import timezone

from convening import page_cache
from sessions.programme import build_programme


def programme_view(request, event):
    def render():
        context = {"page": event, "self": event, **build_programme(event, request.GET)}
        return TemplateResponse(request, "sessions/programme.html", context)

    # "Now and next" moves with the clock while the event runs: keep it to the minute.
    timeout = 60 - timezone.now().second if event.is_running() else page_cache.TIMEOUT
    return page_cache.serve(request, render, timeout=timeout)
