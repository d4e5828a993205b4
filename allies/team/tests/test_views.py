"""The team: adding people, editing and removing them, and what the forms refuse."""

from __future__ import annotations

from typing import Any

import pytest

from allies.team.models import TeamMember
from tests.support import UNKNOWN_ID, client_for, field_error, make_entry, make_member, member_data

# --- Adding ---------------------------------------------------------------------------


def test_adding_a_team_member_and_another(alice: Any, workspace: Any) -> None:
    client = client_for(alice)
    first = client.post("/team/new/", member_data(name="Ms. Park", add_another="1"))
    assert first["Location"] == "/team/new/"
    second = client.post("/team/new/", member_data(name="Mr. Okafor", role="case_manager"))
    assert second["Location"] == "/team/"
    names = set(TeamMember.objects.filter(workspace=workspace).values_list("name", flat=True))
    assert names == {"Ms. Park", "Mr. Okafor"}


def test_a_role_of_other_needs_to_be_named(alice: Any, workspace: Any) -> None:
    client = client_for(alice)
    response = client.post("/team/new/", member_data(role="other", role_other="  "))
    assert field_error(response, "role_other") == "Say what their role is."
    client.post("/team/new/", member_data(role="other", role_other="School nurse"))
    member = TeamMember.objects.get(workspace=workspace)
    assert member.role_label == "School nurse"
    assert "School nurse" in client.get(f"/team/{member.pk}/").content.decode()


@pytest.mark.parametrize(
    ("field", "typed", "error"),
    [
        ("cadence_days", "0", "Choose between 1 and 365 days."),
        ("cadence_days", "366", "Choose between 1 and 365 days."),
        ("cadence_days", "abc", "Enter a whole number."),
        ("cadence_days", "99999999999999999999", "Choose between 1 and 365 days."),
        ("email", "not-an-email", "Enter a valid email address."),
        ("name", "", "This field is required."),
        ("role", "wizard", "Select a valid choice."),
        ("preferred_channel", "pigeon", "Select a valid choice."),
        ("strengths", "s" * 2001, "at most 2000 characters"),
    ],
)
def test_bad_team_member_fields_are_refused_next_to_the_field_and_kept(
    alice: Any, workspace: Any, field: str, typed: str, error: str
) -> None:
    response = client_for(alice).post("/team/new/", member_data(**{field: typed}))
    assert response.status_code == 200
    assert error in field_error(response, field)
    if typed and field not in ("role", "preferred_channel"):
        assert typed in response.content.decode()
    assert not TeamMember.objects.filter(workspace=workspace).exists()


def test_submitting_the_same_team_member_form_twice_adds_one_person(
    alice: Any, workspace: Any
) -> None:
    client = client_for(alice)
    token = client.get("/team/new/").context["form"].initial["form_token"]
    data = member_data(name="Ms. Park", form_token=token)
    client.post("/team/new/", data)
    second = client.post("/team/new/", data, follow=True)
    assert "This team member was already saved." in second.content.decode()
    assert TeamMember.objects.filter(workspace=workspace, name="Ms. Park").count() == 1


@pytest.mark.parametrize("path", ["/team/{pk}/edit/", "/team/{pk}/remove/"])
@pytest.mark.parametrize("which", ["unknown", "other workspace", "huge"])
def test_unknown_and_other_workspace_team_members_are_not_found(
    alice: Any, oscar: Any, path: str, which: str
) -> None:
    theirs = make_member(oscar.memberships.get().workspace, "Mr. Other")
    pk = {"unknown": UNKNOWN_ID, "other workspace": theirs.pk, "huge": 10**30}[which]
    client = client_for(alice)
    url = path.format(pk=pk)
    if not url.endswith("remove/"):
        assert client.get(url).status_code == 404
    assert client.post(url, member_data(name="Mine now")).status_code == 404
    theirs.refresh_from_db()
    assert (theirs.name, theirs.active) == ("Mr. Other", True)


# --- Removing -------------------------------------------------------------------------


def test_removing_a_team_member_asks_first(alice: Any, member: Any) -> None:
    response = client_for(alice).get(f"/team/{member.pk}/remove/")
    assert response.status_code == 200
    assert "cannot be undone" in response.content.decode()
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
