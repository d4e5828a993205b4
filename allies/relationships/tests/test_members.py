"""The team roster (/team/) and a member's page (/team/<id>/): who may see them, what they
show, and pages that stay fast.

Adding, editing and removing people is the team app's: see allies/team/tests/.
"""

from __future__ import annotations

from typing import Any

import pytest

from allies.log.models import Interaction
from tests.support import (
    OWN_READ,
    READ,
    UNKNOWN_ID,
    assert_charts,
    assert_outcome,
    assert_same_queries,
    between,
    client_for,
    make_entry,
    make_member,
    member_data,
    queries_for,
    seed_entries,
)

# --- Who may see them -----------------------------------------------------------------


@pytest.mark.parametrize(("role", "expected"), OWN_READ.items())
def test_the_team_list_shows_only_the_current_workspace_s_team(
    personas: dict[str, Any], member: Any, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).get("/team/")
    assert_outcome(response, expected)
    if expected == 200:
        assert (member.name in response.content.decode()) is (role != "outsider")


@pytest.mark.parametrize(("role", "expected"), READ.items())
def test_members_can_open_a_team_member_and_outsiders_cannot(
    personas: dict[str, Any], member: Any, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).get(f"/team/{member.pk}/")
    assert_outcome(response, expected)
    if expected == 200:
        writes = f'href="/team/{member.pk}/edit/"' in response.content.decode()
        assert writes is (role in ("owner", "editor"))


@pytest.mark.parametrize("path", ["/team/{pk}/"])
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


# --- What they show -------------------------------------------------------------------


def test_the_team_list_shows_the_last_contact(alice: Any, workspace: Any, member: Any) -> None:
    entry = make_entry(workspace, alice, [member])
    response = client_for(alice).get("/team/")
    (row,) = response.context["members"]
    assert row.last_contact == entry.occurred_at


def test_a_team_member_s_page_shows_their_recent_entries(
    alice: Any, workspace: Any, member: Any
) -> None:
    seed_entries(workspace, alice, [member], 12)
    response = client_for(alice).get(f"/team/{member.pk}/")
    assert len(response.context["entries"]) == 10
    assert response.context["has_entries"]
    assert response.context["h"].last_contact is not None


def test_a_member_s_page_has_their_charts_and_open_follow_ups(
    alice: Any, five: dict[str, Any]
) -> None:
    ana = five["ana"]
    page = client_for(alice).get(f"/team/{ana.pk}/").content.decode()
    contacts, _tone = assert_charts(page)
    assert "5 contacts in the last 12 months" in contacts
    health = between(page, 'id="health-title"', "</section>")
    assert '<span class="status status-on_track">On track</span>' in health
    assert "4 positive · 1 concern" in health
    assert "1 past due" in health
    follow_up = Interaction.objects.get(follow_up_due__isnull=False, participants=ana)
    assert f'href="/log/new/?follows={follow_up.pk}"' in health


def test_a_viewer_is_not_offered_to_log_a_follow_up_from_a_member_s_page(
    vera: Any, five: dict[str, Any]
) -> None:
    page = client_for(vera).get(f"/team/{five['ana'].pk}/").content.decode()
    assert "Open follow-ups" in page
    assert "?follows=" not in page


# --- Query counts ---------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/team/", "/team/?inactive=1", "/team/{pk}/"])
def test_team_pages_run_the_same_queries_at_10_and_1000_entries(
    alice: Any, workspace: Any, member: Any, url: str
) -> None:
    team = [member, make_member(workspace, "Dana Whitfield")]
    make_member(workspace, "Mr. Gone", active=False)
    client = client_for(alice)
    url = url.format(pk=member.pk)
    seed_entries(workspace, alice, team, 10)
    client.get(url)  # the first request of a session does one-off work
    small = queries_for(client, url)
    seed_entries(workspace, alice, team, 990)
    large = queries_for(client, url)
    assert_same_queries(url, small, large)
