"""Backups: every table is in one, backup → restore → backup gives the identical file,
and a backup that was changed, cut short or is something else is refused with nothing
restored."""

from __future__ import annotations

import gzip
import io
import json
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from allies.accounts.models import User
from allies.archive.backup import (
    LEFT_OUT,
    PERSONAL_TABLES,
    USERS,
    WORKSPACE_TABLES,
    Refused,
    backup_lines,
    install_is_empty,
    restore,
)
from allies.log.chain import chain_verify
from allies.log.models import Interaction, InteractionRevision
from allies.meetings.models import Concern
from allies.workspaces.models import Workspace
from allies.workspaces.services import workspace_delete
from tests.support import make_entry, make_member, make_user, make_workspace, seed_entries


def backup(workspace: Any = None) -> bytes:
    return b"".join(backup_lines(workspace=workspace))


def empty_install() -> None:
    """Everything gone, as on a new install (the log's history through its one door)."""
    for workspace in Workspace.objects.all():
        workspace_delete(workspace=workspace)
    User.objects.all().delete()
    assert install_is_empty()


def rows_of(raw: bytes) -> list[dict[str, Any]]:
    return [json.loads(line) for line in raw.splitlines()]


def with_line(raw: bytes, change: Any) -> bytes:
    """`raw` with the first line for which `change(line)` returns bytes replaced by them."""
    lines = raw.split(b"\n")
    for index, line in enumerate(lines):
        changed = change(line)
        if changed is not None:
            lines[index] = changed
            return b"\n".join(lines)
    raise AssertionError("no line changed")


@pytest.fixture
def demo(db: Any) -> Workspace:
    call_command("demo", stdout=io.StringIO())
    return Workspace.objects.get()


def test_every_table_is_backed_up_or_left_out_on_purpose() -> None:
    """A new model must be given a place here, or it would silently be missing from every
    backup (and from what a family takes with them when they leave)."""
    ours = {
        model._meta.label_lower
        for model in apps.get_models(include_auto_created=True)
        if model.__module__.startswith("allies.") or model._meta.app_label == "accounts"
    }
    placed = [label for label, _lookup in WORKSPACE_TABLES] + [USERS, *PERSONAL_TABLES, *LEFT_OUT]
    assert len(placed) == len(set(placed))
    assert ours == set(placed)


def test_backup_restore_backup_gives_the_identical_file(demo: Workspace) -> None:
    before = backup()
    counts = {
        label: apps.get_model(label).objects.count()
        for label in ("log.interaction", "meetings.meeting")
    }
    assert min(counts.values()) > 0, "the demo should have entries and meetings to carry"
    empty_install()

    done = restore(io.BytesIO(before))

    assert backup() == before
    assert {label: apps.get_model(label).objects.count() for label in counts} == counts
    assert done.counts["log.interactionrevision"] == InteractionRevision.objects.count()
    assert chain_verify(Workspace.objects.get()).ok
    # The people can sign in again with their own passwords: the whole install was backed up.
    assert User.objects.get(email="parent@allies.example").check_password("allies-demo-password")


def test_restored_rows_keep_what_saving_would_fill_in(demo: Workspace) -> None:
    concern = Concern.objects.first()
    assert concern is not None
    updated = concern.updated_at  # auto_now: saving would make it now
    raw = backup()
    empty_install()
    restore(io.BytesIO(raw))
    assert Concern.objects.get(pk=concern.pk).updated_at == updated


def test_new_rows_after_a_restore_get_new_ids(demo: Workspace) -> None:
    raw = backup()
    highest = Interaction.objects.order_by("-pk").first().pk  # type: ignore[union-attr]
    empty_install()
    restore(io.BytesIO(raw))
    workspace = Workspace.objects.get()
    user = User.objects.get(email="parent@allies.example")
    entry = make_entry(workspace, user, [make_member(workspace, "Mr. New")])
    assert entry.pk > highest
    assert chain_verify(workspace).ok


def test_a_workspace_backup_holds_that_workspace_only_and_no_passwords(db: Any) -> None:
    alice, bob = make_user("alice@example.com"), make_user("bob@example.com")
    ours, theirs = make_workspace(alice, "Ours"), make_workspace(bob, "Theirs")
    make_entry(ours, alice, [make_member(ours, "Ms. Ours")], summary="ours to keep")
    make_entry(theirs, bob, [make_member(theirs, "Mr. Theirs")], summary="not in it")

    raw = backup(ours)

    assert b"ours to keep" in raw
    assert b"not in it" not in raw and b"Theirs" not in raw and b"bob@example.com" not in raw
    header, *rows, end = rows_of(raw)
    assert header["scope"] == "workspace" and header["passwords"] is False
    people = [row["row"] for row in rows if row["model"] == USERS]
    assert [person["email"] for person in people] == ["alice@example.com"]
    assert "password" not in people[0]
    assert not any(row["model"] in PERSONAL_TABLES for row in rows)
    assert end["end"]["rows"] == len(rows)

    empty_install()
    done = restore(io.BytesIO(raw))
    assert not done.passwords
    restored = User.objects.get()
    assert not restored.check_password("")
    assert backup(Workspace.objects.get()) == raw


