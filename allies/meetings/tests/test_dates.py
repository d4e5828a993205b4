"""Dates that matter: one list from the IEP dates, progress reports, meetings and actions."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from allies.meetings import services
from allies.meetings.dates import dates_that_matter
from tests.support import make_member, make_student

D = datetime.date


def _noon(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def test_every_kind_of_date_in_order_with_warnings_inside_45_days(
    workspace: Any, alice: Any
) -> None:
    today = D(2026, 12, 7)
    sam = make_student(
        workspace,
        "Sam",
        iep_start=D(2026, 1, 10),
        annual_review_due=D(2027, 1, 10),
        reevaluation_due=D(2029, 1, 10),
        progress_reports="quarterly",
    )
    lee = make_member(workspace)
    services.meeting_plan(
        workspace=workspace, author=alice, starts_at=_noon(D(2027, 1, 5)), student=sam
    )
    services.action_item_add(
        workspace=workspace, author=alice, text="Send the log", due=D(2026, 12, 1), student=sam
    )
    services.action_item_add(workspace=workspace, author=alice, text="No date", owner=lee)
    done = services.action_item_add(
        workspace=workspace, author=alice, text="Done", due=D(2026, 12, 20)
    )
    services.action_item_set_status(item=done, status="done")

    dates = dates_that_matter(workspace, today=today, days=130)

    assert [(d.day, d.kind, d.warn) for d in dates] == [
        (D(2026, 12, 1), "action", True),  # past due and still open
        (D(2027, 1, 5), "meeting", True),
        (D(2027, 1, 10), "annual", True),
        (D(2027, 1, 10), "progress", True),
        (D(2027, 4, 10), "progress", False),
    ]
    assert all(d.student == sam for d in dates)


def test_one_student_leaves_out_a_sibling_and_the_workspace_wide(
    workspace: Any, alice: Any
) -> None:
    today = D(2026, 12, 7)
    sam = make_student(workspace, "Sam", annual_review_due=D(2027, 1, 1))
    ada = make_student(workspace, "Ada", annual_review_due=D(2027, 1, 2))
    services.meeting_plan(workspace=workspace, author=alice, starts_at=_noon(D(2027, 1, 3)))
    services.action_item_add(
        workspace=workspace, author=alice, text="Ada's", due=D(2027, 1, 4), student=ada
    )

    assert [d.day for d in dates_that_matter(workspace, student=sam, today=today)] == [
        D(2027, 1, 1)
    ]
    everything = dates_that_matter(workspace, today=today)
    assert [d.kind for d in everything] == ["annual", "annual", "meeting", "action"]


def test_the_number_of_queries_does_not_grow_with_students_or_dates(
    workspace: Any, alice: Any
) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            dates_that_matter(workspace, today=D(2026, 12, 7))
        return len(queries)

    make_student(workspace, "One", iep_start=D(2026, 1, 1), progress_reports="monthly")
    few = count()
    for n in range(10):
        student = make_student(
            workspace, f"S{n}", iep_start=D(2026, 1, 1), annual_review_due=D(2027, 1, 1)
        )
        services.meeting_plan(
            workspace=workspace, author=alice, starts_at=_noon(D(2027, 2, 1)), student=student
        )
        services.action_item_add(
            workspace=workspace, author=alice, text="x", due=D(2027, 1, 1), student=student
        )
    assert count() == few == 3
