from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SessionsConfig(AppConfig):
    name = "sessions"
    # "sessions" is django.contrib.sessions' label; Wagtail then looks for templates
    # under programme/, so our page types name their template explicitly.
    label = "programme"
    verbose_name = _("Programme")

    def ready(self):
        from wagtail.signals import page_published

        from sessions.changes import on_session_published
        from sessions.models import SessionPage

        # Changes are derived from what is published, never from drafts.
        page_published.connect(on_session_published, sender=SessionPage)

        from django.db.models.signals import post_save

        from sessions.models import Person
        from sessions.reports.services import sync_rapporteurs_group

        # Rapporteurs reach the admin through a group, so that checking anyone's
        # admin access stays within the permission query Django caches per request.
        page_published.connect(sync_rapporteurs_group, sender=SessionPage)
        post_save.connect(sync_rapporteurs_group, sender=Person)

        from participants.personal_data import register_section
        from sessions.personal_data import SECTIONS

        # The "My data" download holds what the programme keeps about a person too.
        for name, build in SECTIONS.items():
            register_section(name, build)

        from sessions import routes
        from sessions.qa import signals as qa_signals

        routes.connect()

        from sessions import reminders

        # Mail to participants learns of agendas and sessions from here.
        reminders.connect()

        from sessions import attendance

        # Certificates of attendance name the sessions and roles from here.
        attendance.connect()

        # A moderator who loses the role stops seeing what only moderators see.
        qa_signals.connect()
