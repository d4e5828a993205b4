"""The relationships page's "Solving together" column: each member's open concerns and
open action items, from their status, kept with the rest of the figures yet always
current."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from allies.meetings import services
from tests.support import client_for, make_member, page_of

DAY = datetime.timedelta(days=1)


def _row(page: str, name: str) -> str:
    start = page.index(f">{name}</a>")
    return page[start : page.index("</tr>", start)]


def test_each_member_s_concerns_and_action_items_are_counted(workspace: Any, alice: Any) -> None:
    lee = make_member(workspace, "Ms. Lee")
    make_member(workspace, "Mr. Park")
    services.concern_raise(workspace=workspace, author=alice, title="Homework", invited=[lee])
    done = services.concern_raise(workspace=workspace, author=alice, title="Lunch", invited=[lee])
    services.concern_set_status(concern=done, author=alice, status="resolved")
    today = timezone.localdate()
    for text, due in (("Late one", today - DAY), ("Soon", today + DAY), ("Undated", None)):
        services.action_item_add(workspace=workspace, author=alice, text=text, owner=lee, due=due)
    page = page_of(client_for(alice).get("/relationships/"))
    lee_row = _row(page, "Ms. Lee")
    assert "1 concern open" in lee_row
    assert "1 action item past due" in lee_row and "2 to do" in lee_row
    assert 'data-label="Solving together">—</td>' in _row(page, "Mr. Park")


def test_how_their_finished_action_items_went_is_counted(workspace: Any, alice: Any) -> None:
    lee = make_member(workspace, "Ms. Lee")
    today = timezone.localdate()
    for text, due, done_on in (
        ("On time", today - 3 * DAY, today - 4 * DAY),
        ("No date", None, today - 2 * DAY),
        ("Late", today - 9 * DAY, today - 2 * DAY),
    ):
        item = services.action_item_add(
            workspace=workspace, author=alice, text=text, owner=lee, due=due
        )
        services.action_item_set_status(item=item, status="done", on=done_on)
    dropped = services.action_item_add(
        workspace=workspace, author=alice, text="Dropped", owner=lee, due=today - 9 * DAY
    )
    services.action_item_set_status(item=dropped, status="dropped", reason="Not needed")
    lee_row = _row(page_of(client_for(alice).get("/relationships/")), "Ms. Lee")
    assert "2 done on time" in lee_row and "1 done late" in lee_row
    assert "past due" not in lee_row  # the dropped one is a decision, not a miss


def test_the_kept_figures_follow_a_change_the_log_does_not_see(workspace: Any, alice: Any) -> None:
    lee = make_member(workspace, "Ms. Lee")
    client = client_for(alice)
    assert 'data-label="Solving together">—' in _row(
        page_of(client.get("/relationships/")), "Ms. Lee"
    )
    item = services.action_item_add(
        workspace=workspace, author=alice, text="Chart", owner=lee, due=timezone.localdate() - DAY
    )
    assert "1 action item past due" in _row(page_of(client.get("/relationships/")), "Ms. Lee")
    services.action_item_set_status(item=item, status="done")
    after = _row(page_of(client.get("/relationships/")), "Ms. Lee")
    assert "past due" not in after and "1 done late" in after


def test_sorting_by_it_puts_most_to_solve_first(workspace: Any, alice: Any) -> None:
    make_member(workspace, "Ann Calm")
    busy = make_member(workspace, "Zed Busy")
    services.action_item_add(
        workspace=workspace, author=alice, text="x", owner=busy, due=timezone.localdate() - DAY
    )
    page = page_of(client_for(alice).get("/relationships/?sort=together"))
    assert page.index(">Zed Busy</a>") < page.index(">Ann Calm</a>")
    assert 'aria-sort="ascending"' in page
