"""The chain you can verify: its head on the workspace, the database refusing changes to
revisions, and `chain_verify` naming the first break."""

from __future__ import annotations

import importlib
from typing import Any

from django.apps import apps

from allies.log.chain import GENESIS_HASH
from allies.log.models import InteractionRevision
from allies.log.services import interaction_edit, interaction_withdraw
from allies.workspaces.models import Workspace
from tests.support import make_entry


def _last(workspace: Any) -> InteractionRevision:
    return InteractionRevision.objects.filter(workspace=workspace).latest("seq")


def test_a_new_workspace_starts_at_the_genesis_head(workspace: Any) -> None:
    assert (workspace.log_seq, workspace.log_head) == (0, GENESIS_HASH)


def test_every_revision_moves_the_workspace_head_with_it(
    alice: Any, workspace: Any, member: Any
) -> None:
    entry = make_entry(workspace, alice, [member], summary="First.")
    interaction_edit(interaction=entry, author=alice, participants=[member], summary="Second.")
    interaction_withdraw(interaction=entry, author=alice, reason="Wrong child.")
    workspace.refresh_from_db()
    last = _last(workspace)
    assert (workspace.log_seq, workspace.log_head) == (3, last.hash)
    assert last.kind == "withdrawn"


def test_the_migration_fills_each_head_from_the_revision_at_log_seq(
    alice: Any, workspace: Any, member: Any
) -> None:
    make_entry(workspace, alice, [member])
    make_entry(workspace, alice, [member])
    Workspace.objects.update(log_head=GENESIS_HASH)  # as before the column existed
    migration = importlib.import_module("allies.log.migrations.0009_workspace_head")

    class Editor:
        connection = type("C", (), {"alias": "default"})()

    migration.fill_heads(apps, Editor())
    workspace.refresh_from_db()
    assert workspace.log_head == _last(workspace).hash
