"""The weekly focus rules that come from working together: an action item past due, a
meeting within three weeks whose "before" steps are not started, and a team member's
insight not yet acknowledged; each is done when the thing itself is."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from allies.meetings import services
from allies.meetings.models import ActionItem, Phase
from allies.relationships.focus import candidates, current_focus, describe
from allies.relationships.health import team_health
from allies.relationships.models import Rule, WeeklyFocus
from tests.support import make_member, make_student

DAY = datetime.timedelta(days=1)


@pytest.fixture
def lee(workspace: Any) -> Any:
    return make_member(workspace, "Ms. Lee")


def _rules(workspace: Any) -> list[str]:
    today = timezone.localdate()
    return [c.rule for c in candidates(workspace, today, team_health(workspace, today=today))]


def _meeting(workspace: Any, alice: Any, lee: Any, days: int) -> Any:
    return services.meeting_plan(
        workspace=workspace,
        author=alice,
        starts_at=timezone.now() + days * DAY,
        student=make_student(workspace, f"Sam {days}"),
        attendees=[lee],
        language="en",
    )


def test_an_action_item_past_due_comes_before_the_everyday_rules(
    workspace: Any, alice: Any, lee: Any
) -> None:
    today = timezone.localdate()
    late = services.action_item_add(
        workspace=workspace, author=alice, text="Send the reading log", owner=lee, due=today - DAY
    )
    services.action_item_add(  # due today: not past due
        workspace=workspace, author=alice, text="Call back", owner=lee, due=today
    )
    found = [c for c in candidates(workspace, today, team_health(workspace, today=today))]
    items = [c for c in found if c.rule == Rule.ACTION_ITEM]
    assert [c.key for c in items] == [f"action_item:{late.pk}"]
    assert items[0].member == lee
    assert found[0] == items[0] and found[-1].rule == Rule.APPRECIATE


def test_the_action_item_focus_says_what_and_links_to_the_overdue_items(
    workspace: Any, alice: Any, lee: Any
) -> None:
    today = timezone.localdate()
    services.action_item_add(
        workspace=workspace, author=alice, text="Send <the> log", owner=None, due=today - 3 * DAY
    )
    focus = current_focus(workspace, today=today)
    assert focus is not None and focus.rule == Rule.ACTION_ITEM
    text = describe(focus, today=today)
    assert "Send <the> log" in text.title  # escaped by the template, not here
    assert "3 days ago" in text.reason and "the family" in text.reason
    assert text.url.startswith(reverse("action_list"))


def test_closing_the_action_item_does_the_focus(workspace: Any, alice: Any, lee: Any) -> None:
    today = timezone.localdate()
    item = services.action_item_add(
        workspace=workspace, author=alice, text="Send the log", owner=lee, due=today - DAY
    )
    focus = current_focus(workspace, today=today)
    assert focus is not None and focus.key == f"action_item:{item.pk}"
    services.action_item_set_status(item=item, status=ActionItem.Status.DONE)
    focus.refresh_from_db()
    assert focus.state == WeeklyFocus.State.DONE


def test_a_meeting_soon_with_no_before_step_ticked_asks_for_preparation(
    workspace: Any, alice: Any, lee: Any
) -> None:
    soon = _meeting(workspace, alice, lee, days=10)
    _meeting(workspace, alice, lee, days=30)  # not within three weeks
    started = _meeting(workspace, alice, lee, days=5)
    step = started.checklist.filter(phase=Phase.BEFORE).first()
    services.checklist_item_set(item=step, author=alice, done=True)
    keys = [c.key for c in candidates(workspace, timezone.localdate(), team_health(workspace))]
    assert [k for k in keys if k.startswith("meeting_prep:")] == [f"meeting_prep:{soon.pk}"]


def test_ticking_a_before_step_does_the_preparation_focus(
    workspace: Any, alice: Any, lee: Any
) -> None:
    meeting = _meeting(workspace, alice, lee, days=10)
    today = timezone.localdate()
    focus = current_focus(workspace, today=today)
    assert focus is not None and focus.rule == Rule.MEETING_PREP
    text = describe(focus, today=today)
    assert "10 days" in text.reason or "9 days" in text.reason
    assert text.url == reverse("meeting_detail", args=[meeting.pk])
    during = meeting.checklist.filter(phase=Phase.DURING).first()
    services.checklist_item_set(item=during, author=alice, done=True)
    focus.refresh_from_db()
    assert focus.state != WeeklyFocus.State.DONE  # a "during" step is not preparation
    before = meeting.checklist.filter(phase=Phase.BEFORE).first()
    services.checklist_item_set(item=before, author=alice, done=True)
    focus.refresh_from_db()
    assert focus.state == WeeklyFocus.State.DONE and focus.done_by == alice


def test_a_team_members_insight_not_yet_thanked_is_suggested_until_acknowledged(
    workspace: Any, alice: Any, lee: Any
) -> None:
    insight = services.insight_record(
        workspace=workspace, author=alice, observed="Calmer after recess", shared_by=lee
    )
    services.insight_record(  # the family's own: nobody to thank
        workspace=workspace, author=alice, observed="Reads to the dog", shared_by_name="Dad"
    )
    assert Rule.INSIGHT in _rules(workspace)
    today = timezone.localdate()
    # Only the insight rule can fire here (no entries, no dates): the focus is it.
    WeeklyFocus.objects.filter(workspace=workspace).delete()
    focus = current_focus(workspace, today=today)
    assert focus is not None
    if focus.rule != Rule.INSIGHT:  # a check-in with Ms. Lee comes first
        assert focus.rule == Rule.CHECK_IN
        focus.key = f"insight:{insight.pk}"
        focus.rule = Rule.INSIGHT
        focus.facts = {"insight": insight.pk, "date": insight.observed_on.isoformat()}
        focus.member = lee
        focus.save()
    text = describe(focus, today=today)
    assert "Calmer after recess" in text.reason and "Ms. Lee" in text.title
    assert text.url.startswith(reverse("compose")) and "kind=appreciation" in text.url
    services.insight_acknowledge(insight=insight)
    focus.refresh_from_db()
    assert focus.state == WeeklyFocus.State.DONE
    assert Rule.INSIGHT not in _rules(workspace)


def test_these_rules_cost_a_query_each_whatever_their_number(
    workspace: Any, alice: Any, lee: Any, django_assert_max_num_queries: Any
) -> None:
    today = timezone.localdate()
    for i in range(12):
        services.action_item_add(
            workspace=workspace, author=alice, text=f"Item {i}", owner=lee, due=today - DAY
        )
        services.insight_record(
            workspace=workspace, author=alice, observed=f"Seen {i}", shared_by=lee
        )
    health = team_health(workspace, today=today)
    with django_assert_max_num_queries(8):
        found = candidates(workspace, today, health)
    assert len([c for c in found if c.rule == Rule.ACTION_ITEM]) == 10  # PER_RULE
