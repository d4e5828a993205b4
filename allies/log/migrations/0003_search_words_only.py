"""PostgreSQL: index the summary split into words the way SQLite's FTS5 splits it.

The 'simple' parser alone keeps e-mail addresses and URLs whole and drops text between
"<" and ">", so a word found on SQLite could be missed on PostgreSQL. The expression
here must match allies.log.search.summary_vector() for the index to be used.
"""

from django.db import migrations

FORWARD = [
    "DROP INDEX IF EXISTS log_interaction_summary_fts",
    "CREATE INDEX log_interaction_summary_words ON log_interaction USING gin "
    "(to_tsvector('simple'::regconfig, "
    "COALESCE(regexp_replace(summary, '[^[:alnum:]]+', ' ', 'g'), '')))",
]
BACKWARD = [
    "DROP INDEX IF EXISTS log_interaction_summary_words",
    "CREATE INDEX log_interaction_summary_fts ON log_interaction "
    "USING gin (to_tsvector('simple'::regconfig, COALESCE(summary, '')))",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("log", "0002_fulltext")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
