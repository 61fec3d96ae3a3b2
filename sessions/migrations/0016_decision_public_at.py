from django.db import migrations, models
from django.db.models import F


def decided_is_public(apps, schema_editor):
    """Decisions made before this field existed were shown and mailed at once."""
    Proposal = apps.get_model("programme", "Proposal")
    Proposal.objects.filter(decided_at__isnull=False).update(
        decision_public_at=F("decided_at")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("programme", "0015_calls"),
    ]

    operations = [
        migrations.AddField(
            model_name="proposal",
            name="decision_public_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(decided_is_public, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="callpage",
            name="decisions_on",
            field=models.DateField(
                blank=True,
                help_text="From the start of this day (in the event's time zone) the "
                "proposers see the decisions taken and are mailed them; a decision "
                "taken later goes at once. Empty: at once.",
                null=True,
                verbose_name="decisions published on",
            ),
        ),
    ]
