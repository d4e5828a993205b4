"""Students: IEP dates with sensible defaults, and forms that explain what is wrong."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from allies.core.dates import years_later
from allies.students.models import Student
from tests.support import client_for, field_error, make_student, student_data

UNKNOWN_ID = 987_654_321


@pytest.mark.parametrize(
    ("start", "one", "three"),
    [
        ("2025-09-02", datetime.date(2026, 9, 2), datetime.date(2028, 9, 2)),
        # 29 February has no anniversary in an ordinary year: the 28th is still in time.
        ("2024-02-29", datetime.date(2025, 2, 28), datetime.date(2027, 2, 28)),
        ("2023-02-28", datetime.date(2024, 2, 28), datetime.date(2026, 2, 28)),
    ],
)
def test_review_dates_default_to_one_and_three_years_after_the_iep_start(
    alice: Any, workspace: Any, start: str, one: datetime.date, three: datetime.date
) -> None:
    response = client_for(alice).post("/students/new/", student_data(iep_start=start))
    assert response.status_code == 302
    assert response["Location"] == "/team/new/"
    student = Student.objects.get(workspace=workspace)
    assert student.iep_start == datetime.date.fromisoformat(start)
    assert (student.annual_review_due, student.reevaluation_due) == (one, three)


def test_dates_typed_in_are_kept_rather_than_defaulted(alice: Any, workspace: Any) -> None:
    client_for(alice).post(
        "/students/new/",
        student_data(iep_start="2025-09-02", annual_review_due="2026-06-01", reevaluation_due=""),
    )
    student = Student.objects.get(workspace=workspace)
    assert student.annual_review_due == datetime.date(2026, 6, 1)
    assert student.reevaluation_due == datetime.date(2028, 9, 2)


def test_editing_a_student_fills_in_missing_review_dates(alice: Any, student: Any) -> None:
    response = client_for(alice).post(
        f"/students/{student.pk}/", student_data(iep_start="2024-02-29")
    )
    assert response.status_code == 302
    student.refresh_from_db()
    assert student.annual_review_due == datetime.date(2025, 2, 28)
    assert student.reevaluation_due == datetime.date(2027, 2, 28)


def test_without_an_iep_start_there_are_no_review_dates(alice: Any, workspace: Any) -> None:
    client_for(alice).post("/students/new/", student_data())
    student = Student.objects.get(workspace=workspace)
    assert student.annual_review_due is None
    assert student.reevaluation_due is None


def test_years_later_keeps_the_day_or_falls_back_to_the_28th() -> None:
    assert years_later(datetime.date(2024, 2, 29), 4) == datetime.date(2028, 2, 29)
    assert years_later(datetime.date(2024, 2, 29), 1) == datetime.date(2025, 2, 28)
    assert years_later(datetime.date(2025, 12, 31), 3) == datetime.date(2028, 12, 31)


@pytest.mark.parametrize(
    ("field", "typed", "error"),
    [
        ("iep_start", "2026-02-30", "Enter a valid date."),
        ("iep_start", "tomorrow", "Enter a valid date."),
        ("iep_start", "0001-01-01", "Enter a date between 1990-01-01 and 2100-12-31."),
        ("iep_start", "9999-12-31", "Enter a date between 1990-01-01 and 2100-12-31."),
        ("annual_review_due", "2025-02-29", "Enter a valid date."),
        ("reevaluation_due", "9999-12-31", "Enter a date between 1990-01-01 and 2100-12-31."),
    ],
)
def test_impossible_student_dates_are_refused_next_to_the_field(
    alice: Any, workspace: Any, field: str, typed: str, error: str
) -> None:
    response = client_for(alice).post("/students/new/", student_data(**{field: typed}))
    assert response.status_code == 200
    assert field_error(response, field) == error
    assert f'value="{typed}"' in response.content.decode()
    assert not Student.objects.filter(workspace=workspace).exists()


def test_review_dates_must_come_after_the_iep_start(alice: Any, workspace: Any) -> None:
    response = client_for(alice).post(
        "/students/new/",
        student_data(
            iep_start="2025-09-02", annual_review_due="2025-09-02", reevaluation_due="2024-01-01"
        ),
    )
    assert field_error(response, "annual_review_due") == (
        "This date must come after the IEP start date."
    )
    assert field_error(response, "reevaluation_due") == (
        "This date must come after the IEP start date."
    )


@pytest.mark.parametrize(
    ("field", "typed"),
    [("name", ""), ("name", "n" * 121), ("grade", "13"), ("progress_reports", "daily")],
)
def test_other_bad_student_fields_are_refused_and_kept(
    alice: Any, workspace: Any, field: str, typed: str
) -> None:
    response = client_for(alice).post("/students/new/", student_data(**{field: typed}))
    assert response.status_code == 200
    assert field_error(response, field)
    if field == "name" and typed:
        assert f'value="{typed}"' in response.content.decode()


def test_submitting_the_same_student_form_twice_adds_one_student(
    alice: Any, workspace: Any
) -> None:
    client = client_for(alice)
    token = client.get("/students/new/").context["form"].initial["form_token"]
    data = student_data(name="Kim R.", form_token=token)
    client.post("/students/new/", data)
    second = client.post("/students/new/", data, follow=True)
    assert "This student was already saved." in second.content.decode()
    assert Student.objects.filter(workspace=workspace, name="Kim R.").count() == 1


@pytest.mark.parametrize("method", ["get", "post"])
def test_unknown_and_other_workspace_students_are_not_found(
    alice: Any, oscar: Any, method: str
) -> None:
    theirs = make_student(oscar.memberships.get().workspace, "Other child")
    client = client_for(alice)
    for pk in (UNKNOWN_ID, theirs.pk, 10**30):
        response = getattr(client, method)(f"/students/{pk}/", student_data(name="Mine now"))
        assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.name == "Other child"


def test_a_viewer_sees_the_student_without_a_form_to_save(vera: Any, student: Any) -> None:
    html = client_for(vera).get(f"/students/{student.pk}/").content.decode()
    assert 'name="name"' in html and "disabled" in html
    assert '<button type="submit">' not in html
