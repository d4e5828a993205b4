"""`allies backup` and `allies restore` as cron and an administrator use them."""

from __future__ import annotations

import io
import stat
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from allies.archive.backup import backup_lines
from allies.archive.tests.test_backup import empty_install
from allies.log.models import Interaction
from tests.support import make_entry, make_member, make_user, make_workspace


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_backup_outside_a_transaction_reads_one_moment_and_writes_a_private_file(
    tmp_path: Path,
) -> None:
    """As cron runs it: not inside a transaction (the snapshot is the command's own)."""
    alice = make_user("alice@example.com")
    workspace = make_workspace(alice)
    make_entry(workspace, alice, [make_member(workspace)], summary="kept")

    said = run("backup", "--output", str(tmp_path))

    (made,) = tmp_path.glob("allies-backup-*.jsonl")
    assert str(made) in said
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    assert not list(tmp_path.glob(".allies-backup-*")), "no temporary file is left"
    assert made.read_bytes() == b"".join(backup_lines())
    # The connection is usable afterwards, outside any transaction, for writing.
    make_entry(workspace, alice, [make_member(workspace, "Mr. Next")])
    assert Interaction.objects.count() == 2


@pytest.mark.django_db
def test_backup_of_one_workspace_and_an_unknown_one(tmp_path: Path) -> None:
    workspace = make_workspace(make_user("alice@example.com"))
    run("backup", "--workspace", str(workspace.pk), "-o", str(tmp_path))
    assert list(tmp_path.glob(f"allies-backup-workspace-{workspace.pk}-*.jsonl"))
    with pytest.raises(CommandError, match="no workspace"):
        run("backup", "--workspace", "999999", "-o", str(tmp_path))
    with pytest.raises(CommandError, match="not a directory"):
        run("backup", "-o", str(tmp_path / "missing"))


@pytest.mark.django_db
def test_restore_says_what_it_restored_or_why_not(tmp_path: Path) -> None:
    alice = make_user("alice@example.com")
    workspace = make_workspace(alice, "The Test family")
    make_entry(workspace, alice, [make_member(workspace)])
    path = tmp_path / "backup.jsonl"
    path.write_bytes(b"".join(backup_lines()))

    with pytest.raises(CommandError, match="already has people.*Nothing was restored"):
        run("restore", str(path))
    with pytest.raises(CommandError, match="No such file"):
        run("restore", str(tmp_path / "missing.jsonl"))

    empty_install()
    said = run("restore", str(path))
    assert "1 workspace(s), 1 account(s), 1 log revision(s)" in said
    assert f"workspace {workspace.pk} (The Test family): verified, head 1:" in said
