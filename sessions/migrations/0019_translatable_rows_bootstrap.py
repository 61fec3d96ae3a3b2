"""Guiding questions, takeaways, calls to action and call criteria become translatable
rows (toolkit.page_languages.TranslatableRow): each existing row is given its own
translation key and its page's language."""

import uuid

import django.db.models.deletion
from django.db import migrations, models

ROWS = {
    "guidingquestion": "session",
    "reporttakeaway": "report",
    "calltoaction": "report",
    "callcriterion": "call",
}


def bootstrap(apps, schema_editor):
    for model_name, page in ROWS.items():
        model = apps.get_model("programme", model_name)
        for pk, locale_id in model.objects.values_list("pk", f"{page}__locale"):
            model.objects.filter(pk=pk).update(
                locale_id=locale_id, translation_key=uuid.uuid4()
            )


def add_fields(model_name):
    return [
        migrations.AddField(
            model_name=model_name,
            name="locale",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
            ),
        ),
        migrations.AddField(
            model_name=model_name,
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
    ]


class Migration(migrations.Migration):
    dependencies = [
        ("programme", "0018_verbose_names"),
        ("wagtailcore", "0098_apitoken"),
        ("convening", "0005_locales"),
    ]

    operations = [
        *(operation for model_name in ROWS for operation in add_fields(model_name)),
        migrations.RunPython(bootstrap, migrations.RunPython.noop),
    ]
