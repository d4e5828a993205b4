"""A student's page of dates that matter: IEP dates, progress reports, meetings planned
and action items due (past due first), a year ahead; the same list as home's, for one
child."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from allies.accounts.http import AuthenticatedHttpRequest
from allies.students.models import Student
from allies.workspaces.access import get_owned

from ..dates import WARN_DAYS, dates_that_matter


@login_required
def student_dates(request: AuthenticatedHttpRequest, student_id: int) -> HttpResponse:
    # An archived child's dates stay readable: their record is kept.
    student, membership = get_owned(request, Student.all_objects.all(), student_id)
    dates = dates_that_matter(membership.workspace, student=student)
    return render(
        request,
        "meetings/student_dates.html",
        {
            "membership": membership,
            "student": student,
            "dates": dates,
            "soon": sum(1 for d in dates if d.warn),
            "warn_days": WARN_DAYS,
        },
    )
