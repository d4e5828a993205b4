"""Month-by-month bar charts drawn on the server as SVG.

The geometry is worked out here; `relationships/_chart.html` draws it, with a title,
a one-sentence summary and the numbers as a table, so the chart is never the only way
to read them. The SVG scales to its container through its viewBox.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from allies.core import dates
from allies.core.rendering import esc

from .health import MonthRow

# Drawn at about its size beside another chart on a wide screen, and legible (11 px text)
# when the viewBox shrinks to a 375 px phone.
WIDTH, HEIGHT = 480, 250
LEFT, RIGHT, TOP, BOTTOM = 34, 4, 12, 30


@dataclass
class Series:
    key: str  # MonthRow attribute
    label: str
    css: str


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    css: str
    label: str


@dataclass
class Chart:
    slug: str
    title: str
    summary: str
    series: list[Series]
    bars: list[Bar] = field(default_factory=list)
    months: list[tuple[float, str]] = field(default_factory=list)
    ticks: list[tuple[float, int]] = field(default_factory=list)
    rows: list[tuple[str, list[int]]] = field(default_factory=list)
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right_edge: int = WIDTH - RIGHT
    baseline: int = HEIGHT - BOTTOM

    # The repeated parts of `_chart.html`, written here (a template loop over 24 bars cost
    # more than the SQL behind the chart). Each is what the loop it replaced wrote,
    # numbers as `|stringformat:'s'` gives them, text escaped.
    @property
    def grid_svg(self) -> SafeString:
        """The gridlines, with their values on the axis."""
        return _html(
            "".join(
                f'\n    <line x1="{self.left}" x2="{self.right_edge}" y1="{y}" y2="{y}"'
                ' class="grid-line"/>\n'
                f'    <text x="{self.left - 6}" y="{y}" class="axis-label" text-anchor="end"'
                f' dominant-baseline="middle">{value}</text>\n    '
                for y, value in self.ticks
            )
        )

    @property
    def bars_svg(self) -> SafeString:
        hatch = f' fill="url(#{esc(self.slug)}-hatch)"'
        return _html(
            "".join(
                f'\n    <rect x="{bar.x}" y="{bar.y}" width="{bar.width}" height="{bar.height}"'
                f' class="{esc(bar.css)}"{hatch if bar.css == "bar-concern" else ""}>'
                f"<title>{esc(bar.label)}</title></rect>\n    "
                for bar in self.bars
            )
        )

    @property
    def months_svg(self) -> SafeString:
        """The month under each group of bars."""
        return _html(
            "".join(
                f'\n    <text x="{x}" y="{self.baseline + 18}" class="axis-label"'
                f' text-anchor="middle">{esc(label)}</text>\n    '
                for x, label in self.months
            )
        )

    @property
    def rows_html(self) -> SafeString:
        """The numbers as table rows, a month per row."""
        return _html(
            "".join(
                f'<tr><th scope="row">{esc(month)}</th>'
                + "".join(f"<td>{value}</td>" for value in values)
                + "</tr>"
                for month, values in self.rows
            )
        )


def _html(text: str) -> SafeString:
    return mark_safe(text)  # noqa: S308  # numbers and escaped text only


def _nice_top(value: int) -> int:
    """A round top for the scale: 4, 6, 8, 10, 15, 20, 25, 30, 40, 50, 60, 80, 100, ..."""
    if value <= 4:
        return 4
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        top = step * magnitude
        if top >= value and top == int(top):
            return int(top)
    return int(10 * magnitude)  # pragma: no cover - the loop always reaches 10 × magnitude


def _tick_count(top: int) -> int:
    """Gridlines on whole numbers: the first of 4, 5, 3, 2 that divides the top."""
    return next(k for k in (4, 5, 3, 2, 1) if top % k == 0)


def month_chart(
    slug: str, title: str, summary: str, rows: list[MonthRow], series: list[Series]
) -> Chart:
    chart = Chart(slug=slug, title=title, summary=summary, series=series)
    top = _nice_top(max((getattr(r, s.key) for r in rows for s in series), default=0))
    plot_w = chart.right_edge - LEFT
    plot_h = chart.baseline - TOP
    slot = plot_w / max(len(rows), 1)
    bar_w = slot * 0.7 / len(series)
    for i, row in enumerate(rows):
        x0 = LEFT + i * slot + slot * 0.15
        month_label = dates.month_label(row.month)
        chart.months.append((LEFT + i * slot + slot / 2, month_label))
        values = [getattr(row, s.key) for s in series]
        chart.rows.append((date_format(row.month, "YEAR_MONTH_FORMAT"), values))
        for j, (s, value) in enumerate(zip(series, values, strict=True)):
            height = plot_h * value / top
            chart.bars.append(
                Bar(
                    x=round(x0 + j * bar_w, 1),
                    y=round(chart.baseline - height, 1),
                    width=round(bar_w - 1, 1),
                    height=round(height, 1),
                    value=value,
                    css=s.css,
                    label=f"{month_label}: {s.label} {value}",
                )
            )
    steps = _tick_count(top)
    chart.ticks = [
        (round(chart.baseline - plot_h * k / steps, 1), top * k // steps) for k in range(steps + 1)
    ]
    return chart


def contacts_chart(slug: str, rows: list[MonthRow]) -> Chart:
    total = sum(r.contacts for r in rows)
    busiest = max(rows, key=lambda r: (r.contacts, r.month), default=None)
    if total and busiest is not None:
        summary = ngettext(
            "%(total)d contact in the last 12 months; the most in %(month)s (%(most)d).",
            "%(total)d contacts in the last 12 months; the most in %(month)s (%(most)d).",
            total,
        ) % {
            "total": total,
            "month": date_format(busiest.month, "YEAR_MONTH_FORMAT"),
            "most": busiest.contacts,
        }
    else:
        summary = _("No contacts logged in the last 12 months.")
    return month_chart(
        slug,
        _("Contacts per month"),
        summary,
        rows,
        [Series("contacts", _("Contacts"), "bar-contacts")],
    )


def tone_chart(slug: str, rows: list[MonthRow]) -> Chart:
    positive = sum(r.positive for r in rows)
    concerns = sum(r.concerns for r in rows)
    summary = _("Last 12 months: %(positive)s · %(concerns)s.") % {
        "positive": ngettext("%(n)d positive", "%(n)d positive", positive) % {"n": positive},
        "concerns": ngettext("%(n)d concern", "%(n)d concerns", concerns) % {"n": concerns},
    }
    return month_chart(
        slug,
        _("Positive and concern entries per month"),
        summary,
        rows,
        [
            Series("positive", _("Positive"), "bar-positive"),
            Series("concerns", _("Concerns"), "bar-concern"),
        ],
    )
