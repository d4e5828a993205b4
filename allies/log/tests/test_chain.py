"""The chain you can verify: its head on the workspace, the database refusing changes to
revisions, and `chain_verify` naming the first break."""

from __future__ import annotations

import datetime
import importlib
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from allies.log.chain import GENESIS_HASH, Break, chain_verify, revision_hash, sealed_payload
from allies.log.models import Interaction, InteractionRevision, Participation
from allies.log.services import interaction_edit, interaction_withdraw
from allies.log.tests.tamper import tampering
from allies.students.models import Student
from allies.team.models import TeamMember
from allies.workspaces.models import DeletionPermit, Workspace
from allies.workspaces.services import membership_add, workspace_delete
from tests.support import make_entry, make_member, make_user, make_workspace, seed_entries


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


# chain_verify names the first break and why.


@pytest.fixture
def history(alice: Any, workspace: Any, member: Any, student: Any) -> list[Any]:
    """Five revisions of three entries: created, edited, withdrawn, and a follow-up."""
    first = make_entry(workspace, alice, [member], summary="First.", student=student)
    second = make_entry(workspace, alice, [member], summary="Second.")
    interaction_edit(interaction=first, author=alice, participants=[member], tone="positive")
    interaction_withdraw(interaction=second, author=alice, reason="Duplicate.")
    make_entry(workspace, alice, [member], summary="Third.")
    return list(InteractionRevision.objects.filter(workspace=workspace).order_by("seq"))


def _verify(workspace: Any, **kwargs: Any) -> Any:
    return chain_verify(Workspace.objects.get(pk=workspace.pk), **kwargs)


def test_an_untouched_log_verifies_to_its_head(workspace: Any, history: list[Any]) -> None:
    result = _verify(workspace)
    assert result.ok, result
    assert (result.revisions, result.head_seq, result.head_hash) == (5, 5, history[-1].hash)
    assert result.message() == f"Verified 5 revisions, head 5:{history[-1].hash[:12]}."


def test_an_empty_log_verifies(workspace: Any) -> None:
    assert _verify(workspace).ok
    assert _verify(workspace).message() == "Verified 0 revisions, head 0:000000000000."


def test_other_workspaces_do_not_count(oscar: Any, workspace: Any, history: list[Any]) -> None:
    theirs = oscar.memberships.get().workspace
    make_entry(theirs, oscar, [make_member(theirs, "Mr. Other")])
    assert _verify(workspace).revisions == 5
    assert _verify(theirs).revisions == 1 and _verify(theirs).ok


def test_a_revision_rewritten_in_place_is_altered(workspace: Any, history: list[Any]) -> None:
    with tampering():
        InteractionRevision.objects.filter(pk=history[2].pk).update(reason="Nothing.")
    result = _verify(workspace)
    assert (result.problem, result.seq, result.revisions) == (Break.ALTERED, 3, 2)
    assert "Revision 3 was altered" in result.message()


def test_a_removed_revision_is_a_gap(workspace: Any, history: list[Any]) -> None:
    with tampering():
        InteractionRevision.objects.filter(pk=history[1].pk).delete()
    result = _verify(workspace)
    assert (result.problem, result.seq) == (Break.MISSING, 2)


def test_removing_the_newest_revisions_no_longer_leaves_a_valid_chain(
    workspace: Any, history: list[Any]
) -> None:
    with tampering():
        InteractionRevision.objects.filter(pk__in=[r.pk for r in history[3:]]).delete()
    result = _verify(workspace)
    assert (result.problem, result.seq, result.revisions) == (Break.HEAD, 4, 3)


def _reseal_from(workspace: Any, start: int, **change: Any) -> None:
    """Rewrite revision `start` and recompute every hash after it, as a forger would."""
    prev = GENESIS_HASH
    with tampering():
        for rev in InteractionRevision.objects.filter(workspace=workspace).order_by("seq"):
            if rev.seq == start:
                for field, value in change.items():
                    setattr(rev, field, value)
            if rev.seq >= start:
                rev.prev_hash = prev
                rev.hash = revision_hash(prev_hash=prev, payload=sealed_payload(rev))
                rev.save()
            prev = rev.hash


def test_a_rewritten_and_resealed_chain_no_longer_ends_at_the_head(
    workspace: Any, history: list[Any]
) -> None:
    _reseal_from(workspace, 2, data={**history[1].data, "summary": "Never said."})
    result = _verify(workspace)
    assert (result.problem, result.seq) == (Break.HEAD, 5)


def test_a_forger_who_also_moves_the_head_is_caught_by_a_checkpoint(
    workspace: Any, history: list[Any]
) -> None:
    checkpoint = (3, history[2].hash[:12])
    assert _verify(workspace, checkpoint=checkpoint).ok
    _reseal_from(workspace, 2, data={**history[1].data, "summary": "Never said."})
    Workspace.objects.filter(pk=workspace.pk).update(
        log_head=InteractionRevision.objects.get(workspace=workspace, seq=5).hash
    )
    assert _verify(workspace).ok  # the chain alone cannot tell
    result = _verify(workspace, checkpoint=checkpoint)
    assert (result.problem, result.seq) == (Break.CHECKPOINT, 3)


def test_a_checkpoint_past_the_head_is_not_extended(workspace: Any, history: list[Any]) -> None:
    result = _verify(workspace, checkpoint=(9, history[-1].hash))
    assert (result.problem, result.seq) == (Break.CHECKPOINT, 9)


