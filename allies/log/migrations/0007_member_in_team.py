"""The log's references to team members point at team.TeamMember (same table)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('log', '0006_participation_current_index'),
        ('team', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='participation',
                    name='member',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.RESTRICT, to='team.teammember'),
                ),
                migrations.AlterField(
                    model_name='interaction',
                    name='participants',
                    field=models.ManyToManyField(related_name='interactions', through='log.Participation', to='team.teammember', verbose_name='with'),
                ),
            ],
        ),
    ]
