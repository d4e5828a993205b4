"""Who may see and change students: every view, every role.

The team's views are tested in allies/team/tests/ and allies/relationships/tests/test_members.py.
"""

from __future__ import annotations

from typing import Any

import pytest

from allies.students.models import Student
from tests.support import (
    OWN_READ,
    OWN_WRITE,
    OWN_WRITE_FORM,
    READ,
    WRITE,
    assert_outcome,
    client_for,
    student_data,
)


@pytest.mark.parametrize(("role", "expected"), OWN_READ.items())
def test_the_student_list_shows_only_the_current_workspace_s_students(
    personas: dict[str, Any], student: Any, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).get("/students/")
    assert_outcome(response, expected)
    if expected == 200:
        assert (student.name in response.content.decode()) is (role != "outsider")


@pytest.mark.parametrize(("role", "expected"), OWN_WRITE_FORM.items())
def test_viewers_cannot_open_the_new_student_form(
    personas: dict[str, Any], role: str, expected: Any
) -> None:
    assert_outcome(client_for(personas[role]).get("/students/new/"), expected)


@pytest.mark.parametrize(("role", "expected"), OWN_WRITE.items())
def test_viewers_cannot_add_a_student(
    personas: dict[str, Any], workspace: Any, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).post("/students/new/", student_data(name="Kim R."))
    assert_outcome(response, expected)
    added_here = Student.objects.filter(workspace=workspace, name="Kim R.").exists()
    assert added_here is (role in ("owner", "editor"))
    if role == "outsider":
        # Added, but to their own workspace.
        assert Student.objects.get(name="Kim R.").workspace != workspace


@pytest.mark.parametrize(("role", "expected"), READ.items())
def test_members_can_open_a_student_and_outsiders_cannot(
    personas: dict[str, Any], student: Any, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).get(f"/students/{student.pk}/")
    assert_outcome(response, expected)
    if role == "viewer":
        assert "only editors can change it" in response.content.decode()


@pytest.mark.parametrize(("role", "expected"), WRITE.items())
def test_only_owners_and_editors_can_edit_a_student(
    personas: dict[str, Any], student: Any, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).post(
        f"/students/{student.pk}/", student_data(name="Sam Taylor")
    )
    assert_outcome(response, expected)
    student.refresh_from_db()
    assert (student.name == "Sam Taylor") is (expected == 302)
