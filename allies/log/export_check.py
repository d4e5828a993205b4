"""Checking an export against its own seals, without the install it came from.

A JSON export: every revision's seal is recomputed from what it says (the chain's own
rule, `revision_hash`); within the file, each revision must follow the one before it by
`seq` when that one is there too, and an export of the whole log must hold every
revision from 1 to its head. A CSV export: each row's rolling seal is recomputed from its
cells. Both end with the export's own closing seal, so a row or entry removed, altered,
moved or cut off at the end is named.

What this cannot show: that the file is the one Allies wrote, if whoever changed it also
recomputed every seal. The fingerprint is for that: compare it with the live record
(Check the record) or with a copy kept elsewhere (a mailbox, a printout).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from .chain import GENESIS_HASH, revision_hash
from .exports import FORMAT, VERSION, rolling_seal

HASHES = ("prev_hash", "hash")
# Exports are text: a log of 100,000 entries is about 50 MB of JSON. Anything larger is
# refused before it is read.
MAX_BYTES = 100 * 1024 * 1024
# Magic numbers of the compressed files people send by mistake (zip, gzip, 7z, bzip2).
COMPRESSED = (b"PK\x03\x04", b"\x1f\x8b", b"7z\xbc\xaf", b"BZh")


@dataclass
class Outcome:
    """What the check found: `problem` is None when everything holds."""

    kind: str = ""  # "json" or "csv"
    entries: int = 0
    revisions: int = 0
    fingerprint: str = ""
    problem: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.problem is None


class NotAnExport(ValueError):
    """The file is not an export Allies wrote, whatever was changed in it."""


def check_export(raw: bytes) -> Outcome:
    """Check the bytes of an export file; NotAnExport if it is none."""
    if raw.startswith(COMPRESSED):
        raise NotAnExport(_("This is a compressed file, not an export: unpack it first."))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise NotAnExport(_("This file is not text in UTF-8, so it is not an export.")) from None
    if text.lstrip().startswith("{"):
        return _check_json(text)
    return _check_csv(text)


# -------------------------------------------------------------------------------- JSON


def _check_json(text: str) -> Outcome:
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        raise NotAnExport(_("This file is not valid JSON, so it is not an export.")) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise NotAnExport(_("This JSON file is not an Allies export of the log."))
    if document.get("version") != VERSION:
        raise NotAnExport(_("This export is in a version this Allies does not know."))
    entries, closing, head = document.get("entries"), document.get("closing"), document.get("head")
    if not isinstance(entries, list) or not isinstance(closing, dict) or not isinstance(head, dict):
        raise NotAnExport(_("This export is missing its entries, its head or its closing seal."))
    outcome = Outcome(kind="json", fingerprint=str(document.get("fingerprint", "")))
    by_seq: dict[int, dict[str, Any]] = {}
    opening = {k: v for k, v in document.items() if k not in ("entries", "closing")}
    seal = rolling_seal(GENESIS_HASH, opening)
    for entry in entries:
        problem = _check_entry(entry, by_seq)
        if problem:
            outcome.problem = problem
            return outcome
        seal = rolling_seal(seal, entry)
        outcome.entries += 1
        outcome.revisions += len(entry["revisions"])
    outcome.problem = _check_links(by_seq, document, head) or _check_closing(
        closing.get("count"), closing.get("export_seal"), outcome.entries, seal
    )
    return outcome


def _check_entry(entry: Any, by_seq: dict[int, dict[str, Any]]) -> str | None:
    if not isinstance(entry, dict) or not isinstance(entry.get("revisions"), list):
        raise NotAnExport(_("An entry of this export has no revisions: it is not an export."))
    number = 0
    for revision in entry["revisions"]:
        if not isinstance(revision, dict) or not all(
            key in revision for key in (*HASHES, "seq", "interaction", "number")
        ):
            raise NotAnExport(_("A revision of this export lacks its fields: it is not an export."))
        names = {"entry": entry.get("id"), "seq": revision["seq"]}
        # What it seals is every other field, as the chain wrote them (log/chain.py).
        payload = {key: value for key, value in revision.items() if key not in HASHES}
        try:
            sealed = revision_hash(prev_hash=str(revision["prev_hash"]), payload=payload)
        except (TypeError, ValueError):
            sealed = ""
        if sealed != revision["hash"]:
            return (
                _(
                    "Entry %(entry)s was altered: revision %(seq)s does not say what its "
                    "seal was made from."
                )
                % names
            )
        if revision["interaction"] != entry.get("id") or revision["number"] != number + 1:
            return _("Entry %(entry)s's revisions are out of order at revision %(seq)s.") % names
        number = revision["number"]
        if not isinstance(revision["seq"], int) or revision["seq"] in by_seq:
            return _("Revision %(seq)s appears twice (entry %(entry)s).") % names
        by_seq[revision["seq"]] = revision
    return None


def _check_links(
    by_seq: dict[int, dict[str, Any]], document: dict[str, Any], head: dict[str, Any]
) -> str | None:
    """Each revision follows the one before it when both are in the file; the whole
    log's export holds them all, up to its head."""
    for seq, revision in sorted(by_seq.items()):
        before = by_seq.get(seq - 1)
        expected = GENESIS_HASH if seq == 1 else (before["hash"] if before else None)
        if expected is not None and revision["prev_hash"] != expected:
            return _(
                "Revision %(seq)s does not follow revision %(before)s: one was changed or moved."
            ) % {"seq": seq, "before": seq - 1}
    whole = not any((document.get("range") or {}).values())
    if whole:
        last = max(by_seq, default=0)
        missing = sorted(set(range(1, last + 1)) - set(by_seq))
        if missing:
            return _(
                "Revision %(seq)s is missing: an entry, or part of its history, was removed."
            ) % {"seq": missing[0]}
        if head.get("seq") != last or (last and head.get("hash") != by_seq[last]["hash"]):
            return _(
                "The export's last revision is not the head it names: the newest were removed."
            )
    return None


def _check_closing(count: Any, sealed: Any, found: int, seal: str) -> str | None:
    if count != found:
        return _("The export said it held %(count)s entries; it holds %(found)s.") % {
            "count": count,
            "found": found,
        }
    if sealed != seal:
        return _("The export's closing seal does not match its entries: one was moved or changed.")
    return None


# --------------------------------------------------------------------------------- CSV


def _check_csv(text: str) -> Outcome:
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error:
        raise NotAnExport(_("This file is neither JSON nor CSV, so it is not an export.")) from None
    if len(rows) < 2 or len(rows[-1]) != 3 or len(rows[0]) < 3:
        raise NotAnExport(_("This file is not a CSV export of the log from Allies."))
    header, *body, last = rows
    outcome = Outcome(kind="csv", fingerprint=last[0])
    seal = rolling_seal(GENESIS_HASH, header)
    for number, row in enumerate(body, start=2):
        if len(row) != len(header):
            outcome.problem = _("Line %(line)s has a cell too many or too few.") % {"line": number}
            return outcome
        *cells, row_seal = row
        seal = rolling_seal(seal, cells)
        if seal != row_seal:
            outcome.problem = _(
                "Entry %(entry)s (line %(line)s) was altered, or a line before it was "
                "removed or moved."
            ) % {"entry": cells[0], "line": number}
            return outcome
        outcome.entries += 1
    outcome.problem = _check_closing(
        int(last[1]) if last[1].isdigit() else last[1],
        last[2],
        outcome.entries,
        rolling_seal(seal, last[:2]),
    )
    return outcome
