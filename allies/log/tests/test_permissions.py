"""Who may do what with the log: every view, every role.

Outsiders get a 404 for another workspace's entries (their existence is not revealed),
viewers a 403 for anything that writes, anonymous visitors the login page.
"""

from __future__ import annotations

from typing import Any

import pytest

from allies.log.models import Interaction
from tests.support import (
    OWN_READ,
    OWN_WRITE_FORM,
    READ,
    WRITE,
    WRITE_FORM,
    assert_outcome,
    client_for,
    entry_data,
    entry_data_from,
    make_entry,
    make_member,
)


@pytest.fixture
def oscars_entry(oscar: Any) -> Any:
    workspace = oscar.memberships.get().workspace
    return make_entry(
        workspace,
        oscar,
        [make_member(workspace, "Mr. Other")],
        summary="A note in the other family.",
    )


@pytest.mark.parametrize(("role", "expected"), OWN_READ.items())
def test_everyone_logged_in_sees_only_their_own_workspace_s_log(
    personas: dict[str, Any], entry: Any, oscars_entry: Any, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).get("/log/")
    assert_outcome(response, expected)
    if expected == 200:
        html = response.content.decode()
        mine, theirs = (oscars_entry, entry) if role == "outsider" else (entry, oscars_entry)
        assert mine.summary in html
        assert theirs.summary not in html


@pytest.mark.parametrize(("role", "expected"), READ.items())
def test_members_of_the_workspace_can_open_an_entry(
    personas: dict[str, Any], entry: Any, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).get(f"/log/{entry.pk}/")
    assert_outcome(response, expected)
    if expected == 200:
        assert entry.summary in response.content.decode()


@pytest.mark.parametrize(("role", "expected"), OWN_WRITE_FORM.items())
def test_viewers_cannot_open_the_new_entry_form(
    personas: dict[str, Any], entry: Any, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).get("/log/new/")
    assert_outcome(response, expected)
    if role == "outsider":
        # Their own workspace's form: nobody from this workspace is offered.
        assert "Ms. Lee" not in response.content.decode()


@pytest.mark.parametrize(
    ("role", "expected"),
    {**WRITE, "outsider": 200}.items(),
)
def test_only_owners_and_editors_can_add_an_entry(
    personas: dict[str, Any], member: Any, role: str, expected: Any
) -> None:
    data = entry_data([member], summary="A new entry from the form.")
    response = client_for(personas[role]).post("/log/new/", data)
    assert_outcome(response, expected)
    created = Interaction.objects.filter(summary="A new entry from the form.")
    if expected == 302:
        assert created.get().workspace == member.workspace
    else:
        assert not created.exists()
    if role == "outsider":
        # They may write in their own workspace, but not about this one's people.
        assert "Select a valid choice" in response.content.decode()


@pytest.mark.parametrize(("role", "expected"), WRITE_FORM.items())
def test_viewers_cannot_open_the_edit_form_of_an_entry(
    personas: dict[str, Any], entry: Any, role: str, expected: Any
) -> None:
    assert_outcome(client_for(personas[role]).get(f"/log/{entry.pk}/edit/"), expected)


@pytest.mark.parametrize(("role", "expected"), WRITE.items())
def test_only_owners_and_editors_can_edit_an_entry(
    personas: dict[str, Any], entry: Any, role: str, expected: Any
) -> None:
    data = entry_data_from(entry, summary="Edited by someone.")
    response = client_for(personas[role]).post(f"/log/{entry.pk}/edit/", data)
    assert_outcome(response, expected)
    entry.refresh_from_db()
    edited = entry.summary == "Edited by someone."
    assert edited is (expected == 302)
    assert entry.revisions.count() == (2 if edited else 1)


@pytest.mark.parametrize(("role", "expected"), WRITE_FORM.items())
def test_viewers_cannot_open_the_withdraw_form(
    personas: dict[str, Any], entry: Any, role: str, expected: Any
) -> None:
    assert_outcome(client_for(personas[role]).get(f"/log/{entry.pk}/withdraw/"), expected)


@pytest.mark.parametrize(("role", "expected"), WRITE.items())
def test_only_owners_and_editors_can_withdraw_an_entry(
    personas: dict[str, Any], entry: Any, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).post(
        f"/log/{entry.pk}/withdraw/", {"reason": "Logged twice."}
    )
    assert_outcome(response, expected)
    entry.refresh_from_db()
    assert entry.is_withdrawn is (expected == 302)


@pytest.mark.parametrize(
    ("role", "expected"),
    {**WRITE, "outsider": 400}.items(),
)
def test_only_owners_and_editors_can_quick_add(
    personas: dict[str, Any], member: Any, oscars_entry: Any, role: str, expected: Any
) -> None:
    data = {"member": member.pk, "channel": "", "purpose": "1", "summary": "Quick thanks."}
    response = client_for(personas[role]).post("/log/quick/", data)
    assert_outcome(response, expected)
    assert Interaction.objects.filter(summary="Quick thanks.").exists() is (expected == 302)
    if role == "outsider":
        assert "Select a valid choice" in response.content.decode()


def test_quick_add_only_accepts_a_post(alice: Any, workspace: Any) -> None:
    assert client_for(alice).get("/log/quick/").status_code == 405
