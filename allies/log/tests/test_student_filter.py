"""The log narrowed to one child, for families with more than one."""

from __future__ import annotations

from typing import Any

import pytest

from allies.core import kept
from tests.support import client_for, make_entry, make_member, make_student, page_of

PAST_64_BITS = "99999999999999999999"


@pytest.fixture
def siblings(workspace: Any, alice: Any) -> dict[str, Any]:
    lee = make_member(workspace, "Ms. Lee")
    maya = make_student(workspace, "Maya")
    leo = make_student(workspace, "Leo")
    make_entry(workspace, alice, [lee], summary="Maya read a chapter", student=maya)
    make_entry(workspace, alice, [lee], summary="Leo tied his shoes", student=leo)
    make_entry(workspace, alice, [lee], summary="Bus was late for both")
    return {"maya": maya, "leo": leo}


def test_the_log_narrowed_to_one_child_shows_only_their_entries(
    siblings: dict[str, Any], alice: Any
) -> None:
    page = page_of(client_for(alice).get(f"/log/?student={siblings['maya'].pk}"))
    assert "Maya read a chapter" in page
    assert "Leo tied his shoes" not in page and "Bus was late for both" not in page
    assert "1 entry" in page
    assert f'<option value="{siblings["maya"].pk}" selected>Maya</option>' in page


def test_the_child_filter_is_offered_only_with_more_than_one_child(
    workspace: Any, alice: Any
) -> None:
    make_student(workspace, "Maya")
    assert 'name="student"' not in page_of(client_for(alice).get("/log/"))
    make_student(workspace, "Leo")
    page = page_of(client_for(alice).get("/log/"))
    assert 'name="student"' in page and "Filter by child, person" in page


def test_a_renamed_child_is_offered_by_their_new_name(siblings: dict[str, Any], alice: Any) -> None:
    client = client_for(alice)
    client.get("/log/")  # the filter form is kept
    siblings["leo"].name = "Leonardo"
    siblings["leo"].save(update_fields=["name"])
    assert ">Leonardo</option>" in page_of(client.get("/log/"))


@pytest.mark.parametrize("value", [PAST_64_BITS, "abc", "-1"])
def test_a_child_that_cannot_be_is_an_error_and_the_other_filters_apply(
    siblings: dict[str, Any], alice: Any, value: str
) -> None:
    response = client_for(alice).get(f"/log/?student={value}&q=shoes")
    assert response.status_code == 200
    page = page_of(response)
    assert "Select a valid choice" in page
    assert "Leo tied his shoes" in page and "Maya read a chapter" not in page


def test_another_family_s_child_is_not_a_choice(
    siblings: dict[str, Any], oscar: Any, alice: Any
) -> None:
    theirs = make_student(oscar.memberships.get().workspace, "Theirs")
    kept.cache().clear()
    page = page_of(client_for(alice).get(f"/log/?student={theirs.pk}"))
    assert "Select a valid choice" in page and "Theirs" not in page
