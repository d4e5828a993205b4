"""Property tests (hypothesis) of the exports and their check: any log, with unicode, long
text, edits and withdrawals, comes out of JSON and CSV as it is in the database and holds
together; a thousand random single-byte or single-field changes to an export are each
caught."""

from __future__ import annotations

import copy
import csv
import datetime
import io
import json
from typing import Any

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from allies.log.export_check import NotAnExport, check_export
from allies.log.exports import neutralised
from allies.log.models import Interaction
from allies.log.services import interaction_edit, interaction_withdraw
from tests.support import client_for, make_entry, make_member, make_user, make_workspace

# Text as people type it: any printable character of any script, newlines, tabs, and the
# characters CSV and JSON treat specially; surrogates cannot be stored, so are left out.
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\n\t\r"),
    min_size=1,
    max_size=600,
).filter(lambda s: s.strip() == s and s.strip())
STEP = st.tuples(TEXT, st.sampled_from(["keep", "edit", "withdraw"]), TEXT)
DB_SETTINGS = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _body(response: Any) -> bytes:
    return b"".join(response.streaming_content)


_counter = iter(range(1_000_000))


def _log(steps: list[tuple[str, str, str]]) -> tuple[Any, list[int]]:
    user = make_user(f"p{next(_counter)}@example.com")
    workspace = make_workspace(user)
    lee = make_member(workspace, "Ms. Lee")
    now = timezone.now()
    ids = []
    for i, (text, change, other) in enumerate(steps):
        entry = make_entry(
            workspace,
            user,
            [lee],
            occurred_at=now - datetime.timedelta(hours=len(steps) - i),
            summary=text,
        )
        if change == "edit" and other != text:
            interaction_edit(interaction=entry, author=user, participants=[lee], summary=other)
        elif change == "withdraw":
            interaction_withdraw(interaction=entry, author=user, reason=other[:500])
        ids.append(entry.pk)
    return user, ids


@pytest.mark.django_db
@DB_SETTINGS
@given(steps=st.lists(STEP, min_size=1, max_size=6))
def test_any_log_comes_out_of_json_and_csv_as_it_is(steps: list[tuple[str, str, str]]) -> None:
    user, ids = _log(steps)
    client = client_for(user)
    raw = _body(client.get("/log/export/", {"format": "json"}))
    outcome = check_export(raw)
    assert outcome.ok, outcome.problem
    document = json.loads(raw)
    entries = {entry["id"]: entry for entry in document["entries"]}
    for row in Interaction.objects.filter(pk__in=ids):
        exported = entries[row.pk]
        assert exported["withdrawn"] is (row.withdrawn_at is not None)
        assert exported["revisions"][-1]["data"]["summary"] == row.summary
        assert len(exported["revisions"]) == row.revision_count
    raw_csv = _body(client.get("/log/export/", {"format": "csv"}))
    assert check_export(raw_csv).ok
    rows = list(csv.reader(io.StringIO(raw_csv.decode("utf-8-sig"))))[1:-1]
    summaries = {int(r[0]): r[8] for r in rows}
    for row in Interaction.objects.filter(pk__in=ids):
        assert summaries[row.pk] == neutralised(row.summary)


@pytest.fixture(scope="module")
def an_export(django_db_setup: Any, django_db_blocker: Any) -> dict[str, bytes]:
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            user, _ids = _log(
                [
                    ("Niño «uno» 🙂", "edit", "Niño «1»"),
                    ("Two,\nlines; «dos»", "keep", ""),
                    ("=SUM(A1)", "withdraw", "Logged twice"),
                    ("Cuatro", "keep", ""),
                ]
            )
            client = client_for(user)
            found = {
                kind: _body(client.get("/log/export/", {"format": kind}))
                for kind in ("json", "csv")
            }
            transaction.set_rollback(True)
    return found


def _caught(raw: bytes) -> bool:
    try:
        return not check_export(raw).ok
    except NotAnExport:
        return True


@settings(max_examples=1000, deadline=None)
@given(at=st.floats(0, 1, exclude_max=True), flip=st.integers(1, 255))
def test_every_single_byte_change_is_caught(
    an_export: dict[str, bytes], at: float, flip: int
) -> None:
    for kind, raw in an_export.items():
        position = int(at * len(raw))
        changed = raw[:position] + bytes([raw[position] ^ flip]) + raw[position + 1 :]
        if kind == "json":
            try:
                same = json.loads(changed) == json.loads(raw)
            except ValueError:
                same = False
            if same:  # only the layout changed (a space for another): nothing to catch
                continue
        elif changed.decode("utf-8-sig", "replace").replace("\r\n", "\n") == raw.decode(
            "utf-8-sig"
        ).replace("\r\n", "\n"):
            continue
        assert _caught(changed), (kind, position, flip)


FIELDS = [
    "seq",
    "interaction",
    "number",
    "kind",
    "author",
    "recorded_at",
    "reason",
    "prev_hash",
    "hash",
]


@settings(max_examples=1000, deadline=None)
@given(
    which=st.integers(0, 10_000),
    name=st.sampled_from([*FIELDS, "summary", "channel", "participants", "drop", "swap"]),
    value=st.one_of(st.text(max_size=20), st.integers(-5, 10_000)),
)
def test_every_single_field_change_is_caught(
    an_export: dict[str, bytes], which: int, name: str, value: Any
) -> None:
    document = json.loads(an_export["json"])
    changed = copy.deepcopy(document)
    revisions = [r for entry in changed["entries"] for r in entry["revisions"]]
    revision = revisions[which % len(revisions)]
    if name == "drop":
        entry = changed["entries"][which % len(changed["entries"])]
        changed["entries"].remove(entry)
    elif name == "swap":
        entries = changed["entries"]
        i = which % (len(entries) - 1)
        entries[i], entries[i + 1] = entries[i + 1], entries[i]
    elif name in ("summary", "channel", "participants"):
        revision["data"][name] = value
    else:
        revision[name] = value
    if changed == document:
        return
    assert _caught(json.dumps(changed, ensure_ascii=False).encode()), (name, value)
