from django.apps import AppConfig


class ConveningConfig(AppConfig):
    name = "convening"
    label = "convening"
    verbose_name = "Site"
