from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConveningConfig(AppConfig):
    name = "convening"
    label = "convening"
    verbose_name = _("Site")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save
        from django.urls import register_converter
        from wagtail.models import Page, PageViewRestriction
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from toolkit import ids, page_cache, spreadsheets

        # Before any URLconf or websocket route is built with `<id:>`.
        register_converter(ids.IdConverter, "id")
        spreadsheets.guard_wagtail_exports()

        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(page_cache.invalidate, dispatch_uid="page-cache")
        post_delete.connect(
            page_cache.invalidate, sender=Page, dispatch_uid="page-cache"
        )
        # Who may read a page: a cached copy of a page made private must go at once.
        for signal in (post_save, post_delete):
            signal.connect(
                page_cache.visibility_changed,
                sender=PageViewRestriction,
                dispatch_uid="page-cache-restriction",
            )
        m2m_changed.connect(
            page_cache.visibility_changed,
            sender=PageViewRestriction.groups.through,
            dispatch_uid="page-cache-restriction-groups",
        )
        # Reference data that public pages print by name.
        for label in (
            "events.StakeholderGroup",
            "events.Region",
            "events.Country",
            "events.Theme",
            "events.Room",
            "events.Language",
            "programme.Person",
            "convening.SiteSettings",
            "convening.SiteWords",
        ):
            model = self.apps.get_model(label)
            uid = f"page-cache-{label}"
            for signal in (post_save, post_delete):
                signal.connect(page_cache.invalidate, sender=model, dispatch_uid=uid)
