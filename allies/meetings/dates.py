"""Dates that matter, per student: IEP dates, progress reports, meetings, action items due.

One list from four sources in a fixed number of queries (students, meetings, action items),
whatever the number of students or dates; each date says whether it is close enough to
prepare for (`WARN_DAYS`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from allies.core.dates import day_start
from allies.students.models import Student
from allies.workspaces.models import Workspace

from .models import ActionItem, Meeting

WARN_DAYS = 45
HORIZON_DAYS = 365


@dataclass(frozen=True)
class DateThatMatters:
    day: datetime.date
    kind: str  # annual, reevaluation, progress, meeting, action
    label: str
    student: Student | None
    meeting: Meeting | None = None
    action: ActionItem | None = None
    warn: bool = False

    @property
    def days_away(self) -> int:
        return (self.day - timezone.localdate()).days

    @property
    def days_late(self) -> int:
        """How many days past due (an open action item); 0 for a date still to come."""
        return max(0, -self.days_away)


def dates_that_matter(
    workspace: Workspace,
    *,
    student: Student | None = None,
    today: datetime.date | None = None,
    days: int = HORIZON_DAYS,
    roster: list[Student] | None = None,
    meetings: list[Meeting] | None = None,
    actions: list[ActionItem] | None = None,
) -> list[DateThatMatters]:
    """From today to `days` ahead, by day: for one student, or every current student.
    `roster`, `meetings` and `actions` are the students, the meetings in the window and
    the open action items due by its end (`meetings_in`, `actions_due`), when the
    caller has read them already."""
    today = today or timezone.localdate()
    end = today + datetime.timedelta(days=days)
    warn_until = today + datetime.timedelta(days=WARN_DAYS)
    students = Student.objects.filter(workspace=workspace)
    if student is not None:
        students = Student.all_objects.filter(pk=student.pk, workspace=workspace)
    found: list[DateThatMatters] = []

    def add(
        day: datetime.date,
        kind: str,
        label: str,
        about: Student | None,
        meeting: Meeting | None = None,
        action: ActionItem | None = None,
    ) -> None:
        found.append(
            DateThatMatters(day, kind, label, about, meeting, action, warn=day <= warn_until)
        )

    if roster is None or student is not None:
        roster = list(students)  # one query: every date below is about these students
    by_pk = {s.pk: s for s in roster}
    for s in roster:
        if s.annual_review_due is not None and today <= s.annual_review_due <= end:
            add(s.annual_review_due, "annual", _("Annual review"), s)
        if s.reevaluation_due is not None and today <= s.reevaluation_due <= end:
            add(s.reevaluation_due, "reevaluation", _("Re-evaluation due"), s)
        for day in s.progress_report_dates(today, end):
            add(day, "progress", _("Progress report"), s)

    if meetings is None:
        meetings = list(
            meetings_in(workspace.pk, list(by_pk), day_start(today), day_start(end), student)
        )
    for meeting in meetings:
        add(
            timezone.localdate(meeting.starts_at),
            "meeting",
            meeting.kind_label,
            by_pk.get(meeting.student_id or 0),
            meeting=meeting,
        )
    if actions is None:
        actions = list(actions_due(workspace.pk, list(by_pk), end, student))
    for item in actions:
        assert item.due is not None  # due__lte leaves out items without a date
        add(item.due, "action", item.text, by_pk.get(item.student_id or 0), action=item)
    return sorted(
        found,
        key=lambda d: (d.day, _KIND_ORDER[d.kind], d.student.name if d.student else ""),
    )


def _about(students: list[int], everyone: bool) -> Q:
    """About these students; for a whole workspace's dates (`everyone`), also about no
    student in particular."""
    about = Q(student__in=students)
    return about | Q(student__isnull=True) if everyone else about


def meetings_in(
    workspace: int,
    students: list[int],
    start: datetime.datetime,
    end: datetime.datetime,
    student: Student | None = None,
) -> QuerySet[Meeting]:
    """The meetings from `start` to `end` about `students` (and, for the whole
    workspace, about nobody in particular), soonest first."""
    return Meeting.objects.filter(
        _about(students, student is None),
        workspace=workspace,
        starts_at__gte=start,
        starts_at__lt=end,
    ).order_by("starts_at", "pk")


def actions_due(
    workspace: int, students: list[int], end: datetime.date, student: Student | None = None
) -> QuerySet[ActionItem]:
    """Open action items due by `end`, those already past due included (still to do)."""
    return (
        ActionItem.objects.open()
        .filter(_about(students, student is None), workspace=workspace, due__lte=end)
        .select_related("owner")
        .order_by("due", "pk")
    )


_KIND_ORDER = {"meeting": 0, "annual": 1, "reevaluation": 2, "progress": 3, "action": 4}
