"""TeamMember moves here from students. Its table stays where it is for now (state
only); 0002 renames the table and its index once nothing refers to students.TeamMember."""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('students', '0002_member_language'),
        ('workspaces', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='TeamMember',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=120, verbose_name='name')),
                        ('role', models.CharField(choices=[('general_ed', 'General education teacher'), ('special_ed', 'Special education teacher'), ('case_manager', 'Case manager'), ('speech', 'Speech-language pathologist'), ('ot', 'Occupational therapist'), ('pt', 'Physical therapist'), ('psychologist', 'School psychologist'), ('administrator', 'Administrator'), ('para', 'Paraprofessional'), ('counselor', 'Counselor'), ('outside_therapist', 'Outside therapist'), ('advocate', 'Advocate'), ('parent', 'Parent / guardian'), ('other', 'Other')], max_length=20, verbose_name='role')),
                        ('role_other', models.CharField(blank=True, help_text='For example: nurse.', max_length=120, verbose_name='role, if other')),
                        ('email', models.EmailField(blank=True, max_length=254, verbose_name='email')),
                        ('phone', models.CharField(blank=True, max_length=40, verbose_name='phone')),
                        ('preferred_channel', models.CharField(choices=[('email', 'Email'), ('phone', 'Phone'), ('in_person', 'In person'), ('pickup', 'Pick-up chat'), ('notebook', 'Communication notebook'), ('video', 'Video'), ('text', 'Text / app'), ('letter', 'Letter'), ('meeting', 'Meeting')], default='email', max_length=12, verbose_name='preferred channel')),
                        ('language', models.CharField(choices=[('en', 'English'), ('es', 'Spanish')], default='en', help_text='Drafts written to them start in this language.', max_length=8, verbose_name='language for messages')),
                        ('best_times', models.CharField(blank=True, help_text='For example: after 3:15 pm, not on Mondays.', max_length=200, verbose_name='best times to reach')),
                        ('communication_style', models.TextField(blank=True, max_length=2000, verbose_name='communication style')),
                        ('constraints', models.TextField(blank=True, help_text='Caseload, schedule, anything that limits what they can do.', max_length=2000, verbose_name='constraints')),
                        ('strengths', models.TextField(blank=True, max_length=2000, verbose_name='strengths noticed')),
                        ('cadence_days', models.PositiveSmallIntegerField(default=14, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(365)], verbose_name='check in every (days)')),
                        ('active', models.BooleanField(default=True, verbose_name='active')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('workspace', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='team_members', to='workspaces.workspace')),
                    ],
                    options={
                        'verbose_name': 'team member',
                        'verbose_name_plural': 'team members',
                        'ordering': ['name', 'pk'],
                        'db_table': 'students_teammember',
                        'indexes': [models.Index(fields=['workspace', 'active', 'name'], name='students_te_workspa_5b96aa_idx')],
                    },
                ),
            ],
        ),
    ]
