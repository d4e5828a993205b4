"""Links that open a page in a given workspace (the weekly digest's): straight on when it
is already the current one, else a one-click confirmation whose button is a POST."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest

from allies.core.redirects import local_path
from allies.workspaces.access import SESSION_KEY
from allies.workspaces.links import open_link
from allies.workspaces.models import Membership
from allies.workspaces.services import membership_add
from tests.support import LOGIN, PASSWORD, assert_outcome, client_for, make_user, make_workspace

# The fixture's members work in it already, so their link goes straight on.
STRAIGHT_ON = {"owner": 302, "editor": 302, "viewer": 302, "outsider": 404, "anonymous": LOGIN}


@pytest.fixture
def school(alice: Any, workspace: Any) -> Any:
    """A second workspace of alice's, where she is a viewer; she works in her own."""
    bob = make_user("bob@example.com")
    school = make_workspace(bob, name="Lincoln caseload", kind="school")
    membership_add(workspace=school, user=alice, role="viewer")
    return school


def page(response: Any) -> str:
    return response.content.decode()


@pytest.mark.parametrize(("role", "expected"), STRAIGHT_ON.items())
def test_only_members_can_follow_a_workspace_link(
    personas: dict[str, Any], workspace: Any, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).get(open_link(workspace.pk, "/log/"))
    assert_outcome(response, expected)
    if expected == 302:
        assert response["Location"] == "/log/"


def test_a_link_to_another_workspace_asks_before_switching(alice: Any, school: Any) -> None:
    client = client_for(alice)
    client.get("/")  # works in her own family workspace
    response = client.get(open_link(school.pk, "/log/?q=reading"))
    assert response.status_code == 200
    text = page(response)
    assert "Switch to Lincoln caseload?" in text
    assert "you are working in The Test family" in text
    form = text.split("<main", 1)[1]
    assert f'action="/workspaces/{school.pk}/switch/"' in form
    assert 'name="next" value="/log/?q=reading"' in form
    assert "csrfmiddlewaretoken" in form
    # Looking is not switching.
    assert client.session.get(SESSION_KEY) != school.pk
    alice.refresh_from_db()
    assert alice.last_workspace_id != school.pk
    assert "<h1>The Test family</h1>" in page(client.get("/"))


def test_confirming_switches_and_goes_on(alice: Any, school: Any) -> None:
    client = client_for(alice)
    text = page(client.get(open_link(school.pk, "/log/?q=reading")))
    target = html.unescape(re.search(r'name="next" value="([^"]*)"', text).group(1))  # type: ignore[union-attr]
    response = client.post(f"/workspaces/{school.pk}/switch/", {"next": target})
    assert response["Location"] == "/log/?q=reading"
    assert client.session[SESSION_KEY] == school.pk
    # Now the same link goes straight on.
    again = client.get(open_link(school.pk, "/team/"))
    assert (again.status_code, again["Location"]) == (302, "/team/")


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example",
        "javascript:alert(1)",
        "log/",
        "",
        "/\t/evil.example",
    ],
)
def test_a_link_never_leads_off_site(alice: Any, school: Any, target: str) -> None:
    client = client_for(alice)
    straight = client.get(
        f"/workspaces/{alice.memberships.get(role='owner').workspace_id}/open/", {"next": target}
    )
    assert straight["Location"] == "/"
    asked = page(client.get(f"/workspaces/{school.pk}/open/", {"next": target}))
    assert 'name="next" value="/"' in asked
    assert "evil.example" not in asked


def test_a_link_to_a_workspace_one_is_not_in_is_not_found(alice: Any, oscar: Any) -> None:
    theirs = Membership.objects.get(user=oscar).workspace
    response = client_for(alice).get(open_link(theirs.pk, "/log/"))
    assert response.status_code == 404


def test_the_link_only_reads(alice: Any, workspace: Any) -> None:
    response = client_for(alice).post(open_link(workspace.pk, "/log/"))
    assert response.status_code == 405


def test_logging_in_from_a_link_comes_back_to_it(alice: Any, school: Any) -> None:
    client = client_for(None)
    link = open_link(school.pk, "/log/")
    bounce = client.get(link)
    assert_outcome(bounce, LOGIN)
    response = client.post(
        bounce["Location"], {"username": "alice@example.com", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == link
    assert "Switch to Lincoln caseload?" in page(response)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("/log/?q=a b", "/log/?q=a b"),
        ("/", "/"),
        ("https://evil.example/", None),
        ("//evil.example", None),
        ("/\\evil.example", None),
        ("http:/evil", None),
        ("/\t/evil.example", None),
        ("", None),
        (None, None),
    ],
)
def test_local_path_keeps_only_paths_of_this_site(value: Any, expected: Any) -> None:
    assert local_path(value) == expected
