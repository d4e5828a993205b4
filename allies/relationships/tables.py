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
from .together import NOTHING_TOGETHER, Together


def health_rows(
    rows: Iterable[MemberHealth],
    labels: Mapping[str, str],
    together: Mapping[int, Together] | None = None,
) -> SafeString:
    """The relationships page's table body: status and every figure, labelled for phones;
    with `together` (`together_by_member`), what each is solving with the family too."""
    status, last, positive, reciprocity, follow_ups = (
        esc(labels[key]) for key in ("status", "last", "positive", "reciprocity", "follow_ups")
    )
    label = esc(labels.get("together", ""))

    def together_cell(h: MemberHealth) -> str:
        if together is None:
            return ""
        figure = together.get(h.member.pk, NOTHING_TOGETHER).figure
        return f'      <td data-label="{label}">{figure}</td>\n'

    return _html(
        "".join(
            "\n    <tr>\n"
            f'      <th scope="row">{h.name_cell}</th>\n'
            f'      <td data-label="{status}">{h.status_badge}</td>\n'
            f'      <td data-label="{last}">{h.figure_last}</td>\n'
            f'      <td data-label="{positive}">{h.figure_positive}</td>\n'
            f'      <td data-label="{reciprocity}">{h.figure_reciprocity}</td>\n'
            f'      <td data-label="{follow_ups}">{h.figure_follow_ups}</td>\n'
            f"{together_cell(h)}"
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
