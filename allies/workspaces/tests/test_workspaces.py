"""Workspaces: who can see and manage them, and switching between them."""

from __future__ import annotations

from typing import Any

import pytest

from allies.workspaces.models import Invitation, Membership, Workspace
from allies.workspaces.services import membership_add
from tests.support import (
    OWN_READ,
    OWNER_ONLY,
    READ,
    UNKNOWN_ID,
    assert_outcome,
    client_for,
    field_error,
    make_entry,
    make_member,
    make_user,
    make_workspace,
)


@pytest.fixture
def extra(workspace: Any) -> Membership:
    """A fourth person in the workspace, for the others to try to remove."""
    return membership_add(workspace=workspace, user=make_user("sam@example.com"), role="editor")


@pytest.mark.parametrize(("role", "expected"), OWN_READ.items())
def test_everyone_logged_in_sees_their_own_workspaces(
    personas: dict[str, Any], role: str, expected: Any
) -> None:
    response = client_for(personas[role]).get("/workspaces/")
    assert_outcome(response, expected)
    if expected == 200:
        html = response.content.decode()
        assert ("The Test family" in html) is (role != "outsider")
        assert ("Another family" in html) is (role == "outsider")


@pytest.mark.parametrize(
    ("role", "expected"), {**OWN_READ, **{r: 302 for r in OWN_READ if r != "anonymous"}}.items()
)
def test_everyone_logged_in_can_create_a_workspace_of_their_own(
    personas: dict[str, Any], role: str, expected: Any
) -> None:
    client = client_for(personas[role])
    response = client.post("/workspaces/", {"name": "A new school", "kind": "school"})
    assert_outcome(response, expected)
    created = Workspace.objects.filter(name="A new school")
    if expected == 302:
        (membership,) = created.get().memberships.all()
        assert (membership.user, membership.role) == (personas[role], "owner")
        # Creating a workspace switches to it.
        assert "<h1>A new school</h1>" in client.get("/").content.decode()
    else:
        assert not created.exists()


@pytest.mark.parametrize(("role", "expected"), READ.items())
def test_members_can_see_who_has_access_and_outsiders_cannot(
    personas: dict[str, Any], workspace: Any, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).get(f"/workspaces/{workspace.pk}/")
    assert_outcome(response, expected)
    if expected == 200:
        html = response.content.decode()
        assert "vera@example.com" in html
        # Only owners are offered the invitation form and the remove buttons.
        assert ("Invite someone" in html) is (role == "owner")
        assert ("/remove/" in html) is (role == "owner")


@pytest.mark.parametrize(("role", "expected"), OWNER_ONLY.items())
def test_only_owners_can_invite_someone(
    personas: dict[str, Any], workspace: Any, role: str, expected: Any
) -> None:
    newcomer = make_user("newcomer@example.com")
    response = client_for(personas[role]).post(
        f"/workspaces/{workspace.pk}/", {"email": "Newcomer@Example.com", "role": "viewer"}
    )
    assert_outcome(response, expected)
    invited = Invitation.objects.filter(workspace=workspace, email="newcomer@example.com")
    assert invited.exists() is (expected == 302)
    if expected == 302:
        assert invited.get().role == "viewer"
    # Nobody joins before accepting.
    assert not Membership.objects.filter(workspace=workspace, user=newcomer).exists()


@pytest.mark.parametrize(("role", "expected"), {**READ, **{"viewer": 302}}.items())
def test_members_can_switch_to_their_workspace_and_outsiders_cannot(
    personas: dict[str, Any], workspace: Any, role: str, expected: Any
) -> None:
    expected = 302 if expected == 200 else expected
    response = client_for(personas[role]).post(f"/workspaces/{workspace.pk}/switch/")
    assert_outcome(response, expected)


@pytest.mark.parametrize(("role", "expected"), OWNER_ONLY.items())
def test_only_owners_can_remove_a_member(
    personas: dict[str, Any], workspace: Any, extra: Membership, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).post(
        f"/workspaces/{workspace.pk}/members/{extra.pk}/remove/"
    )
    assert_outcome(response, expected)
    assert Membership.objects.filter(pk=extra.pk).exists() is (expected != 302)


@pytest.mark.parametrize(
    ("data", "field", "error"),
    [
        ({"email": "not an email", "role": "editor"}, "email", "Enter a valid email address."),
        ({"email": "", "role": "editor"}, "email", "This field is required."),
        ({"email": "bob@example.com", "role": "admin"}, "role", "Select a valid choice."),
    ],
)
def test_bad_member_invitations_are_refused_next_to_the_field(
    alice: Any, vera: Any, workspace: Any, data: dict[str, str], field: str, error: str
) -> None:
    make_user("bob@example.com")
    before = Membership.objects.count()
    response = client_for(alice).post(f"/workspaces/{workspace.pk}/", data)
    assert response.status_code == 200
    assert error in field_error(response, field)
    assert Membership.objects.count() == before
    assert not Invitation.objects.exists()


def test_the_last_owner_cannot_be_removed(alice: Any, workspace: Any) -> None:
    mine = Membership.objects.get(workspace=workspace, user=alice)
    response = client_for(alice).post(
        f"/workspaces/{workspace.pk}/members/{mine.pk}/remove/", follow=True
    )
    assert "A workspace needs at least one owner." in response.content.decode()
    assert Membership.objects.filter(pk=mine.pk).exists()


