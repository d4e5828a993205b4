"""Signing up: a new account comes with its first (family) workspace, owned by it.

Logging in and out, passwords and preferences are tested in allies/accounts/tests/.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from allies.accounts.models import User
from allies.workspaces.models import Membership
from tests.support import ANON_ONLY, NEW_PASSWORD, ROLES, assert_outcome, client_for, field_error


@pytest.mark.parametrize("role", ROLES)
def test_the_sign_up_page_is_for_people_not_logged_in(personas: dict[str, Any], role: str) -> None:
    response = client_for(personas[role]).get("/accounts/signup/")
    assert_outcome(response, ANON_ONLY[role])
    if ANON_ONLY[role] == 302:
        assert response["Location"] == "/"


def signup_data(**overrides: str) -> dict[str, str]:
    data = {
        "email": "Rosa@Example.com",
        "display_name": "Rosa",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        "family_name": "The Rivera family",
    }
    data.update(overrides)
    return data


def test_signing_up_creates_a_family_workspace_owned_by_the_new_user(db: Any) -> None:
    client = Client()
    response = client.post("/accounts/signup/", signup_data())
    assert response.status_code == 302
    assert response["Location"] == "/students/new/"
    user = User.objects.get()
    assert user.email == "rosa@example.com"
    assert user.check_password(NEW_PASSWORD)
    membership = Membership.objects.get(user=user)
    assert membership.role == "owner"
    assert (membership.workspace.name, membership.workspace.kind) == ("The Rivera family", "family")
    # ...and is logged in, in that workspace.
    home = client.get("/")
    assert home.status_code == 200
    assert "<h1>The Rivera family</h1>" in home.content.decode()


def test_a_family_workspace_gets_a_name_when_none_is_given(db: Any) -> None:
    Client().post("/accounts/signup/", signup_data(family_name="  "))
    assert Membership.objects.get().workspace.name == "My family"


@pytest.mark.parametrize(
    ("overrides", "field", "error"),
    [
        ({"email": "ALICE@example.com"}, "email", "cannot be used to sign up"),
        ({"email": "not-an-email"}, "email", "Enter a valid email address."),
        ({"password2": "something else entirely"}, "password2", "didn’t match"),
        ({"password1": "password", "password2": "password"}, "password1", "too common"),
        ({"family_name": "f" * 121}, "family_name", "at most 120 characters"),
    ],
)
def test_bad_sign_ups_are_refused_next_to_the_field(
    alice: Any, overrides: dict[str, str], field: str, error: str
) -> None:
    response = Client().post("/accounts/signup/", signup_data(**overrides))
    assert response.status_code == 200
    assert error in field_error(response, field)
    if field in ("email", "family_name"):
        assert f'value="{overrides[field]}"' in response.content.decode()
    assert User.objects.count() == 1
