"""Renaming a workspace (owners) and leaving one (anyone but the last owner)."""

from __future__ import annotations

from typing import Any

import pytest

from allies.workspaces.access import SESSION_KEY
from allies.workspaces.models import Membership, Workspace
from allies.workspaces.services import LastOwner, membership_add, workspace_leave
from tests.support import (
    ESCAPED,
    LOGIN,
    PAYLOAD,
    assert_outcome,
    client_for,
    field_error,
    make_entry,
    make_member,
    make_user,
    make_workspace,
)

OWNER_ONLY_FORM = {"owner": 200, "editor": 403, "viewer": 403, "outsider": 404, "anonymous": LOGIN}
OWNER_ONLY = {"owner": 302, "editor": 403, "viewer": 403, "outsider": 404, "anonymous": LOGIN}
MEMBERS_FORM = {"owner": 200, "editor": 200, "viewer": 200, "outsider": 404, "anonymous": LOGIN}
# The fixture's owner is its only owner: refused, sent back to the workspace page.
MEMBERS = {"owner": 302, "editor": 302, "viewer": 302, "outsider": 404, "anonymous": LOGIN}


def page(response: Any) -> str:
    return response.content.decode()


# Renaming


@pytest.mark.parametrize(("role", "expected"), OWNER_ONLY.items())
def test_only_owners_can_rename_a_workspace(
    personas: dict[str, Any], workspace: Any, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).post(
        f"/workspaces/{workspace.pk}/rename/", {"name": "The Rivera family"}
    )
    assert_outcome(response, expected)
    workspace.refresh_from_db()
    assert (workspace.name == "The Rivera family") is (role == "owner")


@pytest.mark.parametrize(("role", "expected"), OWNER_ONLY_FORM.items())
def test_only_owners_are_offered_the_rename_form(
    personas: dict[str, Any], workspace: Any, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).get(f"/workspaces/{workspace.pk}/rename/")
    assert_outcome(response, expected)
    if expected == 200:
        assert f'action="/workspaces/{workspace.pk}/rename/"' in page(response)
        assert 'value="The Test family"' in page(response)


@pytest.mark.parametrize("role", ["owner", "editor", "viewer"])
def test_the_workspace_page_offers_rename_to_owners_only(
    personas: dict[str, Any], workspace: Any, role: str
) -> None:
    html = page(client_for(personas[role]).get(f"/workspaces/{workspace.pk}/"))
    assert (f"/workspaces/{workspace.pk}/rename/" in html) is (role == "owner")


def test_renaming_shows_the_new_name_everywhere(alice: Any, workspace: Any) -> None:
    client = client_for(alice)
    response = client.post(
        f"/workspaces/{workspace.pk}/rename/", {"name": "  The Rivera family  "}, follow=True
    )
    assert "Renamed." in page(response)
    workspace.refresh_from_db()
    assert workspace.name == "The Rivera family"
    assert "<h1>The Rivera family</h1>" in page(client.get("/"))
    assert "The Rivera family" in page(client.get("/workspaces/"))


@pytest.mark.parametrize(
    ("name", "error"),
    [("", "This field is required."), ("   ", "This field is required."), ("x" * 121, "at most")],
)
def test_a_bad_name_is_refused_next_to_the_field_and_kept(
    alice: Any, workspace: Any, name: str, error: str
) -> None:
    response = client_for(alice).post(f"/workspaces/{workspace.pk}/rename/", {"name": name})
    assert response.status_code == 400
    assert error in field_error(response, "name")
    if name.strip():
        assert f'value="{name}"' in page(response)
    workspace.refresh_from_db()
    assert workspace.name == "The Test family"


def test_a_new_name_is_escaped(alice: Any, workspace: Any) -> None:
    client = client_for(alice)
    client.post(f"/workspaces/{workspace.pk}/rename/", {"name": PAYLOAD[:120]})
    html = page(client.get(f"/workspaces/{workspace.pk}/"))
    assert PAYLOAD[:120] not in html
    assert ESCAPED[:40] in html


def test_renaming_another_workspace_is_not_found(alice: Any, oscar: Any) -> None:
    theirs = Membership.objects.get(user=oscar).workspace
    response = client_for(alice).post(f"/workspaces/{theirs.pk}/rename/", {"name": "Mine"})
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.name == "Another family"


# Leaving


@pytest.mark.parametrize(("role", "expected"), MEMBERS_FORM.items())
def test_members_are_asked_before_they_leave(
    personas: dict[str, Any], workspace: Any, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).get(f"/workspaces/{workspace.pk}/leave/")
    assert_outcome(response, expected)
    if expected == 200:
        html = page(response)
        if role == "owner":  # the only owner
            assert "You cannot leave The Test family yet" in html
            assert 'method="post"' not in html.split("<main", 1)[1]
        else:
            assert "Leave The Test family?" in html
            assert "To come back, an owner has to add you again." in html
    assert Membership.objects.filter(workspace=workspace).count() == 3


