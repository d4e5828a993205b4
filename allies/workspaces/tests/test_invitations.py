"""Invitations: an owner invites an address, and only its owner's consent lets them in.

The invite form answers the same whether or not an account uses the address (no
enumeration of accounts), and nobody becomes a member until they accept.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from allies.workspaces.models import Invitation, Membership
from allies.workspaces.services import invitation_create
from tests.support import (
    LOGIN,
    NEW_PASSWORD,
    OWNER_ONLY,
    POST_ONLY,
    ROLES,
    UNKNOWN_ID,
    assert_outcome,
    client_for,
    make_user,
    make_workspace,
    messages_of,
    page_of,
)

# Only the addressee may answer an invitation; anyone else cannot tell it exists.
ADDRESSEE_ONLY = {**{role: 404 for role in ROLES}, "anonymous": LOGIN}


@pytest.fixture
def newcomer(db: Any) -> Any:
    return make_user("newcomer@example.com")


@pytest.fixture
def invitation(workspace: Any, alice: Any) -> Invitation:
    invited = invitation_create(
        workspace=workspace, email="newcomer@example.com", role="editor", invited_by=alice
    )
    assert invited is not None
    return invited


def invite(client: Client, workspace: Any, email: str, role: str = "viewer") -> Any:
    return client.post(f"/workspaces/{workspace.pk}/", {"email": email, "role": role}, follow=True)


def test_the_answer_is_the_same_whether_or_not_an_account_uses_the_address(
    alice: Any, workspace: Any
) -> None:
    make_user("bob@example.com")
    client = client_for(alice)
    known = invite(client, workspace, "bob@example.com")
    unknown = invite(client, workspace, "nobody@example.com")
    assert known.redirect_chain == unknown.redirect_chain
    assert messages_of(known) == [m.replace("nobody", "bob") for m in messages_of(unknown)]
    assert messages_of(known) == [
        "Invited bob@example.com as viewer. They will see this workspace once they accept: "
        "after logging in, or after signing up with this address. Allies sends no email: "
        "tell them, by your usual channel, to log in or sign up with this address."
    ]
    # Both are listed alike among the pending invitations.
    assert "bob@example.com" in page_of(unknown)
    assert "No account" not in page_of(known) + page_of(unknown)
    emails = set(Invitation.objects.values_list("email", flat=True))
    assert emails == {"bob@example.com", "nobody@example.com"}


def test_an_invitation_adds_nobody_until_it_is_accepted(
    alice: Any, workspace: Any, newcomer: Any
) -> None:
    invite(client_for(alice), workspace, "Newcomer@Example.com", role="editor")
    assert not Membership.objects.filter(user=newcomer, workspace=workspace).exists()
    client = client_for(newcomer)
    assert client.get(f"/workspaces/{workspace.pk}/").status_code == 404
    listed = page_of(client.get("/workspaces/"))
    assert "Invitations for you" in listed
    assert "The Test family" in listed
    assert "alice@example.com" in listed

    (pending,) = Invitation.objects.all()
    response = client.post(f"/workspaces/invitations/{pending.pk}/accept/")
    assert response.status_code == 302
    assert response["Location"] == "/"
    membership = Membership.objects.get(user=newcomer, workspace=workspace)
    assert membership.role == "editor"
    # Accepting switches to the workspace, and the invitation no longer waits.
    assert "<h1>The Test family</h1>" in page_of(client.get("/"))
    assert "Invitations for you" not in page_of(client.get("/workspaces/"))
    assert not Invitation.objects.pending().exists()


def test_the_owner_sees_pending_invitations_and_the_others_do_not(
    personas: dict[str, Any], invitation: Invitation
) -> None:
    for role in ("owner", "editor", "viewer"):
        html = page_of(client_for(personas[role]).get(f"/workspaces/{invitation.workspace_id}/"))
        assert ("newcomer@example.com" in html) is (role == "owner")
        assert ("/withdraw/" in html) is (role == "owner")


def test_inviting_a_member_says_they_already_have_access(
    alice: Any, vera: Any, workspace: Any
) -> None:
    response = invite(client_for(alice), workspace, "VERA@example.com", role="owner")
    assert messages_of(response) == ["vera@example.com already has access."]
    assert not Invitation.objects.exists()
    assert Membership.objects.get(user=vera).role == "viewer"


def test_inviting_the_same_address_again_keeps_one_invitation_with_the_new_role(
    alice: Any, workspace: Any
) -> None:
    client = client_for(alice)
    invite(client, workspace, "nobody@example.com", role="viewer")
    invite(client, workspace, "Nobody@Example.com", role="editor")
    (pending,) = Invitation.objects.all()
    assert (pending.email, pending.role) == ("nobody@example.com", "editor")


@pytest.mark.parametrize("action", ["accept", "decline"])
@pytest.mark.parametrize(("role", "expected"), ADDRESSEE_ONLY.items())
def test_only_the_addressee_can_answer_an_invitation(
    personas: dict[str, Any], invitation: Invitation, action: str, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).post(f"/workspaces/invitations/{invitation.pk}/{action}/")
    assert_outcome(response, expected)
    assert Invitation.objects.pending().filter(pk=invitation.pk).exists()
    assert Membership.objects.filter(workspace=invitation.workspace).count() == 3


@pytest.mark.parametrize("action", ["accept", "decline"])
@pytest.mark.parametrize(("role", "expected"), POST_ONLY.items())
def test_answering_only_takes_a_post(
    personas: dict[str, Any], invitation: Invitation, action: str, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).get(f"/workspaces/invitations/{invitation.pk}/{action}/")
    assert_outcome(response, expected)


def test_declining_deletes_the_invitation_and_adds_nobody(
    newcomer: Any, invitation: Invitation
) -> None:
    client = client_for(newcomer)
    response = client.post(f"/workspaces/invitations/{invitation.pk}/decline/", follow=True)
    assert response.redirect_chain == [("/workspaces/", 302)]
    assert messages_of(response) == ["Declined the invitation to The Test family."]
    assert not Invitation.objects.exists()
    assert not Membership.objects.filter(user=newcomer).exists()
    again = client.post(f"/workspaces/invitations/{invitation.pk}/accept/")
    assert again.status_code == 404


def test_accepting_twice_makes_one_membership(newcomer: Any, invitation: Invitation) -> None:
    client = client_for(newcomer)
    first = client.post(f"/workspaces/invitations/{invitation.pk}/accept/")
    second = client.post(f"/workspaces/invitations/{invitation.pk}/accept/")
    assert (first.status_code, second.status_code) == (302, 302)
    assert Membership.objects.filter(user=newcomer, workspace=invitation.workspace).count() == 1
    # Once accepted it cannot be declined, and a decline does not undo the membership.
    assert client.post(f"/workspaces/invitations/{invitation.pk}/decline/").status_code == 404
    assert Membership.objects.filter(user=newcomer).exists()


def test_an_accepted_invitation_does_not_let_someone_who_left_back_in(
    newcomer: Any, invitation: Invitation
) -> None:
    client = client_for(newcomer)
    client.post(f"/workspaces/invitations/{invitation.pk}/accept/")
    Membership.objects.filter(user=newcomer).delete()
    response = client.post(f"/workspaces/invitations/{invitation.pk}/accept/")
    assert response.status_code == 404
    assert not Membership.objects.filter(user=newcomer).exists()


def test_an_unknown_invitation_is_not_found(newcomer: Any) -> None:
    response = client_for(newcomer).post(f"/workspaces/invitations/{UNKNOWN_ID}/accept/")
    assert response.status_code == 404


@pytest.mark.parametrize(("role", "expected"), OWNER_ONLY.items())
def test_only_owners_can_withdraw_an_invitation(
    personas: dict[str, Any], invitation: Invitation, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).post(
        f"/workspaces/{invitation.workspace_id}/invitations/{invitation.pk}/withdraw/"
    )
    assert_outcome(response, expected)
    assert Invitation.objects.filter(pk=invitation.pk).exists() is (expected != 302)


def test_a_withdrawn_invitation_can_no_longer_be_accepted(
    alice: Any, newcomer: Any, invitation: Invitation
) -> None:
    response = client_for(alice).post(
        f"/workspaces/{invitation.workspace_id}/invitations/{invitation.pk}/withdraw/",
        follow=True,
    )
    assert messages_of(response) == ["Withdrew the invitation to newcomer@example.com."]
    accept = client_for(newcomer).post(f"/workspaces/invitations/{invitation.pk}/accept/")
    assert accept.status_code == 404
    assert not Membership.objects.filter(user=newcomer).exists()


def test_an_owner_cannot_withdraw_another_workspace_s_invitation(
    oscar: Any, invitation: Invitation
) -> None:
    (own,) = oscar.memberships.all()
    response = client_for(oscar).post(
        f"/workspaces/{own.workspace_id}/invitations/{invitation.pk}/withdraw/"
    )
    assert response.status_code == 404
    assert Invitation.objects.filter(pk=invitation.pk).exists()


@pytest.mark.parametrize(
    ("invited", "account"),
    [
        ("Rosa@Example.com", "rosa@example.com"),
        ("rosa@EXAMPLE.COM", "ROSA@example.com"),
        ("Rosa@Exämple.com", "rosa@xn--exmple-cua.com"),
        ("rosa@xn--exmple-cua.com", "ROSA@EXÄMPLE.COM"),
    ],
)
def test_the_invitation_finds_its_account_whatever_the_spelling(
    alice: Any, workspace: Any, invited: str, account: str
) -> None:
    invite(client_for(alice), workspace, invited)
    rosa = make_user(account)
    (pending,) = Invitation.objects.all()
    response = client_for(rosa).post(f"/workspaces/invitations/{pending.pk}/accept/")
    assert response.status_code == 302
    assert Membership.objects.get(user=rosa, workspace=workspace).role == "viewer"


def test_a_new_sign_up_finds_the_invitation_and_still_gets_a_workspace(
    alice: Any, workspace: Any
) -> None:
    invite(client_for(alice), workspace, "rosa@example.com", role="editor")
    client = Client()
    data = {
        "email": "Rosa@Example.com",
        "display_name": "Rosa",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        "family_name": "The Rivera family",
    }
    response = client.post("/accounts/signup/", data, follow=True)
    assert response.redirect_chain == [("/workspaces/", 302)]
    assert messages_of(response) == [
        "Welcome to Allies. You are invited to a workspace: accept or decline below."
    ]
    html = page_of(response)
    assert "The Rivera family" in html
    assert "Invitations for you" in html
    assert "The Test family" in html
    rosa = Membership.objects.get(workspace__name="The Rivera family").user
    assert not Membership.objects.filter(user=rosa, workspace=workspace).exists()


def test_home_mentions_pending_invitations(alice: Any, newcomer: Any, workspace: Any) -> None:
    make_workspace(newcomer, name="The Newcomer family")
    client = client_for(newcomer)
    assert "You are invited to a workspace." not in page_of(client.get("/"))
    invitation_create(
        workspace=workspace, email="newcomer@example.com", role="viewer", invited_by=alice
    )
    assert "You are invited to a workspace." in page_of(client.get("/"))
