"""The log's hash chain: what a revision seals, and checking that the record still holds.

The one definition of the sealed payload. `services._seal` builds it here, the tests and
the verifier recompute it here; nothing else knows its shape.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import functools
import hashlib
import itertools
import json
import operator
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F, FilteredRelation, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from allies.workspaces.models import Workspace

from .models import Interaction, InteractionRevision, Participation, Purpose

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


# --------------------------------------------------------------------- verification


class Break(enum.StrEnum):
    """Why a chain does not verify."""

    ALTERED = "altered"  # a revision's hash is not the hash of what it says
    MISSING = "missing"  # a gap in the sequence numbers
    REORDERED = "reordered"  # a revision does not follow the one before it
    HEAD = "head"  # the workspace's head is not the last revision
    ENTRY = "entry"  # an entry as it reads now is not its latest revision
    CHECKPOINT = "checkpoint"  # the log does not extend the checkpoint given


@dataclass(frozen=True)
class Verified:
    """What `chain_verify` found: `problem` is None when the record holds."""

    workspace: int
    revisions: int
    head_seq: int
    head_hash: str
    problem: Break | None = None
    seq: int | None = None  # the first broken sequence number, where there is one
    entry: int | None = None  # the entry that differs (Break.ENTRY)
    field: str = ""  # what differs (Break.ENTRY)

    @property
    def ok(self) -> bool:
        return self.problem is None

    @property
    def head(self) -> str:
        return f"{self.head_seq}:{self.head_hash[:HASH_SHOWN]}"

    @property
    def fingerprint(self) -> str:
        """`fingerprint` of the head as verified."""
        return record_line(self.head_seq, self.head_hash)

    def message(self) -> str:
        """One sentence in the reader's language (English in management commands)."""
        facts = {"count": self.revisions, "head": self.head, "seq": self.seq}
        facts |= {"entry": self.entry, "field": self.field}
        if self.problem is None:
            return (
                ngettext(
                    "Verified %(count)d revision, head %(head)s.",
                    "Verified %(count)d revisions, head %(head)s.",
                    self.revisions,
                )
                % facts
            )
        if self.problem == Break.ENTRY and self.seq is None:
            return str(_UNSEALED) % facts
        return str(_MESSAGES[self.problem]) % facts


HASH_SHOWN = 12  # hex digits of a hash shown in a head or fingerprint (48 bits)

_MESSAGES = {
    Break.ALTERED: _("Revision %(seq)s was altered: its seal does not match what it says."),
    Break.MISSING: _("Revision %(seq)s is missing: the numbers have a gap there."),
    Break.REORDERED: _(
        "Revision %(seq)s is out of place: it was not sealed after the revision before it."
    ),
    Break.HEAD: _(
        "The log does not end where the workspace says it does (%(head)s): revisions from "
        "%(seq)s on were removed or rewritten."
    ),
    Break.ENTRY: _(
        "Entry %(entry)s does not read as its revision %(seq)s says: its %(field)s was "
        "changed outside the app."
    ),
    Break.CHECKPOINT: _(
        "The log does not extend that checkpoint: revision %(seq)s does not have that hash."
    ),
}

_UNSEALED = _("Entry %(entry)s was never sealed: no revision records it.")

CHUNK = 2000
_REVISION_COLUMNS = (
    "seq",
    "interaction_id",
    "number",
    "kind",
    "author_label",
    "recorded_at",
    "reason",
    "data",
    "prev_hash",
    "hash",
)


def _said(data: dict[str, Any]) -> dict[str, Any]:
    """What an entry's row must still say of its sealed `data`: names (which later
    renames change, and which the row does not hold) left out, people by id."""
    said = {k: v for k, v in data.items() if k not in ("student", "participants")}
    said["participants"] = sorted(p["id"] for p in data.get("participants", []))
    return said


