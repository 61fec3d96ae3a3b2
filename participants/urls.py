from django.urls import path

from participants import views
from participants.attendance import views as attendance

app_name = "participants"
urlpatterns = [
    path("registrations/", views.my_registrations, name="registrations"),
    path("registrations/<id:pk>/", views.registration_view, name="registration"),
    path("registrations/<id:pk>/cancel/", views.cancel_view, name="cancel"),
    path(
        "registrations/<id:pk>/online/",
        views.take_online_place_view,
        name="take_online_place",
    ),
    path("registrations/<id:pk>/badge/", attendance.badge_view, name="badge"),
    path("registrations/<id:pk>/badge.pdf", attendance.badge_pdf, name="badge_pdf"),
    path(
        "registrations/<id:pk>/certificate.pdf",
        attendance.certificate_pdf,
        name="certificate_pdf",
    ),
    path("profile/", views.profile_view, name="profile"),
    path("data/", views.my_data_view, name="my_data"),
    path("data.json", views.my_data_download, name="my_data_download"),
]
