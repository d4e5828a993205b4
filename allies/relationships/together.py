"""What each team member is solving with the family: the concerns they are invited to
that are still open, their open action items (past due, and still to do), and how the
ones they finished went (done by the date agreed, or after). Read from the concerns'
and action items' status, two grouped queries for the whole team."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count
from django.utils.safestring import SafeString

from allies.meetings.models import OPEN_CONCERN, ActionItem, Concern, follow_through_counts
from allies.workspaces.models import Workspace

from . import figures


@dataclass(frozen=True)
class Together:
    concerns: int = 0  # open concerns they are invited to solve
    past_due: int = 0  # their open action items past the date
    to_do: int = 0  # their other open action items
    on_time: int = 0  # their action items done by the date agreed (or with none)
    late: int = 0  # done, after the date agreed

    @property
    def figure(self) -> SafeString:
        return figures.together_text(
            self.concerns, self.past_due, self.to_do, on_time=self.on_time, late=self.late
        )

    @property
    def rank(self) -> tuple[int, int, int]:
        """For sorting, most to solve first."""
        return (-self.past_due, -self.concerns, -self.to_do)


NOTHING_TOGETHER = Together()


def together_by_member(
    workspace: Workspace, today: datetime.date, student: int | None = None
) -> dict[int, Together]:
    """Each member's `Together`, by member id; members with nothing are left out. With
    `student`, the concerns and action items about that child only."""
    child = {"student": student} if student is not None else {}
    items = (
        ActionItem.objects.filter(workspace=workspace, owner__isnull=False, **child)
        .exclude(status=ActionItem.Status.DROPPED)
        .values("owner")
        .annotate(**follow_through_counts(today))
        .order_by("owner")
    )
    invited = (
        Concern.invited.through.objects.filter(concern__workspace=workspace)
        .filter(concern__in=Concern.objects.filter(OPEN_CONCERN, workspace=workspace, **child))
        .values("teammember")
        .annotate(n=Count("pk"))
        .order_by("teammember")
    )
    concerns = {row["teammember"]: row["n"] for row in invited}
    found: dict[int, Together] = {}
    for row in items:
        found[row["owner"]] = Together(
            concerns=concerns.pop(row["owner"], 0),
            past_due=row["overdue"],
            to_do=row["open"],
            on_time=row["on_time"],
            late=row["late"],
        )
    for member, n in concerns.items():
        found[member] = Together(concerns=n)
    return found
