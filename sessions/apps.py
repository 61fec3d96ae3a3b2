from django.apps import AppConfig


class SessionsConfig(AppConfig):
    name = "sessions"
    # "sessions" is django.contrib.sessions' label; Wagtail then looks for templates
    # under programme/, so our page types name their template explicitly.
    label = "programme"
    verbose_name = "Programme"
