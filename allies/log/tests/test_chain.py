"""The chain you can verify: its head on the workspace, the database refusing changes to
revisions, and `chain_verify` naming the first break."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from allies.log.chain import GENESIS_HASH
from allies.log.models import InteractionRevision
from allies.log.services import interaction_edit, interaction_withdraw
from allies.workspaces.models import DeletionPermit, Workspace
from allies.workspaces.services import membership_add, workspace_delete
from tests.support import make_entry, make_member, make_user, make_workspace


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


# The database refuses to change or remove revisions, on SQLite and PostgreSQL alike.


def _raw(sql: str, params: list[Any]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE log_interactionrevision SET data = '{}' WHERE id = %s",
        "UPDATE log_interactionrevision SET hash = prev_hash WHERE id = %s",
        "UPDATE log_interactionrevision SET author_label = 'someone@else' WHERE id = %s",
        "UPDATE log_interactionrevision SET seq = seq + 100 WHERE id = %s",
        "DELETE FROM log_interactionrevision WHERE id = %s",
    ],
)
def test_the_database_refuses_to_change_or_remove_a_revision(
    alice: Any, workspace: Any, member: Any, sql: str
) -> None:
    revision = make_entry(workspace, alice, [member], summary="As said.").revisions.get()
    before = InteractionRevision.objects.filter(pk=revision.pk).values().get()
    with pytest.raises(IntegrityError, match="log revisions are"), transaction.atomic():
        _raw(sql, [revision.pk])
    assert InteractionRevision.objects.filter(pk=revision.pk).values().get() == before


def test_the_orm_cannot_change_or_remove_a_revision_either(
    alice: Any, workspace: Any, member: Any
) -> None:
    entry = make_entry(workspace, alice, [member])
    revision = entry.revisions.get()
    revision.reason = "Rewritten."
    with pytest.raises(IntegrityError), transaction.atomic():
        revision.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        InteractionRevision.objects.filter(workspace=workspace).delete()
    assert InteractionRevision.objects.filter(pk=revision.pk, reason="").exists()


def test_a_deleted_user_leaves_their_revisions_sealed_under_their_address(
    workspace: Any, member: Any
) -> None:
    writer = make_user("writer@example.com")
    membership_add(workspace=workspace, user=writer, role="editor")
    revision = make_entry(workspace, writer, [member]).revisions.get()
    writer.delete()  # SET_NULL on the author: the one update the database lets through
    revision.refresh_from_db()
    assert revision.author_id is None and revision.author_label == "writer@example.com"


def test_the_author_may_only_be_cleared_not_changed(
    alice: Any, erin: Any, workspace: Any, member: Any
) -> None:
    revision = make_entry(workspace, alice, [member]).revisions.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        _raw(
            "UPDATE log_interactionrevision SET author_id = %s WHERE id = %s",
            [erin.pk, revision.pk],
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        _raw(
            "UPDATE log_interactionrevision SET author_id = NULL, reason = 'x' WHERE id = %s",
            [revision.pk],
        )


def test_the_update_trigger_names_every_column_of_a_revision() -> None:
    trigger = importlib.import_module("allies.log.migrations.0010_revisions_only_added")
    columns = {f.column for f in InteractionRevision._meta.concrete_fields}
    assert columns == {*trigger.KEPT, "author_id"}, "a new column must be kept by the trigger"


def test_deleting_a_whole_workspace_removes_its_log_and_nothing_else(
    alice: Any, workspace: Any, member: Any, oscar: Any
) -> None:
    make_entry(workspace, alice, [member])
    theirs = oscar.memberships.get().workspace
    make_entry(theirs, oscar, [make_member(theirs, "Mr. Other")])
    workspace_delete(workspace=workspace)
    assert not InteractionRevision.objects.filter(workspace_id=workspace.pk).exists()
    assert InteractionRevision.objects.filter(workspace=theirs).count() == 1
    assert not DeletionPermit.objects.exists(), "the permit must not outlive the deletion"
    # and the other workspace's revisions are still refused
    with pytest.raises(IntegrityError), transaction.atomic():
        InteractionRevision.objects.filter(workspace=theirs).delete()


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_log_and_leaves_no_permit_behind() -> None:
    owner = make_user("flush@example.com")
    ws = make_workspace(owner)
    make_entry(ws, owner, [make_member(ws, "Ms. Flush")])
    call_command("flush", interactive=False, verbosity=0)
    assert not InteractionRevision.objects.exists()
    assert not Workspace.objects.exists()
    assert not DeletionPermit.objects.exists()
