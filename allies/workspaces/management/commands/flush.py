"""Django's `flush`, which also empties the log's history.

The database refuses to remove a log revision unless its workspace is being deleted
(migration log 0010). Flushing deletes every workspace, so for its duration every
workspace holds a deletion permit, in the same transaction, removed at its end. Without
this, SQLite (whose flush is one DELETE per table, which row triggers see) could not be
flushed, and the test suite flushes after every transactional and browser test.
PostgreSQL's flush is a TRUNCATE, which needs no permit.
"""

from __future__ import annotations

from typing import Any

from django.core.management.commands import flush
from django.db import connections, transaction


class Command(flush.Command):
    def handle(self, **options: Any) -> None:
        connection = connections[options["database"]]
        if "workspaces_deletion_permit" not in connection.introspection.table_names():
            super().handle(**options)  # not migrated that far: no triggers either
            return
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO workspaces_deletion_permit (workspace_id)"
                " SELECT id FROM workspaces_workspace"
            )
            super().handle(**options)
            cursor.execute("DELETE FROM workspaces_deletion_permit")
