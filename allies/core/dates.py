"""Days and months in the reader's time zone: the one place calendar arithmetic lives."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.formats import date_format, get_format_modules


def day_start(day: datetime.date) -> datetime.datetime:
    """The first moment of `day` in the current time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def month_start(day: datetime.date) -> datetime.date:
    """The first day of `day`'s month."""
    return day.replace(day=1)


def next_month(day: datetime.date) -> datetime.date:
    """The first day of the month after `day`'s."""
    return datetime.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def previous_month(day: datetime.date) -> datetime.date:
    """The first day of the month before `day`'s."""
    return (month_start(day) - datetime.timedelta(days=1)).replace(day=1)


def month_starts(today: datetime.date, months: int) -> list[datetime.date]:
    """The first day of the last `months` calendar months, oldest first, this one last."""
    starts = [month_start(today)]
    while len(starts) < months:
        starts.append(previous_month(starts[-1]))
    return starts[::-1]


def month_bounds(month: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The first moment of `month` and of the month after, in the current time zone."""
    return day_start(month_start(month)), day_start(next_month(month))


def years_later(day: datetime.date, years: int) -> datetime.date:
    """The same calendar day `years` later; 29 February falls back to the 28th."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def months_later(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; past the end of a shorter month, its last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = (next_month(datetime.date(year, month, 1)) - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(day.day, last))


def month_label(month: datetime.date) -> str:
    """The month as a chart's axis shows it in the active language: "Nov", "nov".

    The format is `CHART_MONTH_FORMAT` in `allies/formats/<lang>/formats.py` (Django's own
    format names cannot be extended, and "M" would capitalise a Spanish month)."""
    for module in get_format_modules():
        if hasattr(module, "CHART_MONTH_FORMAT"):
            return date_format(month, str(module.CHART_MONTH_FORMAT))
    return date_format(month, "M")
