from django.urls import path

from sessions.qa.consumers import QuestionConsumer

websocket_urlpatterns = [
    path("ws/sessions/<id:session_id>/qa/", QuestionConsumer.as_asgi()),
]
