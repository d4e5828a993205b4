"""The Check the record page: owners only, the same result as `allies verify`, a
checkpoint form that explains bad input, and as many queries at 1,000 entries as at 10."""

from __future__ import annotations

import re
from typing import Any

import pytest

from allies.log.models import Interaction, InteractionRevision
from allies.log.tests.sealing import seed_sealed_entries
from tests.support import (
    OWNER_ONLY,
    OWNER_READ,
    POST_ONLY,
    ROLES,
    assert_outcome,
    assert_same_queries,
    client_for,
    field_error,
    make_entry,
    make_member,
    queries_for,
    spanish,
)


def _url(workspace: Any, query: str = "") -> str:
    return f"/log/record/{workspace.pk}/{query}"


def _head(workspace: Any) -> InteractionRevision:
    return InteractionRevision.objects.filter(workspace=workspace).latest("seq")


@pytest.mark.parametrize(("role", "expected"), OWNER_READ.items())
def test_only_the_workspaces_owners_may_check_its_record(
    personas: dict[str, Any], workspace: Any, entry: Any, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).get(_url(workspace))
    assert_outcome(response, expected)
    if expected == 200:
        assert "The record holds." in response.content.decode()


def test_the_roles_are_all_covered() -> None:
    assert set(OWNER_READ) == set(ROLES)


def test_an_intact_record_shows_its_head_and_fingerprint(
    alice: Any, workspace: Any, entry: Any
) -> None:
    html = client_for(alice).get(_url(workspace)).content.decode()
    head = _head(workspace).hash[:12]
    assert f"Verified 1 revision, head 1:{head}." in html
    assert f"Allies record 1 · {head}" in html


def test_a_summary_changed_behind_the_apps_back_is_shown(
    alice: Any, workspace: Any, entry: Any
) -> None:
    Interaction.objects.filter(pk=entry.pk).update(summary="Not what was said.")
    html = client_for(alice).get(_url(workspace)).content.decode()
    assert "The record does not hold." in html
    assert f"Entry {entry.pk} does not read as its revision 1 says" in html


def test_a_checkpoint_the_log_extends(alice: Any, workspace: Any, entry: Any) -> None:
    line = f"Allies record 1 · {_head(workspace).hash[:12]}"
    make_entry(workspace, alice, [entry.participants.get()])
    html = client_for(alice).get(_url(workspace), {"checkpoint": line}).content.decode()
    assert "The log still extends checkpoint 1" in html
    assert "The record holds." in html


def test_a_checkpoint_the_log_does_not_extend(alice: Any, workspace: Any, entry: Any) -> None:
    response = client_for(alice).get(_url(workspace), {"checkpoint": "1:" + "a" * 12})
    html = response.content.decode()
    assert "The record does not hold." in html
    assert "does not extend that checkpoint" in html


@pytest.mark.parametrize("bad", ["", "hello", "1:abc", "1:" + "g" * 12, "9" * 400, "0:" + "a" * 12])
def test_a_bad_checkpoint_is_a_form_error_not_a_500(
    alice: Any, workspace: Any, entry: Any, bad: str
) -> None:
    response = client_for(alice).get(_url(workspace), {"checkpoint": bad})
    assert response.status_code == 200
    assert field_error(response, "checkpoint")
    # The record itself is still checked and shown.
    assert "The record holds." in response.content.decode()


def test_the_page_has_a_labelled_checkpoint_field(alice: Any, workspace: Any) -> None:
    html = client_for(alice).get(_url(workspace)).content.decode()
    assert '<label for="id_checkpoint">' in html


def test_the_page_speaks_spanish(alice: Any, workspace: Any, entry: Any) -> None:
    spanish(alice)
    html = client_for(alice).get(_url(workspace)).content.decode()
    assert "Comprobar el registro" in html
    assert "El registro se mantiene íntegro." in html


def test_owners_find_the_page_from_the_log_and_the_workspace_settings(
    alice: Any, erin: Any, workspace: Any
) -> None:
    link = f'href="{_url(workspace)}"'
    assert link in client_for(alice).get("/log/").content.decode()
    assert link in client_for(alice).get(f"/workspaces/{workspace.pk}/").content.decode()
    assert link not in client_for(erin).get("/log/").content.decode()
    assert link not in client_for(erin).get(f"/workspaces/{workspace.pk}/").content.decode()


def test_the_page_runs_the_same_queries_at_10_and_1000_entries(
    alice: Any, workspace: Any, member: Any
) -> None:
    team = [member, make_member(workspace, "Dana Whitfield")]
    client = client_for(alice)
    seed_sealed_entries(workspace, alice, team, 10)
    small = queries_for(client, _url(workspace))
    assert "The record holds." in client.get(_url(workspace)).content.decode()
    seed_sealed_entries(workspace, alice, team, 990)
    large = queries_for(client, _url(workspace))
    response = client.get(_url(workspace))
    assert "Verified 1,000 revisions" in response.content.decode() or (
        "Verified 1000 revisions" in response.content.decode()
    )
    assert_same_queries("Check the record", small, large)


@pytest.mark.parametrize(("role", "expected"), OWNER_ONLY.items())
def test_only_owners_may_turn_the_record_line_on(
    personas: dict[str, Any], workspace: Any, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).post(_url(workspace, "line/"), {"on": "on"})
    assert_outcome(response, expected)
    workspace.refresh_from_db()
    assert workspace.record_line_in_messages is (expected == 302)


@pytest.mark.parametrize(("role", "expected"), POST_ONLY.items())
def test_the_record_line_setting_takes_only_a_post(
    personas: dict[str, Any], workspace: Any, role: str, expected: Any
) -> None:
    assert_outcome(client_for(personas[role]).get(_url(workspace, "line/")), expected)


def test_the_record_line_is_turned_on_and_off_from_the_page(alice: Any, workspace: Any) -> None:
    client = client_for(alice)
    page = client.post(_url(workspace, "line/"), {"on": "on"}, follow=True)
    assert "now end with the record line" in page.content.decode()
    assert 'name="on" id="id_on" checked' in page.content.decode() or re.search(
        r'<input[^>]*name="on"[^>]*checked', page.content.decode()
    )
    page = client.post(_url(workspace, "line/"), {}, follow=True)
    assert "no longer end with the record line" in page.content.decode()
    workspace.refresh_from_db()
    assert not workspace.record_line_in_messages
