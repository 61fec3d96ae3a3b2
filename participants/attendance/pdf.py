"""Badges and certificates as PDF, drawn by WeasyPrint from our own HTML templates.
Nothing is fetched from anywhere: QR codes are data: addresses, fonts the system's."""

from django.http import HttpResponse
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher

LAYOUTS = ("sheet", "single")


def response(content, name):
    """A PDF to download, kept by no shared cache (it names a person)."""
    answer = HttpResponse(content, content_type="application/pdf")
    answer["Content-Disposition"] = f'attachment; filename="{name}"'
    answer["Cache-Control"] = "private, no-store"
    return answer


def render(template, context):
    html = render_to_string(template, context)
    fetcher = URLFetcher(allowed_protocols={"data"})
    return HTML(string=html, url_fetcher=fetcher).write_pdf()