def _entry_difference(
    row: dict[str, Any], people: list[tuple[int, Any, bool, int, str]], sealed: dict[str, Any]
) -> str:
    """The first field in which an entry's row (and its people's copies) is not what its
    latest revision says; "" when it is."""
    now = _said(
        entry_snapshot(
            occurred_at=row["occurred_at"],
            channel=row["channel"],
            direction=row["direction"],
            participants=[(member, "", "") for member, *_copies in people],
            purposes=row["purposes"],
            tone=row["tone"],
            summary=row["summary"],
            follow_up_due=row["follow_up_due"],
            student_id=row["student_id"],
            student_name=None,
            follow_up_done=row["follow_up_done"],
        )
    )
    for key, value in _said(sealed["data"]).items():
        if now.get(key) != value:
            return key
    withdrawn = row["withdrawn_at"] is not None
    if withdrawn != (sealed["kind"] == InteractionRevision.Kind.WITHDRAWN):
        return "withdrawn"
    if withdrawn and row["withdrawn_reason"] != sealed["reason"]:
        return "withdrawn_reason"
    for _member, occurred_at, gone, purposes, direction in people:
        if occurred_at != row["occurred_at"] or purposes != row["purposes"]:
            return "participation"
        if gone != withdrawn or direction != row["direction"]:
            return "participation"
    return ""


def _participations(workspace: int) -> Iterator[tuple[int, list[tuple[int, Any, bool, int, str]]]]:
    """Each entry's people, with the copies they carry, one entry at a time."""
    rows = (
        Participation.objects.filter(interaction__workspace_id=workspace)
        .order_by("interaction_id", "member_id")
        .values_list(
            "interaction_id", "member_id", "occurred_at", "withdrawn", "purposes", "direction"
        )
        .iterator(chunk_size=CHUNK)
    )
    for entry, group in itertools.groupby(rows, key=operator.itemgetter(0)):
        yield entry, [row[1:] for row in group]


def chain_verify(workspace: Workspace, *, checkpoint: tuple[int, str] | None = None) -> Verified:
    """Check a workspace's log: every seal, the numbering, the head the workspace keeps,
    and that every entry still reads as its latest revision says.

    `checkpoint` is (seq, hash or a prefix of it) written down earlier: the log must
    still hold that revision, so that what was checked then is part of what holds now.
    Under the workspace's log lock (writers wait, readers see one state), in a constant
    number of queries that stream the rows.
    """
    with transaction.atomic():
        ws = Workspace.objects.select_for_update(no_key=True).get(pk=workspace.pk)
        return _verify(ws, checkpoint)


def _verify(ws: Workspace, checkpoint: tuple[int, str] | None) -> Verified:
    found = functools.partial(Verified, workspace=ws.pk, head_seq=ws.log_seq, head_hash=ws.log_head)
    rows = (
        InteractionRevision.objects.filter(workspace=ws)
        .order_by("seq")
        .values_list(*_REVISION_COLUMNS)
        .iterator(chunk_size=CHUNK)
    )
    sha256, dumps = hashlib.sha256, canonical_json
    prev, last_seq, count = GENESIS_HASH, 0, 0
    numbers: dict[int, int] = {}  # each entry's latest revision: its number ...
    latest: dict[int, int] = {}  # ... and its seq
    cp_seq, cp_hash = checkpoint if checkpoint else (0, "")
    for seq, entry, number, kind, author, recorded_at, reason, data, prev_hash, digest in rows:
        count += 1
        if seq != last_seq + 1:
            return found(revisions=count - 1, problem=Break.MISSING, seq=last_seq + 1)
        payload = revision_payload(
            workspace=ws.pk,
            seq=seq,
            interaction=entry,
            number=number,
            kind=kind,
            author=author,
            recorded_at=recorded_at,
            reason=reason,
            data=data,
        )
        if sha256((prev_hash + dumps(payload)).encode()).hexdigest() != digest:
            return found(revisions=count - 1, problem=Break.ALTERED, seq=seq)
        if prev_hash != prev or number != numbers.get(entry, 0) + 1:
            return found(revisions=count - 1, problem=Break.REORDERED, seq=seq)
        if seq == cp_seq and not digest.startswith(cp_hash):
            return found(revisions=count, problem=Break.CHECKPOINT, seq=seq)
        numbers[entry], latest[entry] = number, seq
        prev, last_seq = digest, seq
    if (last_seq, prev) != (ws.log_seq, ws.log_head):
        first = min(last_seq, ws.log_seq) + (last_seq != ws.log_seq)
        return found(revisions=count, problem=Break.HEAD, seq=max(first, 1))
    if cp_seq > last_seq:
        return found(revisions=count, problem=Break.CHECKPOINT, seq=cp_seq)
    return _verify_entries(ws, latest, found(revisions=count))


