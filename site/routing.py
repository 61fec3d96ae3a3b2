"""Websocket routes of every app, served behind the origin check and the session auth in
convening.asgi. The live Q&A adds its route here."""

websocket_urlpatterns = []
