"""A record taken out and checked, in a real browser (issue 11): export the log as PDF
and read its text, export it as JSON, change one byte of it as someone might by hand,
and have Check an export name the entry that was altered."""

from __future__ import annotations

import datetime
import io
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.support import make_entry, make_member, make_user, make_workspace

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def logged() -> dict[str, Any]:
    user = make_user("alice@example.com", display_name="Alice")
    workspace = make_workspace(user, name="The Rivera family")
    lee = make_member(workspace, name="Ms. Lee")
    now = timezone.now()
    entries = [
        make_entry(workspace, user, [lee], occurred_at=now - datetime.timedelta(days=d), summary=s)
        for d, s in (
            (9, "Asked Ms. Lee about the reading log."),
            (5, "Ms. Lee said Maya read a whole page aloud."),
            (2, "Thanked Ms. Lee for the visual schedule."),
        )
    ]
    return {"user": user, "entries": entries}


def _download(page: Page, button: str, folder: Path) -> Path:
    with page.expect_download() as info:
        page.get_by_role("button", name=button).click()
    path = folder / info.value.suggested_filename
    info.value.save_as(path)
    return path


def test_export_the_log_then_catch_one_changed_byte(
    page: Page, server: str, logged: dict[str, Any], tmp_path: Path
) -> None:
    log_in(page.context, server, logged["user"])
    page.goto(f"{server}/log/")
    page.get_by_role("link", name="Export the log").click()

    # The PDF, as a family would hand it over: its text holds the entries and the seal.
    page.get_by_label("PDF, to print or hand over").check()
    pdf = _download(page, "Download", tmp_path)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    assert "Ms. Lee said Maya read a whole page aloud." in text
    assert "Allies record 3 · " in text and "How to check this record" in text

    # The JSON, with one byte changed by hand: "whole" becomes "whale".
    page.get_by_label("JSON, every revision with its seal").check()
    exported = _download(page, "Download", tmp_path)
    raw = exported.read_bytes()
    assert raw.count(b"a whole page") == 1
    changed = tmp_path / "changed.json"
    changed.write_bytes(raw.replace(b"a whole page", b"a whale page"))

    page.get_by_role("link", name="Check an export you have").click()
    page.get_by_label("The export (CSV or JSON)").set_input_files(str(exported))
    page.get_by_role("button", name="Check it").click()
    expect(page.get_by_role("status")).to_contain_text("The export holds together")

    page.get_by_label("The export (CSV or JSON)").set_input_files(str(changed))
    page.get_by_role("button", name="Check it").click()
    altered = logged["entries"][1]
    expect(page.get_by_role("status")).to_contain_text(f"Entry {altered.pk} was altered")
