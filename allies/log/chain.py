"""The log's hash chain: what a revision seals, and checking that the record still holds.

The one definition of the sealed payload. `services._seal` builds it here, the tests and
the verifier recompute it here; nothing else knows its shape.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterable
from typing import Any

from .models import InteractionRevision, Purpose

GENESIS_HASH = "0" * 64


def canonical_json(payload: dict[str, Any]) -> str:
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def revision_payload(
    *,
    workspace: int,
    seq: int,
    interaction: int,
    number: int,
    kind: str,
    author: str,
    recorded_at: datetime.datetime,
    reason: str,
    data: dict[str, Any],
) -> dict[str, Any]:
    """What one revision seals (with the previous revision's hash): ids, not instances,
    so the verifier can build it from the rows it streams."""
    return {
        "workspace": workspace,
        "seq": seq,
        "interaction": interaction,
        "number": number,
        "kind": kind,
        "author": author,
        "recorded_at": recorded_at.astimezone(datetime.UTC).isoformat(),
        "reason": reason,
        "data": data,
    }


def revision_hash(*, prev_hash: str, payload: dict[str, Any]) -> str:
    return hashlib.sha256((prev_hash + canonical_json(payload)).encode()).hexdigest()


def entry_snapshot(
    *,
    occurred_at: datetime.datetime,
    channel: str,
    direction: str,
    participants: Iterable[tuple[int, str, str]],
    purposes: int,
    tone: str,
    summary: str,
    follow_up_due: datetime.date | None,
    student_id: int | None,
    student_name: str | None,
    follow_up_done: datetime.date | None,
) -> dict[str, Any]:
    """What an entry says, in a stable shape that does not depend on later renames:
    the `data` of its revision. `participants` are (id, name, role)."""
    return {
        "occurred_at": occurred_at.astimezone(datetime.UTC).isoformat(),
        "channel": channel,
        "direction": direction,
        "participants": [
            {"id": pk, "name": name, "role": role}
            for pk, name, role in sorted(participants, key=lambda p: p[0])
        ],
        "purposes": [p.name.lower() for p in Purpose.from_bits(purposes)],
        "tone": tone,
        "summary": summary,
        "follow_up_due": follow_up_due.isoformat() if follow_up_due else None,
        "student": student_name,
        "student_id": student_id,
        "follow_up_done": follow_up_done.isoformat() if follow_up_done else None,
    }


def sealed_payload(revision: InteractionRevision) -> dict[str, Any]:
    """What a stored revision seals, rebuilt from its row alone."""
    return revision_payload(
        workspace=revision.workspace_id,
        seq=revision.seq,
        interaction=revision.interaction_id,
        number=revision.number,
        kind=revision.kind,
        author=revision.author_label,
        recorded_at=revision.recorded_at,
        reason=revision.reason,
        data=revision.data,
    )
