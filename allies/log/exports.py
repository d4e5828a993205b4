"""The log taken out of Allies: CSV for a spreadsheet, JSON with every sealed revision,
PDF to print or hand over. The same entries for each (a date range, and optionally one
child or one person), withdrawn ones included and marked: a record keeps everything.

CSV and JSON are streamed, a chunk of entries at a time, so 100,000 entries do not sit
in memory; each chunk costs the same few queries (the entries, their people, their
revisions). Every CSV cell a spreadsheet would read as a formula is neutralised
(OWASP's CSV injection guidance): a cell starting with = + - @, a tab or a carriage
return gets a leading apostrophe.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from allies.core.choices import Channel
from allies.workspaces.models import Workspace

from .chain import GENESIS_HASH, canonical_json, sealed_payload
from .models import (
    Direction,
    Interaction,
    InteractionRevision,
    Purpose,
    Tone,
    participants_in_order,
)
from .queries import filtered_log

CHUNK = 1_000
PDF_MAX_ENTRIES = 2_000  # about 400 pages
FORMAT = "allies-log-export"
VERSION = 1
# The cells a spreadsheet would take for a formula, or a command (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def rolling_seal(previous: str, item: Any) -> str:
    """The export's own seal after one more row (CSV) or entry (JSON): the SHA-256 of the
    previous seal and the item's canonical JSON. The first covers the CSV's header or the
    JSON's opening; the last closes the file, so a row removed, altered or moved shows
    without the install (log/export_check.py)."""
    return hashlib.sha256((previous + canonical_json({"item": item})).encode()).hexdigest()


def neutralised(value: str) -> str:
    """A cell's text that a spreadsheet shows as text, never runs as a formula."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


@dataclass(frozen=True)
class Chosen:
    """What to export: the dates (inclusive, None for open-ended) and whom about."""

    start: datetime.date | None = None
    end: datetime.date | None = None
    student: Any = None
    member: Any = None

    def filters(self) -> dict[str, Any]:
        return {
            "withdrawn": True,
            "start": self.start,
            "end": self.end,
            "student": self.student,
            "member": self.member,
        }


def exported(workspace: Workspace, chosen: Chosen) -> Any:
    """The entries to export, oldest first, with their people and revisions."""
    return (
        filtered_log(workspace, chosen.filters())
        .select_related("student")
        .prefetch_related(
            participants_in_order(),
            Prefetch("revisions", queryset=InteractionRevision.objects.order_by("number")),
        )
        .order_by("occurred_at", "pk")
    )


def _chunks(entries: Any) -> Iterator[Interaction]:
    # iterator() with a chunk size keeps the prefetches, a chunk at a time.
    yield from entries.iterator(chunk_size=CHUNK)


def _local(moment: datetime.datetime | None) -> str:
    return timezone.localtime(moment).isoformat(timespec="minutes") if moment else ""


class Labels:
    """The words a row is written with, in the active language, looked up once per
    export rather than once per cell (a choice's label is a lazy translation)."""

    def __init__(self) -> None:
        self.channel = {code: str(label) for code, label in Channel.choices}
        self.direction = {code: str(label) for code, label in Direction.choices}
        self.tone = {code: str(label) for code, label in Tone.choices}
        self.purpose = {p: str(p.label) for p in Purpose}
        self.edited = _("Edited")
        self.as_logged = _("As first logged")
        self.withdrawn = _("Withdrawn: %(reason)s")

    def purposes(self, bits: int) -> str:
        return ", ".join(self.purpose[p] for p in Purpose.from_bits(bits))


# --------------------------------------------------------------------------------- CSV


class _Echo:
    """A file-like object whose write() hands back what it was given (csv.writer into a
    streamed response, as Django's documentation shows)."""

    def write(self, value: str) -> str:
        return value


def csv_header() -> list[str]:
    return [
        _("Entry"),
        _("When"),
        _("Channel"),
        _("Direction"),
        _("People"),
        _("Purposes"),
        _("Tone"),
        _("Child"),
        _("Summary"),
        _("Follow up by"),
        _("Followed up on"),
        _("State"),
        _("Revisions"),
        _("Last revision (seq)"),
        _("Last revision's seal"),
        _("Row seal"),
    ]


