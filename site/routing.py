"""Websocket routes of every app, served behind the origin check and the session auth in
convening.asgi."""

from sessions.qa.routing import websocket_urlpatterns as qa_routes

websocket_urlpatterns = [*qa_routes]
