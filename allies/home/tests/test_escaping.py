"""Markup typed into any text field is shown as text on every page that shows it."""

from __future__ import annotations

from typing import Any

import pytest

from allies.log.services import interaction_withdraw
from tests.support import (
    PAYLOAD,
    assert_escaped,
    client_for,
    entry_data,
    make_entry,
    make_member,
    make_student,
    member_data,
)


@pytest.fixture
def marked_up(alice: Any, workspace: Any) -> dict[str, Any]:
    """Every text field of the workspace holds the payload."""
    alice.display_name = PAYLOAD
    alice.save()
    workspace.name = PAYLOAD
    workspace.save()
    student = make_student(workspace, PAYLOAD, school=PAYLOAD, progress_reports_note=PAYLOAD)
    member = make_member(
        workspace,
        PAYLOAD,
        role="other",
        role_other=PAYLOAD,
        best_times=PAYLOAD,
        communication_style=PAYLOAD,
        constraints=PAYLOAD,
        strengths=PAYLOAD,
    )
    entry = make_entry(workspace, alice, [member], summary=PAYLOAD, student=student)
    withdrawn = make_entry(workspace, alice, [member], summary="To withdraw.")
    interaction_withdraw(interaction=withdrawn, author=alice, reason=PAYLOAD)
    return {"student": student, "member": member, "entry": entry, "withdrawn": withdrawn}


PAGES = [
    "/",
    "/log/",
    "/log/?withdrawn=on",
    "/log/?q=script",
    "/log/new/",
    "/log/{entry}/",
    "/log/{entry}/edit/",
    "/log/{entry}/withdraw/",
    "/log/{withdrawn}/",
    "/team/",
    "/team/?inactive=1",
    "/team/{member}/",
    "/team/{member}/edit/",
    "/students/",
    "/students/{student}/",
    "/workspaces/",
    "/workspaces/{workspace}/",
    "/accounts/settings/",
]
WRITE_ONLY = ("/new/", "/edit/", "/withdraw/")


@pytest.mark.parametrize(
    ("role", "url"),
    [("owner", url) for url in PAGES]
    + [("viewer", url) for url in PAGES if not url.endswith(WRITE_ONLY)],
)
def test_typed_markup_is_escaped_on_every_page(
    personas: dict[str, Any], workspace: Any, marked_up: dict[str, Any], url: str, role: str
) -> None:
    ids = {name: obj.pk for name, obj in marked_up.items()}
    url = url.format(workspace=workspace.pk, **ids)
    if url == "/accounts/settings/":
        personas[role].display_name = PAYLOAD
        personas[role].save()
    response = client_for(personas[role]).get(url)
    assert response.status_code == 200
    assert_escaped(response)


def test_typed_markup_is_escaped_in_the_htmx_quick_add_response(
    alice: Any, marked_up: dict[str, Any]
) -> None:
    response = client_for(alice).post(
        "/log/quick/",
        {"member": marked_up["member"].pk, "purpose": "1", "summary": PAYLOAD},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert_escaped(response)


def test_typed_markup_is_escaped_when_a_form_is_shown_again(alice: Any, member: Any) -> None:
    client = client_for(alice)
    for response in (
        client.post("/log/new/", entry_data([member], summary=PAYLOAD, occurred_at="never")),
        client.post("/team/new/", member_data(name="", strengths=PAYLOAD)),
        client.post("/students/new/", {"name": PAYLOAD, "iep_start": "2026-02-30"}),
        client.post("/workspaces/", {"name": PAYLOAD, "kind": "castle"}),
        client.post("/accounts/settings/", {"display_name": PAYLOAD, "language": "xx"}),
        client.get("/log/", {"q": PAYLOAD}),
    ):
        assert response.status_code == 200
        assert_escaped(response)


def test_markup_in_the_sign_up_form_is_escaped(db: Any) -> None:
    from django.test import Client

    response = Client().post(
        "/accounts/signup/",
        {"email": "x@example.com", "display_name": PAYLOAD, "family_name": PAYLOAD},
    )
    assert response.status_code == 200
    assert_escaped(response)
