"""The outcome models, made in the events app (events 0005-0007), are taken over with
their tables: this migration records them here and moves their content types, so pages,
revisions and permissions keep pointing at the same rows."""

import django.core.validators
import django.db.models.deletion
import modelcluster.fields
import wagtail.contrib.routable_page.models
import wagtail.fields
import wagtail.rich_text
from django.conf import settings
from django.db import migrations, models


MODELS = ("outcomepage", "keymessage", "recommendation", "outcomedocument")


def move_content_types(from_label, to_label):
    def move(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        for model in MODELS:
            old = ContentType.objects.filter(app_label=from_label, model=model)
            if old.exists():
                # A fresh row made for the new label would hold nothing yet.
                ContentType.objects.filter(app_label=to_label, model=model).delete()
                old.update(app_label=to_label)

    return move


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ('events', '0008_outcomes_move_to_their_app'),
        ('programme', '0006_text_limits'),
        ('wagtailcore', '0098_apitoken'),
        ('wagtaildocs', '0014_alter_document_file_size'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='OutcomePage',
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ('executive_summary', wagtail.fields.RichTextField(max_length=10000, validators=[wagtail.rich_text.RichTextMaxLengthValidator(10000)])),
                        ('achievements', wagtail.fields.RichTextField(blank=True, max_length=5000, validators=[wagtail.rich_text.RichTextMaxLengthValidator(5000)])),
                        ('challenges', wagtail.fields.RichTextField(blank=True, max_length=5000, validators=[wagtail.rich_text.RichTextMaxLengthValidator(5000)])),
                        ('licence', models.CharField(default='Creative Commons Attribution 4.0 International (CC BY 4.0)', help_text='Stated on the page and in its open data.', max_length=200)),
                        ('licence_url', models.URLField(blank=True, default='https://creativecommons.org/licenses/by/4.0/')),
                        ('statistics', models.JSONField(default=dict, editable=False)),
                        ('statistics_frozen_at', models.DateTimeField(editable=False, null=True)),
                        ('themes', modelcluster.fields.ParentalManyToManyField(blank=True, related_name='outcomes', to='events.theme')),
                    ],
                    options={
                        'verbose_name': 'outcome summary',
                        'db_table': 'events_outcomepage',
                    },
                    bases=(wagtail.contrib.routable_page.models.RoutablePageMixin, 'wagtailcore.page'),
                ),
                migrations.CreateModel(
                    name='OutcomeDocument',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                        ('title', models.CharField(blank=True, max_length=200)),
                        ('document', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='wagtaildocs.document')),
                        ('outcome', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='documents', to='outcomes.outcomepage')),
                    ],
                    options={
                        'db_table': 'events_outcomedocument',
                        'ordering': ['sort_order'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='KeyMessage',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                        ('text', models.TextField(blank=True, help_text='Leave empty to use the takeaway as it is.', max_length=600, validators=[django.core.validators.MaxLengthValidator(600)])),
                        ('takeaway', models.ForeignKey(blank=True, help_text="A session report's takeaway to start from.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='programme.reporttakeaway')),
                        ('outcome', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='key_messages', to='outcomes.outcomepage')),
                    ],
                    options={
                        'db_table': 'events_keymessage',
                        'ordering': ['sort_order'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='Recommendation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                        ('text', models.TextField(max_length=1000, validators=[django.core.validators.MaxLengthValidator(1000)])),
                        ('addressee', models.CharField(blank=True, help_text='Who should act, if anyone in particular.', max_length=200)),
                        ('deadline', models.DateField(blank=True, null=True)),
                        ('group', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='events.stakeholdergroup', verbose_name='stakeholder group')),
                        ('outcome', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='recommendations', to='outcomes.outcomepage')),
                        ('theme', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='recommendations', to='events.theme')),
                    ],
                    options={
                        'db_table': 'events_recommendation',
                        'ordering': ['sort_order'],
                        'abstract': False,
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(
            move_content_types("events", "outcomes"),
            move_content_types("outcomes", "events"),
        ),
    ]
