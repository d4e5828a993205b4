"""Who may add, edit and remove team members: every view, every role.

The roster and a member's page are the relationships app's: see
allies/relationships/tests/test_members.py.
"""

from __future__ import annotations

from typing import Any

import pytest

from allies.team.models import TeamMember
from tests.support import (
    OWN_WRITE,
    OWN_WRITE_FORM,
    WRITE,
    WRITE_FORM,
    assert_outcome,
    client_for,
    member_data,
)


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


@pytest.mark.parametrize(("role", "expected"), WRITE.items())
def test_only_owners_and_editors_are_asked_to_confirm_a_removal(
    personas: dict[str, Any], member: Any, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).get(f"/team/{member.pk}/remove/")
    assert_outcome(response, 200 if expected == 302 else expected)
    assert TeamMember.objects.filter(pk=member.pk).exists()
