"""A Wagtail locale for each of the six languages, so that pages can be translated
into any of them. The first locale (made by Wagtail's own migration from the
LANGUAGE_CODE of its day) becomes English, the source of every page."""

from django.conf import settings
from django.db import migrations


def add_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore.Locale")
    codes = [code for code, _name in settings.LANGUAGES]
    source = Locale.objects.order_by("pk").first()
    if source is not None and source.language_code not in codes:
        source.language_code = settings.LANGUAGE_CODE
        source.save(update_fields=["language_code"])
    for code in codes:
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [
        ("convening", "0004_verbose_names"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(add_locales, migrations.RunPython.noop)]
