"""Store every address in one spelling (see allies.accounts.emails.normalize_email).

Addresses that would become another account's address are left as they were, and said
so: which of the two accounts to keep is a person's decision, not a migration's.
"""

from collections import defaultdict

from django.db import migrations

from allies.accounts.emails import normalize_email

EMAIL_MAX = 254


def normalise_emails(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    users = User.objects.using(schema_editor.connection.alias)
    by_spelling = defaultdict(list)
    for pk, email in users.values_list("pk", "email"):
        by_spelling[normalize_email(email)].append((pk, email))
    skipped = []
    for spelling, rows in by_spelling.items():
        changing = [(pk, email) for pk, email in rows if email != spelling]
        if not changing:
            continue
        if len(rows) > 1 or len(spelling) > EMAIL_MAX:
            skipped.extend(changing)
            continue
        ((pk, _email),) = changing
        users.filter(pk=pk).update(email=spelling)
    if skipped:
        listed = ", ".join(f"{pk} ({email})" for pk, email in sorted(skipped))
        print(
            f"\n  accounts: {len(skipped)} email address(es) left as they were, because "
            f"normalised they would be the same as another account's: user {listed}"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_digest_setting"),
    ]

    operations = [
        migrations.RunPython(normalise_emails, migrations.RunPython.noop, elidable=True),
    ]
