"""The record of access: an UPDATE is refused except the one the ORM makes when a user is
deleted (user_id set to NULL; `who` keeps their address), and a DELETE unless
`workspaces_deletion_permit` holds the row's workspace, as for log revisions (log 0010):
the record goes only with its whole workspace, through `workspace_delete`.
"""

from django.db import migrations

REFUSE_UPDATE = "the record of access is never changed"
REFUSE_DELETE = "the record of access is removed only with its whole workspace"
KEPT = ("id", "workspace_id", "who", "action", "what", "at")

SQLITE = [
    "DROP TRIGGER IF EXISTS access_record_no_update",
    f"""
    CREATE TRIGGER access_record_no_update BEFORE UPDATE ON workspaces_accessrecord
    WHEN NOT (
        OLD.user_id IS NOT NULL AND NEW.user_id IS NULL
        AND {" AND ".join(f"NEW.{c} IS OLD.{c}" for c in KEPT)}
    )
    BEGIN SELECT RAISE(ABORT, '{REFUSE_UPDATE}'); END
    """,
    f"""
    CREATE TRIGGER access_record_no_delete BEFORE DELETE ON workspaces_accessrecord
    WHEN NOT EXISTS (
        SELECT 1 FROM workspaces_deletion_permit WHERE workspace_id = OLD.workspace_id
    )
    BEGIN SELECT RAISE(ABORT, '{REFUSE_DELETE}'); END
    """,
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS access_record_no_delete",
    "DROP TRIGGER IF EXISTS access_record_no_update",
    """CREATE TRIGGER access_record_no_update BEFORE UPDATE ON workspaces_accessrecord
    BEGIN SELECT RAISE(ABORT, 'the record of access is append-only'); END""",
]
POSTGRESQL = [
    "DROP TRIGGER IF EXISTS access_record_no_update ON workspaces_accessrecord",
    "DROP FUNCTION IF EXISTS access_record_no_update()",
    f"""
    CREATE FUNCTION access_record_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        kept workspaces_accessrecord;
    BEGIN
        IF OLD.user_id IS NOT NULL AND NEW.user_id IS NULL THEN
            kept := NEW;
            kept.user_id := OLD.user_id;
            IF kept IS NOT DISTINCT FROM OLD THEN
                RETURN NEW;
            END IF;
        END IF;
        RAISE EXCEPTION '{REFUSE_UPDATE}' USING ERRCODE = 'restrict_violation';
    END
    $$
    """,
    f"""
    CREATE FUNCTION access_record_refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$
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
    """CREATE TRIGGER access_record_no_update BEFORE UPDATE ON workspaces_accessrecord
    FOR EACH ROW EXECUTE FUNCTION access_record_refuse_update()""",
    """CREATE TRIGGER access_record_no_delete BEFORE DELETE ON workspaces_accessrecord
    FOR EACH ROW EXECUTE FUNCTION access_record_refuse_delete()""",
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS access_record_no_delete ON workspaces_accessrecord",
    "DROP TRIGGER IF EXISTS access_record_no_update ON workspaces_accessrecord",
    "DROP FUNCTION IF EXISTS access_record_refuse_delete()",
    "DROP FUNCTION IF EXISTS access_record_refuse_update()",
    """CREATE FUNCTION access_record_no_update() RETURNS trigger AS $$
    BEGIN RAISE EXCEPTION 'the record of access is append-only'; END;
    $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER access_record_no_update BEFORE UPDATE ON workspaces_accessrecord
    FOR EACH ROW EXECUTE FUNCTION access_record_no_update()""",
]


def run(statements):
    def apply(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("workspaces", "0006_access_record")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        )
    ]