def test_a_revision_sealed_after_another_is_reordered(workspace: Any, history: list[Any]) -> None:
    # Revision 4 resealed on its own, on a predecessor other than revision 3.
    rev = history[3]
    with tampering():
        rev.prev_hash = history[1].hash
        rev.hash = revision_hash(prev_hash=rev.prev_hash, payload=sealed_payload(rev))
        rev.save()
    result = _verify(workspace)
    assert (result.problem, result.seq) == (Break.REORDERED, 4)


def test_an_entrys_revisions_swapped_are_reordered(workspace: Any, history: list[Any]) -> None:
    # The first entry's two revisions (seq 1 and 3) swap numbers, and everything is
    # resealed, the head included: only the numbering within the entry tells.
    first, edit = history[0], history[2]
    with tampering():
        InteractionRevision.objects.filter(pk=first.pk).update(number=99)
        InteractionRevision.objects.filter(pk=edit.pk).update(number=1)
        InteractionRevision.objects.filter(pk=first.pk).update(number=2)
    _reseal_from(workspace, 1)
    Workspace.objects.filter(pk=workspace.pk).update(log_head=_last(workspace).hash)
    result = _verify(workspace)
    assert (result.problem, result.seq) == (Break.REORDERED, 1)


def test_a_summary_changed_behind_the_apps_back_is_caught(
    workspace: Any, history: list[Any]
) -> None:
    entry = history[4].interaction
    Interaction.objects.filter(pk=entry.pk).update(summary="What I wish was said.")
    result = _verify(workspace)
    assert (result.problem, result.entry, result.seq, result.field) == (
        Break.ENTRY,
        entry.pk,
        5,
        "summary",
    )
    assert "its summary was changed outside the app" in result.message()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"tone": "difficult"}, "tone"),
        ({"purposes": 0}, "purposes"),
        ({"follow_up_due": datetime.date(2030, 1, 1)}, "follow_up_due"),
        ({"student": None}, "student_id"),
        ({"withdrawn_at": datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC)}, "withdrawn"),
        ({"revision_count": 1}, "revision_count"),
    ],
)
def test_any_field_of_an_entry_changed_behind_the_apps_back_is_caught(
    workspace: Any, history: list[Any], change: dict[str, Any], field: str
) -> None:
    entry = history[2].interaction  # the first entry, edited: its latest is revision 3
    Interaction.objects.filter(pk=entry.pk).update(**change)
    result = _verify(workspace)
    assert (result.problem, result.entry, result.field) == (Break.ENTRY, entry.pk, field)


def test_a_withdrawn_entry_brought_back_behind_the_apps_back_is_caught(
    workspace: Any, history: list[Any]
) -> None:
    entry = history[3].interaction
    Interaction.objects.filter(pk=entry.pk).update(withdrawn_at=None)
    result = _verify(workspace)
    assert (result.problem, result.entry, result.field) == (Break.ENTRY, entry.pk, "withdrawn")


@pytest.mark.parametrize(
    "change",
    [
        {"occurred_at": datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)},
        {"purposes": 0},
        {"direction": "received"},
        {"withdrawn": True},
    ],
)
def test_a_participation_copy_out_of_step_is_caught(
    workspace: Any, history: list[Any], change: dict[str, Any]
) -> None:
    entry = history[4].interaction
    Participation.objects.filter(interaction=entry).update(**change)
    result = _verify(workspace)
    assert (result.problem, result.entry, result.field) == (
        Break.ENTRY,
        entry.pk,
        "participation",
    )


def test_a_person_added_to_an_entry_behind_the_apps_back_is_caught(
    workspace: Any, history: list[Any]
) -> None:
    entry = history[4].interaction
    Participation.objects.create(
        interaction=entry,
        member=make_member(workspace, "Mr. Added"),
        occurred_at=entry.occurred_at,
        purposes=entry.purposes,
        direction=entry.direction,
    )
    result = _verify(workspace)
    assert (result.problem, result.entry, result.field) == (
        Break.ENTRY,
        entry.pk,
        "participants",
    )


def test_an_entry_never_sealed_is_caught(
    alice: Any, workspace: Any, member: Any, history: list[Any]
) -> None:
    seed_entries(workspace, alice, [member], 1)
    unsealed = Interaction.objects.get(revisions__isnull=True)
    result = _verify(workspace)
    assert (result.problem, result.entry, result.field) == (Break.ENTRY, unsealed.pk, "revisions")


def test_renaming_people_and_students_changes_nothing_sealed(
    workspace: Any, member: Any, student: Any, history: list[Any]
) -> None:
    TeamMember.objects.filter(pk=member.pk).update(name="Ms. Renamed", role="principal")
    Student.objects.filter(pk=student.pk).update(name="Renamed")
    assert _verify(workspace).ok


def test_the_first_broken_entry_is_the_one_with_the_lowest_seq(
    workspace: Any, history: list[Any]
) -> None:
    Interaction.objects.filter(pk=history[4].interaction_id).update(summary="Later.")
    Interaction.objects.filter(pk=history[2].interaction_id).update(summary="Earlier.")
    assert _verify(workspace).seq == 3


def test_verification_streams_in_a_constant_number_of_queries(
    alice: Any, workspace: Any, member: Any
) -> None:
    counts = []
    for _ in range(2):
        for _ in range(15):
            make_entry(workspace, alice, [member, make_member(workspace, "Someone")])
        with CaptureQueriesContext(connection) as ctx:
            assert _verify(workspace).ok
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], "verifying must stream, not ask once per entry"
