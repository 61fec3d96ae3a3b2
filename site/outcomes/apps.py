from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "convening.outcomes"
    label = "outcomes"
    verbose_name = _("Outcomes")

    def ready(self):
        from wagtail.signals import page_published

        from convening.outcomes.models import OutcomePage, freeze_statistics

        page_published.connect(
            freeze_statistics, sender=OutcomePage, dispatch_uid="freeze-statistics"
        )
