"""`allies verify`: every workspace or one, exit status, checkpoints."""

from __future__ import annotations

import datetime
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command, execute_from_command_line

from allies.home.management.commands.demo import create_demo
from allies.log.chain import fingerprint, parse_checkpoint
from allies.log.models import Interaction, InteractionRevision
from allies.log.tests.tamper import tampering
from tests.support import make_entry, make_member


def _run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("verify", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def two_logs(alice: Any, workspace: Any, member: Any, oscar: Any) -> tuple[Any, Any]:
    make_entry(workspace, alice, [member])
    make_entry(workspace, alice, [member])
    theirs = oscar.memberships.get().workspace
    make_entry(theirs, oscar, [make_member(theirs, "Mr. Other")])
    return workspace, theirs


def _head(workspace: Any) -> InteractionRevision:
    return InteractionRevision.objects.filter(workspace=workspace).latest("seq")


def test_it_verifies_every_workspace_and_prints_each_head(two_logs: tuple[Any, Any]) -> None:
    ours, theirs = two_logs
    out, err = _run()
    assert f"workspace {ours.pk}: verified 2 revisions, head 2:{_head(ours).hash[:12]}" in out
    assert f"workspace {theirs.pk}: verified 1 revisions, head 1:{_head(theirs).hash[:12]}" in out
    assert err == ""


def test_it_names_the_first_broken_revision_and_exits_non_zero(
    two_logs: tuple[Any, Any],
) -> None:
    ours, theirs = two_logs
    Interaction.objects.filter(workspace=ours).update(summary="Changed behind its back.")
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="1 workspace"):
        call_command("verify", stdout=out, stderr=err)
    assert f"workspace {ours.pk}: broken at revision 1 (entry)" in err.getvalue()
    assert "its summary was changed outside the app" in err.getvalue()
    assert f"workspace {theirs.pk}: verified 1 revisions" in out.getvalue()


def test_one_workspace_only(two_logs: tuple[Any, Any]) -> None:
    ours, theirs = two_logs
    out, _err = _run("--workspace", str(theirs.pk))
    assert f"workspace {theirs.pk}:" in out and f"workspace {ours.pk}:" not in out
    with pytest.raises(CommandError, match="no workspace"):
        _run("--workspace", "999999")


def test_a_checkpoint_the_log_extends(two_logs: tuple[Any, Any]) -> None:
    ours, _theirs = two_logs
    first = InteractionRevision.objects.get(workspace=ours, seq=1)
    out, _err = _run("--workspace", str(ours.pk), "--checkpoint", f"1:{first.hash[:12].upper()}")
    assert f"workspace {ours.pk}: extends 1" in out


def test_a_checkpoint_the_log_no_longer_extends(two_logs: tuple[Any, Any]) -> None:
    ours, _theirs = two_logs
    with pytest.raises(CommandError), tampering():
        InteractionRevision.objects.filter(workspace=ours, seq=2).delete()
        _run("--workspace", str(ours.pk), "--checkpoint", f"2:{_head(ours).hash}")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "verify", "--workspace", str(ours.pk), "--checkpoint", "1:" + "ab" * 6, stderr=err
        )
    assert "broken at revision 1 (checkpoint)" in err.getvalue()


@pytest.mark.parametrize(
    "bad", ["12", "x:abcdef012345", "1:abc", "1:" + "z" * 12, "0:" + "a" * 12, "1:" + "a" * 65]
)
def test_a_malformed_checkpoint_is_refused_with_a_reason(
    two_logs: tuple[Any, Any], bad: str
) -> None:
    ours, _theirs = two_logs
    with pytest.raises(CommandError, match="--checkpoint"):
        _run("--workspace", str(ours.pk), "--checkpoint", bad)


def test_a_checkpoint_needs_a_workspace(two_logs: tuple[Any, Any]) -> None:
    with pytest.raises(CommandError, match="--workspace"):
        _run("--checkpoint", "1:" + "a" * 12)


def test_the_command_line_exits_non_zero_on_a_break(two_logs: tuple[Any, Any], capsys: Any) -> None:
    ours, _theirs = two_logs
    Interaction.objects.filter(workspace=ours).update(tone="difficult")
    with pytest.raises(SystemExit) as exited:
        execute_from_command_line(["allies", "verify", "--skip-checks"])
    assert exited.value.code == 1
    assert "its tone was changed outside the app" in capsys.readouterr().err


def test_a_fingerprint_line_reads_back_as_its_checkpoint(two_logs: tuple[Any, Any]) -> None:
    ours, _theirs = two_logs
    ours.refresh_from_db()
    line = fingerprint(ours)
    assert line == f"Allies record 2 · {_head(ours).hash[:12]}"
    assert parse_checkpoint(line) == (2, _head(ours).hash[:12])
    out, _err = _run("--workspace", str(ours.pk), "--checkpoint", line)
    assert f"workspace {ours.pk}: extends 2" in out


def test_the_demo_workspaces_verify(db: Any) -> None:
    """Everything the demo writes (edits, withdrawals, follow-ups closed by entries and by
    meetings) goes through the services, so its record holds."""
    create_demo(today=datetime.date(2026, 3, 2))
    out, err = _run()
    assert "verified" in out and err == ""


# ---------------------------------------------------------------------------- an export file


def test_an_export_file_is_checked_on_its_own(
    alice: Any, workspace: Any, member: Any, tmp_path: Any
) -> None:
    from tests.support import client_for

    make_entry(workspace, alice, [member], summary="Niño «uno»")
    raw = b"".join(client_for(alice).get("/log/export/", {"format": "json"}).streaming_content)
    good = tmp_path / "log.json"
    good.write_bytes(raw)
    out, _err = _run(str(good))
    assert "json export of 1 entries holds together (Allies record 1 · " in out
    bad = tmp_path / "changed.json"
    bad.write_bytes(raw.replace("Niño «uno»".encode(), "Niño «dos»".encode()))
    with pytest.raises(CommandError, match="was altered: revision 1"):
        _run(str(bad))
    with pytest.raises(CommandError, match="not valid JSON"):
        (tmp_path / "x.json").write_bytes(b"{oops")
        _run(str(tmp_path / "x.json"))
    with pytest.raises(CommandError, match="No such file"):
        _run(str(tmp_path / "missing.csv"))
