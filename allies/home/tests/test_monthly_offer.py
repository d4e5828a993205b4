"""Home offers the monthly update only when the month has something in it."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from allies.toolkit.drafts import monthly_update_due
from tests.support import client_for, make_entry, make_member

LAST_WEEK = datetime.date(2026, 11, 27)  # in the last week of November: an update is due


def test_a_new_workspace_is_offered_no_update(workspace: Any) -> None:
    assert monthly_update_due(workspace, LAST_WEEK) is None


def test_a_month_with_an_entry_is_offered(alice: Any, workspace: Any) -> None:
    lee = make_member(workspace)
    when = timezone.make_aware(datetime.datetime(2026, 11, 3, 10))
    make_entry(workspace, alice, [lee], occurred_at=when)
    assert monthly_update_due(workspace, LAST_WEEK) == datetime.date(2026, 11, 1)
    # Outside the last and first weeks, nothing is offered whatever the log holds.
    assert monthly_update_due(workspace, datetime.date(2026, 11, 15)) is None


def test_an_entry_from_another_month_does_not_count(alice: Any, workspace: Any) -> None:
    lee = make_member(workspace)
    make_entry(
        workspace,
        alice,
        [lee],
        occurred_at=timezone.make_aware(datetime.datetime(2026, 10, 30, 10)),
    )
    assert monthly_update_due(workspace, LAST_WEEK) is None


@pytest.mark.parametrize("logged", [False, True])
def test_home_shows_the_offer_only_with_entries(
    alice: Any, workspace: Any, logged: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    lee = make_member(workspace)
    today = timezone.localdate()
    monkeypatch.setattr(
        "allies.toolkit.drafts.update_month_offer", lambda _today: today.replace(day=1)
    )
    if logged:
        make_entry(workspace, alice, [lee], occurred_at=timezone.now())
    page = client_for(alice).get("/").content.decode()
    assert ("Time for the monthly update" in page) is logged
