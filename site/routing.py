"""Websocket routes of every app, served behind the origin check and the session auth in
convening.asgi."""

from django.urls import re_path

from sessions.qa.routing import websocket_urlpatterns as qa_routes
from toolkit.ids import NoSuchSocket

websocket_urlpatterns = [
    *qa_routes,
    # Channels raises on a path no route matches (an id too large for `<id:>` too),
    # which ends the handshake as a server error: refuse it like an unknown session.
    re_path(r"", NoSuchSocket.as_asgi()),
]
