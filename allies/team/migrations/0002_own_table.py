from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('team', '0001_initial'),
        ('students', '0003_team_moved'),
    ]

    operations = [
        migrations.AlterModelTable(name='teammember', table=None),
        migrations.RenameIndex(
            model_name='teammember',
            new_name='team_member_active',
            old_name='students_te_workspa_5b96aa_idx',
        ),
    ]
