"""Keeping the weekly focus in step with the log."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from allies.log.signals import entry_recorded, follow_up_closed

from . import focus


@receiver(entry_recorded)
def entry_may_do_the_focus(entry: Any, member_ids: set[int], author: Any, **kwargs: Any) -> None:
    focus.note_entry(entry, member_ids=member_ids, author=author)


@receiver(follow_up_closed)
def follow_up_may_do_the_focus(entry: Any, author: Any, via: Any, **kwargs: Any) -> None:
    focus.note_follow_up(entry, author=author, via=via)
