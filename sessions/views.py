from django.template.response import TemplateResponse

from sessions.programme import build_programme


def programme_view(request, event):
    context = {"page": event, "self": event, **build_programme(event, request.GET)}
    return TemplateResponse(request, "sessions/programme.html", context)
