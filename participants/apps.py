from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipantsConfig(AppConfig):
    name = "participants"
    verbose_name = _("Participants")

    def ready(self):
        from allauth.mfa.models import Authenticator
        from allauth.mfa.signals import authenticator_used
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_delete, post_save, pre_delete
        from wagtail.signals import page_published

        from events.models import EventPage
        from participants.signals import (
            fill_new_seats,
            release_deleted_users_seats,
            sign_out_deleted_user,
            two_factor_set_up,
            two_factor_used,
        )
        from participants.views import register_view

        EventPage.routes.add("register/", register_view, "register")
        page_published.connect(fill_new_seats, sender=EventPage)
        pre_delete.connect(release_deleted_users_seats, sender=get_user_model())
        post_delete.connect(sign_out_deleted_user, sender=get_user_model())
        authenticator_used.connect(two_factor_used)
        post_save.connect(two_factor_set_up, sender=Authenticator)
