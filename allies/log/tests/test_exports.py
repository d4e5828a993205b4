"""Exporting the log: the form's checks, CSV (BOM, formulas neutralised, one row per
entry with its seal, streamed), JSON (every revision with its seal, recomputable), PDF
(text, history, fingerprint, Spanish), who may export, and constant queries."""

from __future__ import annotations

import csv
import datetime
import io
import json
from typing import Any

import pytest
from django.utils import timezone
from pypdf import PdfReader

from allies.log.exports import FORMULA_STARTS, neutralised
from allies.log.models import Interaction, InteractionRevision
from allies.log.services import interaction_edit, interaction_withdraw, revision_hash
from tests.support import (
    OWN_READ,
    PAYLOAD,
    ROLES,
    UNKNOWN_ID,
    assert_outcome,
    assert_same_queries,
    client_for,
    field_error,
    make_entry,
    make_member,
    make_student,
    make_user,
    make_workspace,
    page_of,
    queries_for,
)

URL = "/log/export/"
DAY = datetime.timedelta(days=1)


def _body(response: Any) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def logged(workspace: Any, alice: Any) -> dict[str, Any]:
    lee = make_member(workspace, "Ms. Lee")
    maya = make_student(workspace, "Maya")
    leo = make_student(workspace, "Leo")
    now = timezone.now()
    first = make_entry(
        workspace, alice, [lee], student=maya, occurred_at=now - 10 * DAY, summary="=HYPERLINK(1)"
    )
    second = make_entry(
        workspace, alice, [lee], student=leo, occurred_at=now - 5 * DAY, summary="Niño, «ñ» — ok"
    )
    third = make_entry(workspace, alice, [lee], occurred_at=now - 2 * DAY, summary=PAYLOAD)
    interaction_edit(
        interaction=Interaction.objects.get(pk=second.pk),
        author=alice,
        participants=[lee],
        summary="Niño, «ñ» — fixed",
    )
    interaction_withdraw(
        interaction=Interaction.objects.get(pk=third.pk), author=alice, reason="Logged twice"
    )
    return {"lee": lee, "maya": maya, "leo": leo, "entries": [first, second, third]}


@pytest.mark.parametrize("start", [*FORMULA_STARTS])
def test_a_cell_that_a_spreadsheet_would_run_is_neutralised(start: str) -> None:
    assert neutralised(f"{start}cmd|' /C calc'!A0") == f"'{start}cmd|' /C calc'!A0"
    assert neutralised("Plain words") == "Plain words"


def test_csv_opens_in_excel_with_accents_and_no_formulas(
    logged: dict[str, Any], alice: Any
) -> None:
    response = client_for(alice).get(URL, {"format": "csv"})
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="allies-log-')
    raw = _body(response)
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    header, *entries, fingerprint = rows
    assert header[0] == "Entry" and header[-2:] == ["Last revision's seal", "Row seal"]
    assert [r[0] for r in entries] == [str(e.pk) for e in logged["entries"]]  # oldest first
    assert entries[0][8] == "'=HYPERLINK(1)"
    assert entries[1][8] == "Niño, «ñ» — fixed" and entries[1][11] == "Edited"
    assert entries[2][11] == "Withdrawn: Logged twice"
    last = InteractionRevision.objects.filter(interaction=logged["entries"][1].pk).last()
    assert last is not None and entries[1][-2] == last.hash and entries[1][-3] == str(last.seq)
    assert fingerprint[0].startswith("Allies record 5 · ")
    assert fingerprint[1] == "3" and len(fingerprint[2]) == 64  # the rows, the closing seal


def test_json_holds_every_revision_with_a_seal_that_recomputes(
    logged: dict[str, Any], alice: Any
) -> None:
    response = client_for(alice).get(URL, {"format": "json"})
    document = json.loads(_body(response))
    assert document["format"] == "allies-log-export" and document["version"] == 1
    revisions = [r for entry in document["entries"] for r in entry["revisions"]]
    assert sorted(r["seq"] for r in revisions) == [1, 2, 3, 4, 5]
    assert document["head"]["seq"] == 5
    assert document["closing"]["count"] == 3 and len(document["closing"]["export_seal"]) == 64
    for r in revisions:
        payload = {k: v for k, v in r.items() if k not in ("prev_hash", "hash")}
        assert revision_hash(prev_hash=r["prev_hash"], payload=payload) == r["hash"]
    assert any(r["data"]["summary"] == PAYLOAD for r in revisions)  # JSON keeps it as typed


