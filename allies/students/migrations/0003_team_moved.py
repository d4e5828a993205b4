"""TeamMember now lives in the team app (team/0001): forget it here, keep the table."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('students', '0002_member_language'),
        ('team', '0001_initial'),
        ('log', '0007_member_in_team'),
        ('relationships', '0002_member_in_team'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='TeamMember')],
        ),
    ]