def test_an_owner_can_be_removed_while_another_owner_remains(alice: Any, workspace: Any) -> None:
    second = membership_add(workspace=workspace, user=make_user("co@example.com"), role="owner")
    client_for(alice).post(f"/workspaces/{workspace.pk}/members/{second.pk}/remove/")
    assert not Membership.objects.filter(pk=second.pk).exists()


def test_a_removed_member_loses_access_at_once(
    alice: Any, erin: Any, workspace: Any, entry: Any
) -> None:
    client = client_for(erin)
    assert client.get(f"/log/{entry.pk}/").status_code == 200
    membership = Membership.objects.get(workspace=workspace, user=erin)
    client_for(alice).post(f"/workspaces/{workspace.pk}/members/{membership.pk}/remove/")
    assert client.get(f"/log/{entry.pk}/").status_code == 404


@pytest.mark.parametrize("which", ["unknown", "other workspace", "huge"])
def test_removing_a_membership_of_another_workspace_is_not_found(
    alice: Any, oscar: Any, workspace: Any, which: str
) -> None:
    theirs = Membership.objects.get(user=oscar)
    pk = {"unknown": UNKNOWN_ID, "other workspace": theirs.pk, "huge": 10**30}[which]
    response = client_for(alice).post(f"/workspaces/{workspace.pk}/members/{pk}/remove/")
    assert response.status_code == 404
    assert Membership.objects.filter(pk=theirs.pk).exists()


@pytest.mark.parametrize("which", ["unknown", "other workspace", "huge"])
def test_unknown_and_other_workspaces_are_not_found(
    alice: Any, workspace: Any, oscar: Any, which: str
) -> None:
    theirs = Membership.objects.get(user=oscar).workspace
    pk = {"unknown": UNKNOWN_ID, "other workspace": theirs.pk, "huge": 10**30}[which]
    client = client_for(alice)
    assert client.get(f"/workspaces/{pk}/").status_code == 404
    assert client.post(f"/workspaces/{pk}/switch/").status_code == 404
    mine = Membership.objects.get(user=alice)
    remove = client.post(f"/workspaces/{pk}/members/{mine.pk}/remove/")
    assert remove.status_code == 404


def test_switching_shows_the_chosen_workspace_s_data(
    alice: Any, workspace: Any, entry: Any
) -> None:
    bob = make_user("bob@example.com")
    school = make_workspace(bob, name="Lincoln caseload", kind="school")
    membership_add(workspace=school, user=alice, role="viewer")
    theirs = make_entry(school, bob, [make_member(school, "Mr. Okafor")], summary="A school note.")
    client = client_for(alice)

    response = client.post(f"/workspaces/{school.pk}/switch/", {"next": "/log/"})
    assert response["Location"] == "/log/"
    log = client.get("/log/").content.decode()
    assert theirs.summary in log and entry.summary not in log
    home = client.get("/").content.decode()
    assert "<h1>Lincoln caseload</h1>" in home
    assert "A school note." in home and entry.summary not in home
    # A viewer there: no quick add, no "add" buttons.
    assert 'action="/log/quick/"' not in home

    client.post(f"/workspaces/{workspace.pk}/switch/")
    assert entry.summary in client.get("/log/").content.decode()


def test_switching_never_redirects_off_site(alice: Any, workspace: Any) -> None:
    response = client_for(alice).post(
        f"/workspaces/{workspace.pk}/switch/", {"next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_switching_only_accepts_a_post(alice: Any, workspace: Any) -> None:
    assert client_for(alice).get(f"/workspaces/{workspace.pk}/switch/").status_code == 405


def test_submitting_the_same_new_workspace_form_twice_creates_one(alice: Any) -> None:
    client = client_for(alice)
    token = client.get("/workspaces/").context["form"].initial["form_token"]
    data = {"name": "Grandma's house", "kind": "family", "form_token": token}
    client.post("/workspaces/", data)
    second = client.post("/workspaces/", data, follow=True)
    assert "That workspace was already created." in second.content.decode()
    assert Workspace.objects.filter(name="Grandma's house").count() == 1


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"name": "", "kind": "family"}, "name"),
        ({"name": "x" * 121, "kind": "family"}, "name"),
        ({"name": "Ours", "kind": "club"}, "kind"),
    ],
)
def test_bad_new_workspaces_are_refused_next_to_the_field(
    alice: Any, data: dict[str, str], field: str
) -> None:
    response = client_for(alice).post("/workspaces/", data)
    assert response.status_code == 200
    assert field_error(response, field)
    if data["name"]:
        assert f'value="{data["name"]}"' in response.content.decode()


def test_logging_in_again_opens_the_workspace_last_worked_in(workspace: Any, oscar: Any) -> None:
    # Oscar is a viewer in Alice's workspace, whose name sorts before his own.
    alices = workspace
    alices.name = "A family"
    alices.save()
    membership_add(workspace=alices, user=oscar, role="viewer")
    own = oscar.memberships.get(role="owner").workspace

    first = client_for(oscar).get("/")
    assert first.context["membership"].workspace == own  # his own, not the guest seat

    client = client_for(oscar)
    client.post(f"/workspaces/{alices.pk}/switch/")
    again = client_for(oscar).get("/")  # a new session, as after logging in again
    assert again.context["membership"].workspace == alices
