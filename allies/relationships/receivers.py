"""Keeping the weekly focus in step with the log and the meetings."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from allies.log.signals import entry_recorded, follow_up_closed
from allies.meetings.models import Phase
from allies.meetings.signals import action_item_closed, checklist_item_ticked, insight_acknowledged

from . import focus


@receiver(entry_recorded)
def entry_may_do_the_focus(entry: Any, member_ids: set[int], author: Any, **kwargs: Any) -> None:
    focus.note_entry(entry, member_ids=member_ids, author=author)


@receiver(follow_up_closed)
def follow_up_may_do_the_focus(entry: Any, author: Any, via: Any, **kwargs: Any) -> None:
    focus.note_follow_up(entry, author=author, via=via)


@receiver(insight_acknowledged)
def insight_thanked_may_do_the_focus(insight: Any, **kwargs: Any) -> None:
    focus.note_done(insight.workspace_id, f"insight:{insight.pk}", author=None)


@receiver(action_item_closed)
def action_item_closed_may_do_the_focus(item: Any, **kwargs: Any) -> None:
    focus.note_done(item.workspace_id, f"action_item:{item.pk}", author=None)


@receiver(checklist_item_ticked)
def preparation_started_may_do_the_focus(item: Any, author: Any, **kwargs: Any) -> None:
    if item.phase == Phase.BEFORE:
        focus.note_done(item.meeting.workspace_id, f"meeting_prep:{item.meeting_id}", author=author)
