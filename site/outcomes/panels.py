"""The outcome's edit form shows the participation figures as they were frozen at its
first publish (read-only: nobody edits them), or says that they will be."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import HelpPanel

from convening.outcomes.display import tables
from convening.outcomes.statistics import SMALL_GROUP, published, rule


class FrozenFiguresPanel(HelpPanel):
    def __init__(self, **kwargs):
        kwargs.setdefault("template", "outcomes/admin/frozen_figures.html")
        kwargs.setdefault("heading", _("Participation figures"))
        super().__init__(**kwargs)

    class BoundPanel(HelpPanel.BoundPanel):
        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            outcome = self.instance
            statistics = published(outcome.statistics or {})
            return context | {
                "page": outcome,
                "statistics": statistics,
                "tables": tables(statistics),
                "statistics_rule": rule(),
                "small_group": SMALL_GROUP,
            }
