"""The outcome models move to their own app (convening.outcomes, label outcomes).
Only Django's record of them changes here: their tables and rows stay as they are and
outcomes 0001 takes them over."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0007_text_limits'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='outcomedocument',
                    name='document',
                ),
                migrations.RemoveField(
                    model_name='outcomedocument',
                    name='outcome',
                ),
                migrations.RemoveField(
                    model_name='outcomepage',
                    name='page_ptr',
                ),
                migrations.RemoveField(
                    model_name='outcomepage',
                    name='themes',
                ),
                migrations.RemoveField(
                    model_name='recommendation',
                    name='outcome',
                ),
                migrations.RemoveField(
                    model_name='recommendation',
                    name='group',
                ),
                migrations.RemoveField(
                    model_name='recommendation',
                    name='theme',
                ),
                migrations.DeleteModel(
                    name='KeyMessage',
                ),
                migrations.DeleteModel(
                    name='OutcomeDocument',
                ),
                migrations.DeleteModel(
                    name='OutcomePage',
                ),
                migrations.DeleteModel(
                    name='Recommendation',
                ),
            ],
            database_operations=[],
        ),
    ]
