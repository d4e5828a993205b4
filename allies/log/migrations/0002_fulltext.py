"""Full-text search over summaries, by database.

SQLite: an FTS5 table with external content, kept in step by triggers (unicode61 folds
case and accents; no stemming). PostgreSQL: a GIN index on the 'simple' tsvector, the
same expression that allies.log.search queries with.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE log_interaction_fts USING fts5(
        summary, content='log_interaction', content_rowid='id', tokenize='unicode61'
    )""",
    """CREATE TRIGGER log_interaction_fts_ai AFTER INSERT ON log_interaction BEGIN
        INSERT INTO log_interaction_fts(rowid, summary) VALUES (new.id, new.summary);
    END""",
    """CREATE TRIGGER log_interaction_fts_ad AFTER DELETE ON log_interaction BEGIN
        INSERT INTO log_interaction_fts(log_interaction_fts, rowid, summary)
        VALUES ('delete', old.id, old.summary);
    END""",
    """CREATE TRIGGER log_interaction_fts_au AFTER UPDATE OF summary ON log_interaction BEGIN
        INSERT INTO log_interaction_fts(log_interaction_fts, rowid, summary)
        VALUES ('delete', old.id, old.summary);
        INSERT INTO log_interaction_fts(rowid, summary) VALUES (new.id, new.summary);
    END""",
    "INSERT INTO log_interaction_fts(log_interaction_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS log_interaction_fts_au",
    "DROP TRIGGER IF EXISTS log_interaction_fts_ad",
    "DROP TRIGGER IF EXISTS log_interaction_fts_ai",
    "DROP TABLE IF EXISTS log_interaction_fts",
]
POSTGRES_FORWARD = [
    "CREATE INDEX log_interaction_summary_fts ON log_interaction "
    "USING gin (to_tsvector('simple'::regconfig, COALESCE(summary, '')))",
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS log_interaction_summary_fts"]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("log", "0001_initial")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
