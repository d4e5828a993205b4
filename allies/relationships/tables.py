"""The rows of the team tables (home's and the relationships page's), written here.

A row per team member, each cell a figure of `MemberHealth`: as a template loop that was
a dozen variable look-ups a row, several milliseconds for a team of 50. These write what
those loops wrote, line breaks included; the cells are the `MemberHealth` properties the
loops printed, already escaped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.utils.safestring import SafeString, mark_safe

from allies.core.rendering import esc

from .health import MemberHealth


def health_rows(rows: Iterable[MemberHealth], labels: Mapping[str, str]) -> SafeString:
    """The relationships page's table body: status and every figure, labelled for phones."""
    status, last, positive, reciprocity, follow_ups = (
        esc(labels[key]) for key in ("status", "last", "positive", "reciprocity", "follow_ups")
    )
    return _html(
        "".join(
            "\n    <tr>\n"
            f'      <th scope="row">{h.name_cell}</th>\n'
            f'      <td data-label="{status}">{h.status_badge}</td>\n'
            f'      <td data-label="{last}">{h.figure_last}</td>\n'
            f'      <td data-label="{positive}">{h.figure_positive}</td>\n'
            f'      <td data-label="{reciprocity}">{h.figure_reciprocity}</td>\n'
            f'      <td data-label="{follow_ups}">{h.figure_follow_ups}</td>\n'
            "    </tr>\n  "
            for h in rows
        )
    )


def contact_rows(rows: Iterable[MemberHealth]) -> SafeString:
    """Home's team table body: who, the last contact, the status."""
    return _html(
        "".join(
            "\n      <tr>\n"
            f'        <th scope="row">{h.name_cell}</th>\n'
            f"        <td>{h.figure_last}</td>\n"
            f"        <td>{h.status_badge}</td>\n"
            "      </tr>\n    "
            for h in rows
        )
    )


def _html(text: str) -> SafeString:
    return mark_safe(text)  # noqa: S308  # escaped labels and cells only
