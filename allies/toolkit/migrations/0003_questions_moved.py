"""The question bank's models now live in the questions app (questions/0001): forget them
here, keep their tables and rows."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('toolkit', '0002_question_search_text'),
        ('questions', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='MeetingQuestion'),
                migrations.DeleteModel(name='FavouriteQuestion'),
                migrations.DeleteModel(name='CustomQuestion'),
            ],
        ),
    ]