@pytest.mark.parametrize(("role", "expected"), MEMBERS.items())
def test_anyone_but_the_last_owner_can_leave(
    personas: dict[str, Any], workspace: Any, role: str, expected: Any
) -> None:
    user = personas[role]
    response = client_for(user).post(f"/workspaces/{workspace.pk}/leave/")
    assert_outcome(response, expected)
    stays = Membership.objects.filter(workspace=workspace, user=user).exists()
    if role in ("editor", "viewer"):
        assert not stays
    elif role == "owner":
        assert stays
        assert response["Location"] == f"/workspaces/{workspace.pk}/"
    # Nobody else's membership moves.
    assert Membership.objects.filter(workspace=workspace).count() == (
        2 if role in ("editor", "viewer") else 3
    )


def test_the_last_owner_is_told_why_they_cannot_leave(alice: Any, workspace: Any) -> None:
    response = client_for(alice).post(f"/workspaces/{workspace.pk}/leave/", follow=True)
    assert "add another owner before you leave" in page(response)
    assert Membership.objects.filter(workspace=workspace, user=alice).exists()


def test_an_owner_can_leave_while_another_owner_remains(alice: Any, workspace: Any) -> None:
    membership_add(workspace=workspace, user=make_user("co@example.com"), role="owner")
    html = page(client_for(alice).get(f"/workspaces/{workspace.pk}/leave/"))
    assert "Leave The Test family?" in html
    response = client_for(alice).post(f"/workspaces/{workspace.pk}/leave/", follow=True)
    assert not Membership.objects.filter(workspace=workspace, user=alice).exists()
    # Their only workspace is gone: the list, to create another.
    assert response.redirect_chain[-1][0] == "/workspaces/"
    assert "You left The Test family." in page(response)


def test_the_service_refuses_to_leave_a_workspace_without_owner(alice: Any, workspace: Any) -> None:
    mine = Membership.objects.get(workspace=workspace, user=alice)
    with pytest.raises(LastOwner):
        workspace_leave(membership=mine)
    assert Membership.objects.filter(pk=mine.pk).exists()


def test_leaving_the_current_workspace_moves_to_the_next_one(
    alice: Any, workspace: Any, erin: Any
) -> None:
    client = client_for(erin)
    own = make_workspace(erin, name="Erin's class", kind="school")
    client.post(f"/workspaces/{workspace.pk}/switch/")
    assert client.session[SESSION_KEY] == workspace.pk
    response = client.post(f"/workspaces/{workspace.pk}/leave/", follow=True)
    assert response.redirect_chain[-1][0] == "/"
    html = page(response)
    assert "You left The Test family. You are now working in Erin&#x27;s class." in html
    assert "<h1>Erin&#x27;s class</h1>" in html
    assert client.session[SESSION_KEY] == own.pk
    erin.refresh_from_db()
    assert erin.last_workspace_id == own.pk


def test_after_leaving_nothing_of_the_workspace_is_reachable(
    alice: Any, workspace: Any, erin: Any, entry: Any
) -> None:
    client = client_for(erin)
    client.post(f"/workspaces/{workspace.pk}/switch/")
    client.post(f"/workspaces/{workspace.pk}/leave/")
    assert SESSION_KEY not in client.session
    erin.refresh_from_db()
    assert erin.last_workspace_id is None
    assert client.get(f"/log/{entry.pk}/").status_code == 404
    assert client.get(f"/workspaces/{workspace.pk}/").status_code == 404
    # No workspace left: home sends them to the list, which no longer shows it.
    home = client.get("/")
    assert home["Location"] == "/workspaces/"
    assert "The Test family" not in page(client.get("/workspaces/"))


def test_what_a_leaver_wrote_stays_in_the_log(alice: Any, workspace: Any, erin: Any) -> None:
    written = make_entry(workspace, erin, [make_member(workspace)], summary="Erin's note.")
    client_for(erin).post(f"/workspaces/{workspace.pk}/leave/")
    assert "Erin&#x27;s note." in page(client_for(alice).get(f"/log/{written.pk}/"))


def test_leaving_another_workspace_is_not_found(alice: Any, oscar: Any) -> None:
    theirs = Membership.objects.get(user=oscar).workspace
    assert client_for(alice).post(f"/workspaces/{theirs.pk}/leave/").status_code == 404
    assert Workspace.objects.filter(pk=theirs.pk).exists()
    assert Membership.objects.filter(user=oscar).exists()


def test_the_workspace_page_offers_to_leave(alice: Any, workspace: Any, erin: Any) -> None:
    assert f"/workspaces/{workspace.pk}/leave/" in page(
        client_for(erin).get(f"/workspaces/{workspace.pk}/")
    )
    owner_page = page(client_for(alice).get(f"/workspaces/{workspace.pk}/"))
    assert f"/workspaces/{workspace.pk}/leave/" not in owner_page
    assert "add another owner before you leave" in owner_page
