"""Upcoming IEP dates: one definition for the weekly focus and the monthly update."""

from __future__ import annotations

import datetime
from typing import Any

from allies.students.models import Student
from tests.support import make_student

D = datetime.date


def test_dates_in_the_window_come_by_day_annual_first_then_by_student(workspace: Any) -> None:
    zoe = make_student(
        workspace, "Zoe", annual_review_due=D(2026, 12, 10), reevaluation_due=D(2026, 12, 1)
    )
    amy = make_student(
        workspace, "Amy", annual_review_due=D(2026, 12, 1), reevaluation_due=D(2029, 1, 1)
    )
    make_student(
        workspace, "Out", annual_review_due=D(2026, 11, 29), reevaluation_due=D(2027, 3, 1)
    )

    dates = Student.objects.filter(workspace=workspace).iep_dates_between(
        D(2026, 11, 30), D(2026, 12, 10)
    )

    assert [(d.day, d.kind, d.student) for d in dates] == [
        (D(2026, 12, 1), "annual", amy),
        (D(2026, 12, 1), "reevaluation", zoe),
        (D(2026, 12, 10), "annual", zoe),
    ]
    assert [d.label for d in dates] == ["annual review", "re-evaluation", "annual review"]
