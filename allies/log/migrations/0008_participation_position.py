"""Each entry's people get a place, the order they were ticked in (Participation.position).

Entries saved before had no order and showed their people by name, so that is the order
they keep: the database sorts them (by name, then id, as the pages did), so the order is
the one each database showed, SQLite's and PostgreSQL's alike.
"""

from django.db import migrations, models

BATCH = 1000


def number_by_name(apps, schema_editor):
    Participation = apps.get_model("log", "Participation")
    rows = (
        Participation.objects.using(schema_editor.connection.alias)
        .order_by("interaction_id", "member__name", "member_id")
        .values_list("pk", "interaction_id")
    )
    changed = []
    entry, position = None, 0
    for pk, interaction_id in rows.iterator(chunk_size=BATCH):
        position = position + 1 if interaction_id == entry else 0
        entry = interaction_id
        if position:  # the first person of each entry keeps the default, 0
            changed.append(Participation(pk=pk, position=position))
    Participation.objects.using(schema_editor.connection.alias).bulk_update(
        changed, ["position"], batch_size=BATCH
    )


class Migration(migrations.Migration):

    dependencies = [
        ('log', '0007_member_in_team'),
    ]

    operations = [
        migrations.AddField(
            model_name='participation',
            name='position',
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.RunPython(number_by_name, migrations.RunPython.noop),
    ]
