"""The database refuses to change or remove a log revision (issue 11).

UPDATE is refused, except the one the ORM makes when a user is deleted (author_id set to
NULL: the sealed author is `author_label`, which stays). DELETE is refused unless
`workspaces_deletion_permit` holds the revision's workspace: `workspace_delete` writes
that row in its own transaction. PostgreSQL's TRUNCATE (what `flush` uses there) is not
a row operation and is left alone; SQLite's `flush` issues DELETE, which the workspaces
`flush` command covers with a permit for every workspace.

The SQLite UPDATE trigger names every column: `test_chain` fails when a field is added
to InteractionRevision and not here. PostgreSQL compares whole rows.
"""

from django.db import migrations

REFUSE_UPDATE = "log revisions are never changed"
REFUSE_DELETE = "log revisions are removed only with their whole workspace"

# Every column but author_id, which may only become NULL (a user deleted).
KEPT = (
    "id",
    "workspace_id",
    "interaction_id",
    "seq",
    "number",
    "kind",
    "author_label",
    "recorded_at",
    "reason",
    "data",
    "prev_hash",
    "hash",
)

SQLITE = [
    f"""
    CREATE TRIGGER log_revision_no_update BEFORE UPDATE ON log_interactionrevision
    WHEN NOT (
        OLD.author_id IS NOT NULL AND NEW.author_id IS NULL
        AND {" AND ".join(f"NEW.{c} IS OLD.{c}" for c in KEPT)}
    )
    BEGIN SELECT RAISE(ABORT, '{REFUSE_UPDATE}'); END
    """,
    f"""
    CREATE TRIGGER log_revision_no_delete BEFORE DELETE ON log_interactionrevision
    WHEN NOT EXISTS (
        SELECT 1 FROM workspaces_deletion_permit WHERE workspace_id = OLD.workspace_id
    )
    BEGIN SELECT RAISE(ABORT, '{REFUSE_DELETE}'); END
    """,
]
SQLITE_REVERSE = [
    "DROP TRIGGER log_revision_no_update",
    "DROP TRIGGER log_revision_no_delete",
]

POSTGRESQL = [
    f"""
    CREATE FUNCTION log_revision_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        kept log_interactionrevision;
    BEGIN
        IF OLD.author_id IS NOT NULL AND NEW.author_id IS NULL THEN
            kept := NEW;
            kept.author_id := OLD.author_id;
            IF kept IS NOT DISTINCT FROM OLD THEN
                RETURN NEW;
            END IF;
        END IF;
        RAISE EXCEPTION '{REFUSE_UPDATE}' USING ERRCODE = 'restrict_violation';
    END
    $$
    """,
    f"""
    CREATE FUNCTION log_revision_refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF EXISTS (
            SELECT 1 FROM workspaces_deletion_permit WHERE workspace_id = OLD.workspace_id
        ) THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION '{REFUSE_DELETE}' USING ERRCODE = 'restrict_violation';
    END
    $$
    """,
    """
    CREATE TRIGGER log_revision_no_update BEFORE UPDATE ON log_interactionrevision
    FOR EACH ROW EXECUTE FUNCTION log_revision_refuse_update()
    """,
    """
    CREATE TRIGGER log_revision_no_delete BEFORE DELETE ON log_interactionrevision
    FOR EACH ROW EXECUTE FUNCTION log_revision_refuse_delete()
    """,
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER log_revision_no_update ON log_interactionrevision",
    "DROP TRIGGER log_revision_no_delete ON log_interactionrevision",
    "DROP FUNCTION log_revision_refuse_update()",
    "DROP FUNCTION log_revision_refuse_delete()",
]


def install(apps, schema_editor):
    statements = {"sqlite": SQLITE, "postgresql": POSTGRESQL}[schema_editor.connection.vendor]
    for sql in statements:
        schema_editor.execute(sql)


def remove(apps, schema_editor):
    reverse = {"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}
    for sql in reverse[schema_editor.connection.vendor]:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("log", "0009_workspace_head"),
        ("workspaces", "0004_deletion_permit"),
    ]

    operations = [migrations.RunPython(install, remove)]
