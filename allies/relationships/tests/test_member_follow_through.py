"""A team member's page says what they took on and how it went: done by the date agreed,
done after it, open past it, open and not yet due; dropped items are not held against
anyone."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from allies.meetings import services
from allies.meetings.models import ActionItem
from tests.support import (
    ESCAPED,
    PAYLOAD,
    assert_same_queries,
    client_for,
    make_member,
    page_of,
    queries_for,
)

DAY = datetime.timedelta(days=1)


def _item(workspace: Any, alice: Any, owner: Any, text: str, due_in: int | None) -> Any:
    due = None if due_in is None else timezone.localdate() + due_in * DAY
    return services.action_item_add(
        workspace=workspace, author=alice, text=text, owner=owner, due=due
    )


def _history(workspace: Any, alice: Any, lee: Any) -> None:
    today = timezone.localdate()
    on_time = _item(workspace, alice, lee, "Send the chart", -10)
    services.action_item_set_status(item=on_time, status="done", on=today - 12 * DAY)
    late = _item(workspace, alice, lee, "Call the family", -10)
    services.action_item_set_status(item=late, status="done", on=today - 2 * DAY)
    _item(workspace, alice, lee, "Share the reading log", -3)
    _item(workspace, alice, lee, "Plan the next check-in", 5)
    dropped = _item(workspace, alice, lee, "Try the old timer", -20)
    services.action_item_set_status(item=dropped, status="dropped", reason="Not needed")


def test_the_figures_count_each_item_once_in_sql(workspace: Any, alice: Any) -> None:
    lee = make_member(workspace, "Ms. Lee")
    _history(workspace, alice, lee)
    figures = ActionItem.objects.filter(owner=lee).follow_through(timezone.localdate())
    assert (figures.on_time, figures.late, figures.overdue, figures.open) == (1, 1, 1, 1)


def test_the_member_page_shows_what_they_took_on(workspace: Any, alice: Any) -> None:
    lee = make_member(workspace, "Ms. Lee")
    other = make_member(workspace, "Mr. Park")
    _history(workspace, alice, lee)
    _item(workspace, alice, other, "Not Ms. Lee's", -1)
    page = page_of(client_for(alice).get(f"/team/{lee.pk}/"))
    section = page[page.index('id="actions-title"') :]
    section = section[: section.index("</section>")]
    for label in ("Done by the date agreed", "Done after the date", "Open, past the date"):
        assert f"<dt>{label}</dt><dd>1</dd>" in section
    assert "Share the reading log" in section and "Plan the next check-in" in section
    assert "Send the chart" not in section  # done: counted, not listed
    assert "Not Ms. Lee's" not in section and "Try the old timer" not in section
    assert f"?owner={lee.pk}&amp;status=all" in section


def test_someone_with_no_action_items_is_told_how_they_come(workspace: Any, alice: Any) -> None:
    lee = make_member(workspace, "Ms. Lee")
    assert "No action items with their name yet." in page_of(
        client_for(alice).get(f"/team/{lee.pk}/")
    )


def test_what_was_typed_is_shown_inert(workspace: Any, alice: Any) -> None:
    lee = make_member(workspace, "Ms. Lee")
    _item(workspace, alice, lee, PAYLOAD, 3)
    page = page_of(client_for(alice).get(f"/team/{lee.pk}/"))
    assert PAYLOAD not in page and ESCAPED in page


def test_the_page_costs_the_same_with_3_or_30_action_items(workspace: Any, alice: Any) -> None:
    lee = make_member(workspace, "Ms. Lee")
    client = client_for(alice)
    for n in range(3):
        _item(workspace, alice, lee, f"Item {n}", n - 1)
    small = queries_for(client, f"/team/{lee.pk}/")
    for n in range(27):
        _item(workspace, alice, lee, f"More {n}", n - 10)
    assert_same_queries("A member's page", small, queries_for(client, f"/team/{lee.pk}/"))


def test_the_member_page_says_where_the_concerns_they_help_solve_stand(
    workspace: Any, alice: Any
) -> None:
    lee = make_member(workspace, "Ms. Lee")
    homework = services.concern_raise(
        workspace=workspace, author=alice, title="Homework is long", invited=[lee]
    )
    services.concern_set_status(concern=homework, author=alice, status="plan_agreed", plan="Less")
    services.concern_raise(workspace=workspace, author=alice, title="Recess", invited=[lee])
    lunch = services.concern_raise(workspace=workspace, author=alice, title="Lunch", invited=[lee])
    services.concern_set_status(concern=lunch, author=alice, status="resolved")
    services.concern_raise(workspace=workspace, author=alice, title="Not hers")
    page = page_of(client_for(alice).get(f"/team/{lee.pk}/"))
    section = page[page.index('id="concerns-title"') :]
    section = section[: section.index("</section>")]
    assert "2 open (1 with a plan agreed), 1 resolved." in section
    assert "Homework is long" in section and "Recess" in section
    assert "Lunch" not in section and "Not hers" not in section
