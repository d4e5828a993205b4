"""Checking an export against its own seals: an export as downloaded holds together;
altering, removing, moving or cutting off any part of it is named; a file that is no
export (not text, compressed, not JSON or CSV, another JSON, too large) says so."""

from __future__ import annotations

import csv
import datetime
import gzip
import io
import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from allies.log.export_check import NotAnExport, check_export
from allies.log.models import Interaction
from allies.log.services import interaction_edit
from tests.support import (
    OWN_READ,
    ROLES,
    assert_outcome,
    client_for,
    field_error,
    make_entry,
    make_member,
    page_of,
)

URL = "/log/export/verify/"
DAY = datetime.timedelta(days=1)


def _body(response: Any) -> bytes:
    return b"".join(response.streaming_content)


@pytest.fixture
def exported(workspace: Any, alice: Any) -> dict[str, bytes]:
    lee = make_member(workspace, "Ms. Lee")
    now = timezone.now()
    for i, text in enumerate(["Niño «uno»", "Two,\r\nlines", "=SUM(A1)", "Four"]):
        make_entry(workspace, alice, [lee], occurred_at=now - (10 - i) * DAY, summary=text)
    first = Interaction.objects.order_by("pk").first()
    assert first is not None
    interaction_edit(interaction=first, author=alice, participants=[lee], summary="Niño «1»")
    client = client_for(alice)
    return {kind: _body(client.get("/log/export/", {"format": kind})) for kind in ("csv", "json")}


@pytest.mark.parametrize("kind", ["csv", "json"])
def test_an_export_as_downloaded_holds_together(exported: dict[str, bytes], kind: str) -> None:
    outcome = check_export(exported[kind])
    assert outcome.ok, outcome.problem
    assert outcome.entries == 4 and outcome.fingerprint.startswith("Allies record 5 · ")
    if kind == "json":
        assert outcome.revisions == 5


def _json(raw: bytes) -> dict[str, Any]:
    return json.loads(raw)


def _dump(document: dict[str, Any]) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode()


def test_json_an_altered_summary_is_named(exported: dict[str, bytes]) -> None:
    document = _json(exported["json"])
    entry = document["entries"][1]
    entry["revisions"][0]["data"]["summary"] = "Something else"
    outcome = check_export(_dump(document))
    assert outcome.problem == (
        f"Entry {entry['id']} was altered: revision {entry['revisions'][0]['seq']} does not "
        "say what its seal was made from."
    )


def test_json_a_removed_entry_is_named(exported: dict[str, bytes]) -> None:
    document = _json(exported["json"])
    removed = document["entries"].pop(2)
    outcome = check_export(_dump(document))
    assert outcome.problem is not None
    assert f"Revision {removed['revisions'][0]['seq'] + 1}" in outcome.problem or (
        f"Revision {removed['revisions'][0]['seq']} is missing" in outcome.problem
    )


def test_json_entries_moved_or_the_newest_cut_off_are_found(exported: dict[str, bytes]) -> None:
    document = _json(exported["json"])
    document["entries"][1], document["entries"][2] = document["entries"][2], document["entries"][1]
    assert "closing seal" in str(check_export(_dump(document)).problem)
    document = _json(exported["json"])
    document["entries"].pop()  # the newest entry, and its seal in the closing
    document["head"] = {"seq": 4, "hash": document["entries"][-1]["revisions"][-1]["hash"]}
    problem = str(check_export(_dump(document)).problem)
    assert "missing" in problem or "head" in problem or "holds 3" in problem


def test_json_a_rewritten_chain_still_shows_in_the_closing_seal(
    exported: dict[str, bytes],
) -> None:
    """Whoever recomputes a revision's seal must recompute every later one, and the
    export's closing seal: without it the change shows."""
    from allies.log.services import revision_hash

    document = _json(exported["json"])
    revisions = [r for entry in document["entries"] for r in entry["revisions"]]
    revision = max(revisions, key=lambda r: r["seq"])  # the last one in the chain
    revision["data"]["summary"] = "Rewritten"
    payload = {k: v for k, v in revision.items() if k not in ("prev_hash", "hash")}
    revision["hash"] = revision_hash(prev_hash=revision["prev_hash"], payload=payload)
    document["head"]["hash"] = revision["hash"]
    assert "closing seal" in str(check_export(_dump(document)).problem)


