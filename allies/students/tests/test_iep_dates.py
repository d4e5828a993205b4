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


def test_progress_reports_follow_the_schedule_from_the_iep_start(workspace: Any) -> None:
    quarterly = make_student(
        workspace, "Q", iep_start=D(2025, 11, 30), progress_reports="quarterly"
    )
    assert quarterly.progress_report_dates(D(2026, 1, 1), D(2026, 12, 31)) == [
        D(2026, 2, 28),
        D(2026, 5, 30),
        D(2026, 8, 30),
        D(2026, 11, 30),
    ]
    # Years later, the cycle still lands on the same days (and the start day counts).
    assert quarterly.progress_report_dates(D(2030, 5, 30), D(2030, 9, 1)) == [
        D(2030, 5, 30),
        D(2030, 8, 30),
    ]


def test_each_schedule_has_its_own_rhythm_and_other_has_none(workspace: Any) -> None:
    start = D(2026, 9, 1)
    expected = {
        "trimester": [D(2027, 1, 1), D(2027, 5, 1)],
        "semester": [D(2027, 3, 1)],
        "monthly": [D(2026, 10, 1), D(2026, 11, 1), D(2026, 12, 1), D(2027, 1, 1)],
        "other": [],
    }
    for schedule, days in expected.items():
        student = make_student(workspace, schedule, iep_start=start, progress_reports=schedule)
        assert student.progress_report_dates(D(2026, 9, 1), D(2027, 6, 1))[:4] == days, schedule
    assert (
        make_student(workspace, "no start").progress_report_dates(D(2026, 1, 1), D(2027, 1, 1))
        == []
    )


def test_progress_reports_between_list_each_student_by_day(workspace: Any) -> None:
    amy = make_student(workspace, "Amy", iep_start=D(2026, 1, 15), progress_reports="semester")
    bo = make_student(workspace, "Bo", iep_start=D(2026, 4, 15), progress_reports="quarterly")
    make_student(workspace, "Later", iep_start=D(2027, 1, 1))
    dates = Student.objects.filter(workspace=workspace).progress_reports_between(
        D(2026, 7, 1), D(2026, 10, 31)
    )
    assert [(d.day, d.student, d.label) for d in dates] == [
        (D(2026, 7, 15), amy, "progress report"),
        (D(2026, 7, 15), bo, "progress report"),
        (D(2026, 10, 15), bo, "progress report"),
    ]