def csv_row(entry: Interaction, words: Labels) -> list[str]:
    revisions = list(entry.revisions.all())
    last = revisions[-1] if revisions else None
    if entry.withdrawn_at:
        state = words.withdrawn % {"reason": entry.withdrawn_reason}
    elif len(revisions) > 1:
        state = words.edited
    else:
        state = words.as_logged
    cells = [
        str(entry.pk),
        _local(entry.occurred_at),
        words.channel.get(entry.channel, entry.channel),
        words.direction.get(entry.direction, entry.direction),
        "; ".join(m.name for m in entry.people()),
        words.purposes(entry.purposes),
        words.tone.get(entry.tone, entry.tone),
        entry.student.name if entry.student else "",
        entry.summary,
        entry.follow_up_due.isoformat() if entry.follow_up_due else "",
        entry.follow_up_done.isoformat() if entry.follow_up_done else "",
        state,
        str(len(revisions)),
        str(last.seq) if last else "",
        last.hash if last else "",
    ]
    return [neutralised(cell) for cell in cells]


def csv_stream(workspace: Workspace, chosen: Chosen, fingerprint: str) -> Iterator[str]:
    """The CSV, line by line: a byte-order mark (Excel then reads UTF-8, accents intact),
    the header, one row per entry ending with the export's rolling seal, and a last line
    with the record's fingerprint, the number of rows and the final seal."""
    writer = csv.writer(_Echo())
    yield "\ufeff"
    header = csv_header()
    yield writer.writerow(header)
    seal, rows = rolling_seal(GENESIS_HASH, header), 0
    words = Labels()
    for entry in _chunks(exported(workspace, chosen)):
        cells = csv_row(entry, words)
        seal = rolling_seal(seal, cells)
        rows += 1
        yield writer.writerow([*cells, seal])
    closing = [neutralised(fingerprint), str(rows)]
    yield writer.writerow([*closing, rolling_seal(seal, closing)])


# -------------------------------------------------------------------------------- JSON


def revision_record(revision: InteractionRevision) -> dict[str, Any]:
    """One revision as it was sealed: what its hash covers (the chain's own payload,
    log/chain.py), and the hashes."""
    return {**sealed_payload(revision), "prev_hash": revision.prev_hash, "hash": revision.hash}


def _entry_record(entry: Interaction) -> dict[str, Any]:
    return {
        "id": entry.pk,
        "withdrawn": entry.withdrawn_at is not None,
        "revisions": [revision_record(r) for r in entry.revisions.all()],
    }


def json_stream(
    workspace: Workspace, chosen: Chosen, head: dict[str, Any], fingerprint: str
) -> Iterator[str]:
    """The JSON document (docs/export-format.md), streamed: its opening with the
    workspace, the range and the chain's head, then each entry with its revisions."""
    opening = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().astimezone(datetime.UTC).isoformat(),
        "workspace": {"id": workspace.pk, "name": workspace.name},
        "range": {
            "start": chosen.start.isoformat() if chosen.start else None,
            "end": chosen.end.isoformat() if chosen.end else None,
            "student": chosen.student.pk if chosen.student else None,
            "member": chosen.member.pk if chosen.member else None,
        },
        "head": head,
        "fingerprint": fingerprint,
    }
    text = json.dumps(opening, ensure_ascii=False, indent=1)
    yield text[: text.rindex("}")].rstrip() + ',\n "entries": [\n'
    seal, count = rolling_seal(GENESIS_HASH, opening), 0
    for entry in _chunks(exported(workspace, chosen)):
        record = _entry_record(entry)
        seal = rolling_seal(seal, record)
        yield ("" if count == 0 else ",\n") + json.dumps(record, ensure_ascii=False)
        count += 1
    # After the entries, so that it can be written once they are all out.
    closing = json.dumps({"count": count, "export_seal": seal})
    yield f'\n ],\n "closing": {closing}\n}}\n'


# --------------------------------------------------------------------------------- PDF


def pdf_entries(workspace: Workspace, chosen: Chosen) -> Iterable[Interaction]:
    return _chunks(exported(workspace, chosen))


def range_text(chosen: Chosen) -> str:
    """ "1 Sep 2026 to 30 Nov 2026", "until 30 Nov 2026", "from 1 Sep 2026", or "all"."""
    start = date_format(chosen.start, "DATE_FORMAT") if chosen.start else ""
    end = date_format(chosen.end, "DATE_FORMAT") if chosen.end else ""
    if start and end:
        return _("%(start)s to %(end)s") % {"start": start, "end": end}
    if end:
        return _("until %(end)s") % {"end": end}
    if start:
        return _("from %(start)s") % {"start": start}
    return _("every entry")
