from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from events.models import Country, Language, Region, Room, StakeholderGroup, Theme


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    list_display = ["name", "code", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]


class RoomViewSet(SnippetViewSet):
    model = Room
    icon = "home"
    list_display = ["name", "venue", "capacity"]
    search_fields = ["name", "venue"]


class LanguageViewSet(SnippetViewSet):
    model = Language
    icon = "openquote"
    list_display = ["name", "code"]


class StakeholderGroupViewSet(SnippetViewSet):
    model = StakeholderGroup
    icon = "group"
    list_display = ["name", "sort_order"]


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "globe"
    list_display = ["name", "code"]


class CountryViewSet(SnippetViewSet):
    model = Country
    icon = "site"
    list_display = ["code", "region", "ldc", "lldc", "sids"]
    list_filter = ["region", "ldc", "lldc", "sids"]
    list_per_page = 50


class ReferenceDataGroup(SnippetViewSetGroup):
    menu_label = _("Reference data")
    menu_icon = "list-ul"
    menu_order = 300
    items = (
        ThemeViewSet,
        RoomViewSet,
        LanguageViewSet,
        StakeholderGroupViewSet,
        RegionViewSet,
        CountryViewSet,
    )


register_snippet(ReferenceDataGroup)