def _rows(raw: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return ("\ufeff" + out.getvalue()).encode()


def test_csv_an_altered_cell_is_named_by_its_entry(exported: dict[str, bytes]) -> None:
    rows = _rows(exported["csv"])
    rows[2][8] = "Two lines, edited in Excel"
    assert check_export(_csv(rows)).problem == (
        f"Entry {rows[2][0]} (line 3) was altered, or a line before it was removed or moved."
    )


def test_csv_a_removed_or_moved_line_is_found(exported: dict[str, bytes]) -> None:
    rows = _rows(exported["csv"])
    del rows[2]
    assert "line 3" in str(check_export(_csv(rows)).problem)
    rows = _rows(exported["csv"])
    rows[1], rows[2] = rows[2], rows[1]
    assert "line 2" in str(check_export(_csv(rows)).problem)
    rows = _rows(exported["csv"])
    del rows[-2]  # the last entry: its row, and the count, are gone
    assert "it holds 3" in str(check_export(_csv(rows)).problem)


def test_every_single_byte_change_to_a_json_export_is_caught(exported: dict[str, bytes]) -> None:
    """Each byte of the entries' part changed in turn: the file is refused as no export,
    or the check names a problem; never does it still hold together."""
    raw = exported["json"]
    start = raw.index(b'"entries"')
    for at in range(start, len(raw) - 2, max(1, (len(raw) - start) // 400)):
        changed = raw[:at] + bytes([raw[at] ^ 0x01]) + raw[at + 1 :]
        try:
            outcome = check_export(changed)
        except NotAnExport:
            continue
        assert not outcome.ok or json.loads(changed) == json.loads(raw), at


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"\xff\xfe\x00\x01", "not text in UTF-8"),
        (gzip.compress(b"{}", mtime=0), "compressed file"),
        (b"PK\x03\x04zipzipzip", "compressed file"),
        (b"{not json", "not valid JSON"),
        (b'{"format": "something-else"}', "not an Allies export"),
        (b'{"format": "allies-log-export", "version": 99}', "version"),
        (b'{"format": "allies-log-export", "version": 1}', "missing its entries"),
        (b"just some words", "not a CSV export"),
        (b'{"a":' * 100_000 + b"1" + b"}" * 100_000, "not valid JSON"),
    ],
    # Named, not shown: pytest-xdist's workers must collect the same ids.
    ids=["utf16", "gzip", "zip", "broken", "other-json", "version", "empty", "words", "deep"],
)
def test_a_file_that_is_no_export_says_so(raw: bytes, message: str) -> None:
    with pytest.raises(NotAnExport, match=message):
        check_export(raw)


# ---------------------------------------------------------------------------- the page


def _upload(name: str, raw: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, raw, content_type="application/octet-stream")


def test_the_page_checks_an_upload_and_keeps_nothing(exported: dict[str, bytes], vera: Any) -> None:
    client = client_for(vera)
    response = client.post(URL, {"file": _upload("log.json", exported["json"])})
    page = page_of(response)
    assert response.status_code == 200
    assert "The export holds together" in page
    assert "4 entries and their 5 revisions" in page
    rows = _rows(exported["csv"])
    rows[3][8] = "<b>changed</b>"
    page = page_of(client.post(URL, {"file": _upload("log.csv", _csv(rows))}))
    assert "The export was changed" in page and f"Entry {rows[3][0]} (line 4)" in page


def test_the_page_refuses_what_is_no_export_on_the_form(workspace: Any, alice: Any) -> None:
    client = client_for(alice)
    response = client.post(URL, {"file": _upload("photo.zip", b"PK\x03\x04....")})
    assert response.status_code == 400
    assert "compressed file" in field_error(response, "file")
    response = client.post(URL, {})
    assert "Choose the export file to check." in field_error(response, "file")


def test_a_file_too_large_is_refused_before_it_is_read(workspace: Any, alice: Any) -> None:
    response = client_for(alice).post(
        URL, {"file": _upload("big.json", b"x")}, CONTENT_LENGTH=str(200 * 1024 * 1024)
    )
    assert response.status_code == 413
    assert "too large to be an export" in page_of(response)


def test_the_page_still_needs_its_csrf_token(workspace: Any, alice: Any) -> None:
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post(URL, {"file": _upload("a.json", b"{}")})
    assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_who_may_check_an_export(personas: dict[str, Any], role: str) -> None:
    assert_outcome(client_for(personas[role]).get(URL), OWN_READ[role])
