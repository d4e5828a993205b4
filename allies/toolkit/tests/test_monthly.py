"""The monthly update: a month of the log, drafted on the compose page."""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from allies.log.models import Purpose
from tests.support import COMPOSE, client_for, make_entry, page_of, textarea

VICTORY = int(Purpose.VICTORY)


def test_the_monthly_update_drafts_that_month_from_the_log(
    alice: Any, workspace: Any, lee: Any
) -> None:
    for day, summary in ((14, "October victory one."), (20, "October victory two.")):
        make_entry(
            workspace,
            alice,
            [lee],
            occurred_at=timezone.make_aware(datetime.datetime(2026, 10, day, 12)),
            purposes=VICTORY,
            summary=summary,
        )
    make_entry(
        workspace,
        alice,
        [lee],
        occurred_at=timezone.make_aware(datetime.datetime(2026, 9, 14, 12)),
        purposes=VICTORY,
        summary="September victory.",
    )
    client = client_for(alice)
    response = client.get("/toolkit/monthly/", {"month": "2026-10", "member": lee.pk})
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert target.path == COMPOSE
    query = parse_qs(target.query)
    assert query["kind"] == ["monthly_update"]
    assert query["month"] == ["2026-10"]
    assert query["member"] == [str(lee.pk)]
    page = page_of(client.get(response["Location"]))
    body = textarea(page)
    assert "October victory one." in body and "October victory two." in body
    assert "September victory." not in body
    assert 'name="month" value="2026-10"' in page


@pytest.mark.parametrize("month", ["", "junk", "2026-13", "1999-01", "2026-1"])
def test_a_junk_month_means_this_month(alice: Any, workspace: Any, month: str) -> None:
    response = client_for(alice).get("/toolkit/monthly/", {"month": month})
    query = parse_qs(urlsplit(response["Location"]).query)
    assert query["month"] == [timezone.localdate().strftime("%Y-%m")]
    assert query["kind"] == ["monthly_update"]


def test_the_monthly_update_with_no_month_at_all(alice: Any, workspace: Any) -> None:
    response = client_for(alice).get("/toolkit/monthly/")
    query = parse_qs(urlsplit(response["Location"]).query)
    assert query["month"] == [timezone.localdate().strftime("%Y-%m")]
