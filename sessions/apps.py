from django.apps import AppConfig


class SessionsConfig(AppConfig):
    name = "sessions"
    # "sessions" is django.contrib.sessions' label; Wagtail then looks for templates
    # under programme/, so our page types name their template explicitly.
    label = "programme"
    verbose_name = "Programme"

    def ready(self):
        from wagtail.signals import page_published

        from sessions.changes import on_session_published
        from sessions.models import SessionPage

        # Changes are derived from what is published, never from drafts.
        page_published.connect(on_session_published, sender=SessionPage)
