"""Wagtail's default review workflow and task are both called "Moderators approval",
which organisers read as the Q&A's moderators. They are named for what they do: a
rapporteur's report (or any page its author may not publish) waits for an organiser
who may publish it. Only Wagtail's default names are changed; renamed ones are kept."""

from django.db import migrations

OLD = "Moderators approval"
WORKFLOW = "Review before publishing"
TASK = "An organiser reviews and publishes"


def rename(apps, schema_editor, names):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    (workflow_from, workflow_to), (task_from, task_to) = names
    Workflow.objects.filter(name=workflow_from).update(name=workflow_to)
    Task.objects.filter(name=task_from).update(name=task_to)


def forwards(apps, schema_editor):
    rename(apps, schema_editor, [(OLD, WORKFLOW), (OLD, TASK)])


def backwards(apps, schema_editor):
    rename(apps, schema_editor, [(WORKFLOW, OLD), (TASK, OLD)])


class Migration(migrations.Migration):
    dependencies = [
        ("programme", "0006_text_limits"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
