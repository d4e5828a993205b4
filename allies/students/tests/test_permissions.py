"""Who may see and change students and the team: every view, every role."""

from __future__ import annotations

from typing import Any

import pytest

from allies.students.models import Student
from allies.team.models import TeamMember
from tests.support import (
    OWN_READ,
    OWN_WRITE,
    OWN_WRITE_FORM,
    READ,
    WRITE,
    WRITE_FORM,
    assert_outcome,
    client_for,
    make_entry,
    member_data,
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


@pytest.mark.parametrize(("role", "expected"), OWN_READ.items())
def test_the_team_list_shows_only_the_current_workspace_s_team(
    personas: dict[str, Any], member: Any, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).get("/team/")
    assert_outcome(response, expected)
    if expected == 200:
        assert (member.name in response.content.decode()) is (role != "outsider")


@pytest.mark.parametrize(("role", "expected"), OWN_WRITE_FORM.items())
def test_viewers_cannot_open_the_new_team_member_form(
    personas: dict[str, Any], role: str, expected: Any
) -> None:
    assert_outcome(client_for(personas[role]).get("/team/new/"), expected)


@pytest.mark.parametrize(("role", "expected"), OWN_WRITE.items())
def test_viewers_cannot_add_a_team_member(
    personas: dict[str, Any], workspace: Any, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).post("/team/new/", member_data(name="Ms. Park"))
    assert_outcome(response, expected)
    added_here = TeamMember.objects.filter(workspace=workspace, name="Ms. Park").exists()
    assert added_here is (role in ("owner", "editor"))


@pytest.mark.parametrize(("role", "expected"), READ.items())
def test_members_can_open_a_team_member_and_outsiders_cannot(
    personas: dict[str, Any], member: Any, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).get(f"/team/{member.pk}/")
    assert_outcome(response, expected)
    if expected == 200:
        writes = f'href="/team/{member.pk}/edit/"' in response.content.decode()
        assert writes is (role in ("owner", "editor"))


@pytest.mark.parametrize(("role", "expected"), WRITE_FORM.items())
def test_viewers_cannot_open_a_team_member_s_edit_form(
    personas: dict[str, Any], member: Any, role: str, expected: Any
) -> None:
    assert_outcome(client_for(personas[role]).get(f"/team/{member.pk}/edit/"), expected)


@pytest.mark.parametrize(("role", "expected"), WRITE.items())
def test_only_owners_and_editors_can_edit_a_team_member(
    personas: dict[str, Any], member: Any, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).post(
        f"/team/{member.pk}/edit/", member_data(name="Ms. Jenna Lee", role="general_ed")
    )
    assert_outcome(response, expected)
    member.refresh_from_db()
    assert (member.name == "Ms. Jenna Lee") is (expected == 302)


@pytest.mark.parametrize(("role", "expected"), WRITE.items())
def test_only_owners_and_editors_can_remove_a_team_member(
    personas: dict[str, Any], member: Any, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).post(f"/team/{member.pk}/remove/")
    assert_outcome(response, expected)
    assert TeamMember.objects.filter(pk=member.pk).exists() is (expected != 302)


@pytest.mark.parametrize(("role", "expected"), WRITE.items())
def test_only_owners_and_editors_can_deactivate_a_team_member_with_entries(
    personas: dict[str, Any], entry: Any, member: Any, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).post(f"/team/{member.pk}/remove/")
    assert_outcome(response, expected)
    member.refresh_from_db()
    assert member.active is (expected != 302)


def test_removing_a_team_member_asks_first(alice: Any, member: Any) -> None:
    response = client_for(alice).get(f"/team/{member.pk}/remove/")
    assert response.status_code == 200
    assert "cannot be undone" in response.content.decode()
    assert TeamMember.objects.filter(pk=member.pk).exists()


@pytest.mark.parametrize(("role", "expected"), WRITE.items())
def test_only_owners_and_editors_are_asked_to_confirm_a_removal(
    personas: dict[str, Any], member: Any, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).get(f"/team/{member.pk}/remove/")
    assert_outcome(response, 200 if expected == 302 else expected)
    assert TeamMember.objects.filter(pk=member.pk).exists()


def test_a_team_member_with_log_entries_is_deactivated_not_deleted(
    alice: Any, workspace: Any, member: Any
) -> None:
    entry = make_entry(workspace, alice, [member])
    response = client_for(alice).post(f"/team/{member.pk}/remove/", follow=True)
    assert "marked inactive rather than deleted" in response.content.decode()
    member.refresh_from_db()
    assert member.active is False
    assert list(entry.participants.all()) == [member]
    # Off the active team, still findable.
    client = client_for(alice)
    assert member.name not in client.get("/team/").content.decode()
    assert member.name in client.get("/team/?inactive=1").content.decode()


def test_a_team_member_without_log_entries_is_deleted(alice: Any, member: Any) -> None:
    response = client_for(alice).post(f"/team/{member.pk}/remove/", follow=True)
    assert "Ms. Lee was removed." in response.content.decode()
    assert not TeamMember.objects.filter(pk=member.pk).exists()