def _verify_entries(ws: Workspace, latest: dict[int, int], whole: Verified) -> Verified:
    """Every entry of the workspace against its latest revision (`latest`: entry → seq)."""
    entries = (
        Interaction.objects.filter(workspace=ws)
        .annotate(
            sealed=FilteredRelation("revisions", condition=Q(revisions__number=F("revision_count")))
        )
        .order_by("pk")
        .values(*_ENTRY_COLUMNS, "sealed__seq", "sealed__kind", "sealed__reason", "sealed__data")
        .iterator(chunk_size=CHUNK)
    )
    people = _participations(ws.pk)
    pending = next(people, None)
    first: tuple[int, int, str] | None = None  # (seq, entry, field) with the lowest seq
    for row in entries:
        entry = row["id"]
        mine: list[tuple[int, Any, bool, int, str]] = []
        while pending is not None and pending[0] <= entry:
            if pending[0] == entry:
                mine = pending[1]
            pending = next(people, None)
        seq = latest.pop(entry, None)
        if seq is None or row["sealed__seq"] != seq:
            # Never sealed, or its revision count is not its latest revision's number.
            field = "revision_count" if seq is not None else "revisions"
        else:
            sealed = {
                "kind": row["sealed__kind"],
                "reason": row["sealed__reason"],
                "data": row["sealed__data"],
            }
            field = _entry_difference(row, mine, sealed)
        if field and (first is None or (seq or 0) < first[0]):
            first = (seq or 0, entry, field)
    for entry, seq in latest.items():  # sealed here, but the entry has left the workspace
        if first is None or seq < first[0]:
            first = (seq, entry, "workspace")
    if first is None:
        return whole
    seq, entry, field = first
    return dataclasses.replace(
        whole, problem=Break.ENTRY, seq=seq or None, entry=entry, field=field
    )


_ENTRY_COLUMNS = (
    "id",
    "occurred_at",
    "channel",
    "direction",
    "purposes",
    "tone",
    "summary",
    "follow_up_due",
    "follow_up_done",
    "student_id",
    "withdrawn_at",
    "withdrawn_reason",
)


# "SEQ:HASH", or a fingerprint line as `fingerprint` writes it ("… 1234 · 3f9a2c1b7d4e"):
# a number, ":" or "·", then 12 to 64 hex digits, after any words not ending in a digit.
_CHECKPOINT = re.compile(r"(?:[^0-9]*\s)?([0-9]+)\s*[:·]\s*([0-9a-f]+)", re.IGNORECASE)


def parse_checkpoint(text: str) -> tuple[int, str]:
    """A checkpoint written down earlier → (seq, hash in lower case); ValueError if it is
    not one. The hash may be cut to its first HASH_SHOWN (12) hex digits or more."""
    match = _CHECKPOINT.fullmatch(text.strip())
    if match is None:
        raise ValueError("a checkpoint is SEQ:HASH")
    seq, digest = int(match[1]), match[2].lower()
    if not HASH_SHOWN <= len(digest) <= 64:
        raise ValueError("a checkpoint's hash is 12 to 64 hex digits")
    if seq < 1:
        raise ValueError("a checkpoint's number is 1 or more")
    return seq, digest


def fingerprint(workspace: Workspace) -> str:
    """A short line naming the workspace's record as it stands: its head's number and the
    first 12 hex digits of its hash, for exports and messages. It reads back as a
    checkpoint (`parse_checkpoint`, the Check the record page)."""
    return record_line(workspace.log_seq, workspace.log_head)


def record_line(seq: int, head: str) -> str:
    return _("Allies record %(seq)s · %(hash)s") % {"seq": seq, "hash": head[:HASH_SHOWN]}
