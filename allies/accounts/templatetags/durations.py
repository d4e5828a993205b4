"""Durations in words people read: the lock-out page says how many minutes it lasts."""

from __future__ import annotations

import datetime

from django import template

register = template.Library()


@register.filter
def in_minutes(value: datetime.timedelta | None) -> int:
    """Whole minutes, at least one (django-axes gives its cool-off as a timedelta)."""
    if not isinstance(value, datetime.timedelta):
        return 0
    return max(1, round(value.total_seconds() / 60))
