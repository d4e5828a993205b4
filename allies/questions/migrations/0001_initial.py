"""The question bank's models move here from the toolkit, so that the meetings app (a
layer below the toolkit) can read the questions picked for a student. Their tables stay
where they are for now (state only); 0002 renames the tables and the index once the
toolkit has forgotten the models (toolkit/0003). Constraint names do not change."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('toolkit', '0002_question_search_text'),
        ('students', '0005_strengths_and_needs'),
        ('workspaces', '0002_invitation'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='CustomQuestion',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('category', models.CharField(max_length=24, verbose_name='category')),
                        ('text', models.CharField(max_length=500, verbose_name='question')),
                        ('search_text', models.CharField(default='', editable=False, max_length=1000)),
                        ('favourite', models.BooleanField(default=False)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
                    ],
                    options={
                        'ordering': ['created_at', 'pk'],
                        'db_table': 'toolkit_customquestion',
                        'indexes': [models.Index(fields=['workspace', 'category'], name='toolkit_cus_workspa_13c18c_idx')],
                    },
                ),
                migrations.CreateModel(
                    name='FavouriteQuestion',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('key', models.CharField(max_length=40)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='workspaces.workspace')),
                    ],
                    options={
                        'db_table': 'toolkit_favouritequestion',
                        'constraints': [models.UniqueConstraint(fields=('workspace', 'key'), name='one_favourite_per_question')],
                    },
                ),
                migrations.CreateModel(
                    name='MeetingQuestion',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('key', models.CharField(blank=True, max_length=40)),
                        ('added_at', models.DateTimeField(auto_now_add=True)),
                        ('added_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('custom', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, to='questions.customquestion')),
                        ('student', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='meeting_questions', to='students.student')),
                    ],
                    options={
                        'ordering': ['added_at', 'pk'],
                        'db_table': 'toolkit_meetingquestion',
                        'constraints': [
                            models.CheckConstraint(condition=models.Q(models.Q(('key', ''), ('custom__isnull', False)), models.Q(models.Q(('key', ''), _negated=True), ('custom__isnull', True)), _connector='OR'), name='meeting_question_from_bank_or_own'),
                            models.UniqueConstraint(condition=models.Q(('key', ''), _negated=True), fields=('student', 'key'), name='bank_question_once_per_student'),
                            models.UniqueConstraint(condition=models.Q(('custom__isnull', False)), fields=('student', 'custom'), name='own_question_once_per_student'),
                        ],
                    },
                ),
            ],
        ),
    ]
