"""Calendar arithmetic shared by every app: one definition, checked at the edges."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.utils import timezone

from allies.core.dates import (
    day_start,
    month_bounds,
    month_start,
    month_starts,
    months_later,
    next_month,
    previous_month,
    years_later,
)

D = datetime.date


@pytest.mark.parametrize(
    ("day", "following", "before"),
    [
        (D(2026, 1, 31), D(2026, 2, 1), D(2025, 12, 1)),
        (D(2026, 11, 30), D(2026, 12, 1), D(2026, 10, 1)),
        (D(2026, 12, 1), D(2027, 1, 1), D(2026, 11, 1)),
        (D(2024, 2, 29), D(2024, 3, 1), D(2024, 1, 1)),
    ],
)
def test_next_and_previous_month_cross_the_year(
    day: datetime.date, following: datetime.date, before: datetime.date
) -> None:
    assert next_month(day) == following
    assert previous_month(day) == before
    assert month_start(day) == day.replace(day=1)


def test_month_starts_run_oldest_first_and_end_with_this_month() -> None:
    assert month_starts(D(2026, 2, 14), 4) == [
        D(2025, 11, 1),
        D(2025, 12, 1),
        D(2026, 1, 1),
        D(2026, 2, 1),
    ]
    assert month_starts(D(2026, 2, 14), 1) == [D(2026, 2, 1)]


def test_day_start_and_month_bounds_are_in_the_current_time_zone() -> None:
    with timezone.override(zoneinfo.ZoneInfo("America/Los_Angeles")):
        start = day_start(D(2026, 3, 8))  # the day clocks go forward there
        assert timezone.localtime(start).hour == 0
        first, after = month_bounds(D(2026, 12, 15))
        assert timezone.localtime(first).date() == D(2026, 12, 1)
        assert timezone.localtime(after).date() == D(2027, 1, 1)
        assert after - first == datetime.timedelta(days=31)


def test_years_later_keeps_the_day_or_falls_back_to_the_28th() -> None:
    assert years_later(D(2024, 2, 29), 4) == D(2028, 2, 29)
    assert years_later(D(2024, 2, 29), 1) == D(2025, 2, 28)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2026, 1, 31), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2028, 1, 31), 1, datetime.date(2028, 2, 29)),
        (datetime.date(2026, 11, 15), 3, datetime.date(2027, 2, 15)),
        (datetime.date(2026, 8, 31), 6, datetime.date(2027, 2, 28)),
        (datetime.date(2026, 12, 1), 12, datetime.date(2027, 12, 1)),
        (datetime.date(2026, 3, 10), 0, datetime.date(2026, 3, 10)),
    ],
)
def test_months_later_keeps_the_day_or_the_months_last(
    day: datetime.date, months: int, expected: datetime.date
) -> None:
    assert months_later(day, months) == expected
