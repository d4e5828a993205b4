"""Property tests (hypothesis): any log, with unicode, long text, edits and withdrawals,
comes back from a backup exactly as it was, and a random single-field change to any row
of a backup is refused."""

from __future__ import annotations

import io
import json
import random
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from allies.archive.backup import Refused, backup_lines, install_is_empty, restore
from allies.archive.tests.test_backup import empty_install
from allies.log.models import Interaction, InteractionRevision
from allies.log.tests.test_export_properties import DB_SETTINGS, STEP, _log


def _state() -> list[Any]:
    entries = list(
        Interaction.objects.order_by("pk").values_list(
            "pk", "summary", "withdrawn_at", "withdrawn_reason", "revision_count"
        )
    )
    revisions = list(InteractionRevision.objects.order_by("pk").values_list("seq", "data", "hash"))
    return [entries, revisions]


@pytest.mark.django_db
@DB_SETTINGS
@given(steps=st.lists(STEP, min_size=1, max_size=5))
def test_any_log_comes_back_from_a_backup_as_it_was(steps: list[tuple[str, str, str]]) -> None:
    empty_install()
    _log(steps)
    before, raw = _state(), b"".join(backup_lines())
    empty_install()
    restore(io.BytesIO(raw))
    assert _state() == before
    assert b"".join(backup_lines()) == raw


def _changed(value: Any, rng: random.Random) -> Any:
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + rng.choice([-1, 1, 7])
    if isinstance(value, str):
        return value + rng.choice(["x", " ", "é"]) if value else "x"
    if value is None:
        return "x"
    if isinstance(value, dict) and value:
        key = rng.choice(sorted(value))
        return {**value, key: _changed(value[key], rng)}
    if isinstance(value, list) and value:
        return value[:-1]
    return "x"


@pytest.mark.django_db
def test_a_thousand_random_field_changes_to_a_backup_are_each_refused() -> None:
    _log([("Met about reading", "edit", "Met about reading and math"), ("Called", "keep", "")])
    _log([("Email sent", "withdraw", "sent to the wrong person")])
    raw = b"".join(backup_lines())
    empty_install()
    lines = raw.splitlines(keepends=True)
    rng = random.Random(11)
    for _trial in range(1000):
        index = rng.randrange(len(lines))
        row = json.loads(lines[index])
        key = rng.choice(sorted(row))
        row[key] = _changed(row[key], rng)
        line = json.dumps(row, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        tampered = b"".join(lines[:index] + [line.encode() + b"\n"] + lines[index + 1 :])
        if tampered == raw:
            continue
        with pytest.raises(Refused):
            restore(io.BytesIO(tampered))
        assert install_is_empty()
