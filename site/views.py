import asyncio
import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from wagtail.models import Page

logger = logging.getLogger("convening")

SEARCH_PAGE_SIZE = 20


def database_reachable():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except DatabaseError:
        logger.exception("healthz: database unreachable")
        return False


async def _layer_round_trip():
    layer = get_channel_layer()
    channel = await layer.new_channel("healthz.")
    await layer.send(channel, {"type": "healthz.ping"})
    message = await asyncio.wait_for(layer.receive(channel), timeout=2)
    return message["type"] == "healthz.ping"


def channel_layer_reachable():
    try:
        return async_to_sync(_layer_round_trip)()
    except Exception:
        logger.exception("healthz: channel layer unreachable")
        return False


@never_cache
def healthz(request):
    checks = {
        "database": database_reachable(),
        "channel_layer": channel_layer_reachable(),
    }
    healthy = all(checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **checks},
        status=200 if healthy else 503,
    )


def search(request):
    query = request.GET.get("q", "").strip()
    results = Page.objects.none()
    if query:
        results = Page.objects.live().public().specific().search(query)
    page = Paginator(results, SEARCH_PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request, "convening/search.html", {"query": query, "results": page}
    )
