from django.urls import path

from participants.attendance import views

app_name = "attendance"
urlpatterns = [
    path("check-in/<id:event_id>/", views.desk, name="desk"),
    path("check-in/<id:event_id>/list.json", views.desk_list, name="desk_list"),
    path("check-in/<id:event_id>/sync/", views.desk_sync, name="desk_sync"),
    path("check-in/<id:event_id>/walk-in/", views.walk_in, name="walk_in"),
    path("certificates/<str:code>/", views.certificate_check, name="certificate"),
]