def test_a_backup_reads_a_constant_number_of_queries(db: Any) -> None:
    alice = make_user("alice@example.com")
    small, large = make_workspace(alice, "Small"), make_workspace(alice, "Large")
    seed_entries(small, alice, [make_member(small)], count=3)
    seed_entries(large, alice, [make_member(large)], count=60)
    counts = []
    for workspace in (small, large):
        with CaptureQueriesContext(connection) as queries:
            backup(workspace)
        counts.append(len(queries))
    assert counts[0] == counts[1], "a backup must not read row by row (N+1)"


def test_a_gzip_backup_is_restored(demo: Workspace) -> None:
    raw = backup()
    empty_install()
    restore(io.BytesIO(gzip.compress(raw)))
    assert backup() == raw


# ------------------------------------------------------------------------------ refused


def refused(raw: bytes) -> str:
    """Restore `raw` into an empty install; the refusal's message. Nothing is left."""
    with pytest.raises(Refused) as caught:
        restore(io.BytesIO(raw))
    assert install_is_empty(), "a refused restore must leave nothing behind"
    return str(caught.value)


@pytest.fixture
def made(demo: Workspace) -> bytes:
    raw = backup()
    empty_install()
    return raw


def test_a_revision_altered_is_refused_with_its_number(made: bytes) -> None:
    def alter(line: bytes) -> bytes | None:
        if b'"model":"log.interactionrevision"' in line and b'"seq":7,' in line:
            return line.replace(b'"summary":"', b'"summary":"Not what was said. ', 1)
        return None

    assert "Revision 7 was altered" in refused(with_line(made, alter))


def test_a_revision_removed_is_refused(made: bytes) -> None:
    def drop(line: bytes) -> bytes | None:
        if b'"model":"log.interactionrevision"' in line and b'"seq":9,' in line:
            return b""
        return None

    lines = [line for line in with_line(made, drop).split(b"\n")]
    raw = b"\n".join(line for line in lines if line) + b"\n"
    assert "Revision 9 is missing" in refused(raw)


def test_any_other_change_is_refused_by_the_seal(made: bytes) -> None:
    changed = made.replace(b"Rivera", b"Rivero")
    assert changed != made
    assert "changed after it was made" in refused(changed)


def test_an_entry_whose_text_differs_from_its_revision_is_refused(made: bytes) -> None:
    def alter(line: bytes) -> bytes | None:
        if b'"model":"log.interaction",' in line:
            return line.replace(b'"summary":"', b'"summary":"Rewritten. ', 1)
        return None

    assert "changed outside the app" in refused(with_line(made, alter))


@pytest.mark.parametrize(
    ("raw", "said"),
    [
        (b"", "empty"),
        (b"not json at all\n", "not an Allies backup"),
        (b'{"entries": []}\n', "not an Allies backup"),
        (b'{"allies_backup": 99, "scope": "install"}\n', "format 99"),
        (b'{"allies_backup": 1, "scope": "elsewhere"}\n', "does not say what it holds"),
        (b'{"allies_backup": 1, "scope": "install"}\n', "cut short"),
        (b"\x1f\x8b\x08\x00garbage", "damaged"),
    ],
)
def test_what_is_not_a_backup_is_refused(db: Any, raw: bytes, said: str) -> None:
    assert said in refused(raw)


def test_a_backup_cut_short_is_refused(made: bytes) -> None:
    lines = made.split(b"\n")
    assert "cut short" in refused(b"\n".join(lines[: len(lines) // 2]) + b"\n")


def test_lines_after_the_end_are_refused(made: bytes) -> None:
    assert "after the closing line" in refused(made + b'{"model": "log.interaction"}\n')


@pytest.mark.parametrize(
    "line",
    [
        b'{"model": "workspaces.deletionpermit", "row": {"workspace_id": 1}}',
        b'{"model": "students.student", "row": "not a row"}',
        b'{"model": "students.student", "row": {"id": 1, "favourite_colour": "red"}}',
        b'{"model": "students.student", "row": {"id": "one"}}',
        b"[1, 2, 3]",
    ],
)
def test_a_bad_row_is_refused_with_its_line(db: Any, line: bytes) -> None:
    raw = b'{"allies_backup": 1, "scope": "install"}\n' + line + b"\n"
    assert "Line 2" in refused(raw)


def test_a_restore_into_an_install_in_use_is_refused_and_changes_nothing(demo: Workspace) -> None:
    raw = backup()
    entries = Interaction.objects.count()
    with pytest.raises(Refused, match="already has people or workspaces"):
        restore(io.BytesIO(raw))
    assert Interaction.objects.count() == entries
    assert backup() == raw
