"""The question bank's tables take this app's names, now that the toolkit has forgotten
its models (toolkit/0003); the rows, their ids and the constraints stay as they are. The
index that had a generated name gets one that says what it is."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('questions', '0001_initial'),
        ('toolkit', '0003_questions_moved'),
    ]

    operations = [
        migrations.AlterModelTable(name='customquestion', table=None),
        migrations.AlterModelTable(name='favouritequestion', table=None),
        migrations.AlterModelTable(name='meetingquestion', table=None),
        migrations.RenameIndex(
            model_name='customquestion',
            new_name='custom_question_category',
            old_name='toolkit_cus_workspa_13c18c_idx',
        ),
    ]