def test_the_range_and_the_child_and_the_person_narrow_it(
    logged: dict[str, Any], alice: Any, workspace: Any
) -> None:
    client = client_for(alice)
    maya = logged["maya"]
    rows = _body(client.get(URL, {"format": "csv", "student": maya.pk})).decode("utf-8-sig")
    assert "HYPERLINK" in rows and "Niño" not in rows
    today = timezone.localdate()
    recent = {"format": "csv", "start": (today - 6 * DAY).isoformat(), "end": today.isoformat()}
    rows = _body(client.get(URL, recent)).decode("utf-8-sig")
    assert "HYPERLINK" not in rows and "Niño" in rows
    park = make_member(workspace, "Mr. Park")
    rows = _body(client.get(URL, {"format": "csv", "member": park.pk})).decode("utf-8-sig")
    assert len(list(csv.reader(io.StringIO(rows)))) == 2  # the header and the fingerprint


def test_pdf_has_the_entries_their_history_and_the_fingerprint(
    logged: dict[str, Any], alice: Any
) -> None:
    response = client_for(alice).get(URL, {"format": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Communication log: The Test family" in text
    assert "Niño, «ñ» — fixed" in text and "Edited" in text and "“Logged twice”" in text
    assert '<script>alert("x")</script>' in text  # shown as text, never run or fetched
    assert "Allies record 5 · " in text and "1 / " in text
    assert "How to check this record" in text


def test_pdf_in_spanish(logged: dict[str, Any], alice: Any) -> None:
    alice.language = "es"
    alice.save()
    response = client_for(alice).get(URL, {"format": "pdf"}, HTTP_ACCEPT_LANGUAGE="es")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Registro de comunicación" in text
    assert "Cómo comprobar este registro" in text
    assert "Registro de Allies 5 · " in text


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"start": "2026-12-01", "end": "2026-11-01"}, "end", "The end comes before the start"),
        ({"start": "0001-01-01"}, "start", "Enter a date between"),
        ({"end": "31/31/2026"}, "end", "Enter a valid date"),
        ({"student": str(UNKNOWN_ID)}, "student", "Select a valid choice"),
        ({"member": "abc"}, "member", "Select a valid choice"),
        ({"format": "xls"}, "format", "Select a valid choice"),
    ],
)
def test_bad_input_is_said_on_the_form(
    logged: dict[str, Any], alice: Any, data: dict[str, str], field: str, message: str
) -> None:
    response = client_for(alice).get(URL, {"format": "csv", **data})
    assert response.status_code == 400
    assert message in field_error(response, field)


def test_another_workspace_s_child_is_no_choice(logged: dict[str, Any], alice: Any) -> None:
    other = make_workspace(make_user("other@example.com"), name="Others")
    theirs = make_student(other, "Zoe")
    response = client_for(alice).get(URL, {"format": "csv", "student": theirs.pk})
    assert response.status_code == 400
    assert "Zoe" not in page_of(response)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_export(logged: dict[str, Any], personas: dict[str, Any], role: str) -> None:
    response = client_for(personas[role]).get(URL, {"format": "csv"})
    assert_outcome(response, OWN_READ[role])
    if role in ("owner", "editor", "viewer"):  # viewers too: they may read it all
        assert "HYPERLINK" in _body(response).decode("utf-8-sig")
    elif role == "outsider":  # their own current workspace's log, never ours
        assert "HYPERLINK" not in _body(response).decode("utf-8-sig")


def test_the_page_offers_the_export_to_everyone_in_the_workspace(
    logged: dict[str, Any], vera: Any
) -> None:
    assert 'href="/log/export/"' in page_of(client_for(vera).get("/log/"))
    page = page_of(client_for(vera).get(URL))
    assert '<label for="id_start">From</label>' in page


@pytest.mark.parametrize("kind", ["csv", "json"])
def test_queries_do_not_grow_with_the_entries(
    workspace: Any, alice: Any, kind: str, settings: Any
) -> None:
    lee = make_member(workspace, "Ms. Lee")
    make_entry(workspace, alice, [lee])
    client = client_for(alice)
    few = queries_for(client, f"{URL}?format={kind}")
    for i in range(30):
        make_entry(workspace, alice, [lee], summary=f"Entry {i}")
    many = queries_for(client, f"{URL}?format={kind}")
    assert_same_queries(f"export {kind}", few, many)


def test_a_pdf_too_long_to_lay_out_says_so_and_offers_the_others(
    logged: dict[str, Any], alice: Any, monkeypatch: Any
) -> None:
    from allies.log import exports

    monkeypatch.setattr(exports, "PDF_MAX_ENTRIES", 2)
    response = client_for(alice).get(URL, {"format": "pdf"})
    assert response.status_code == 400
    assert "That would be a PDF of 3 entries; a PDF holds at most 2." in page_of(response)
    assert client_for(alice).get(URL, {"format": "csv"}).status_code == 200
