"""The record line at the end of the toolkit's messages, when the owners turn it on."""

from __future__ import annotations

from typing import Any

from allies.log.models import InteractionRevision
from allies.workspaces.services import workspace_set_record_line
from tests.support import COMPOSE, client_for, make_entry


def _draft(user: Any, **params: Any) -> str:
    response = client_for(user).get(COMPOSE, {"kind": "appreciation", **params})
    assert response.status_code == 200
    body: str = response.context["form"].initial["body"]
    return body


def test_drafts_do_not_end_with_the_record_line_unless_asked(alice: Any, lee: Any) -> None:
    assert "Allies record" not in _draft(alice, member=lee.pk)


def test_drafts_end_with_the_record_line_as_it_stands(alice: Any, workspace: Any, lee: Any) -> None:
    make_entry(workspace, alice, [lee])
    workspace_set_record_line(workspace=workspace, on=True)
    head = InteractionRevision.objects.get(workspace=workspace).hash[:12]
    assert _draft(alice, member=lee.pk).endswith(f"\n\nAllies record 1 · {head}")


def test_the_record_line_is_in_the_messages_language(alice: Any, workspace: Any, park: Any) -> None:
    workspace_set_record_line(workspace=workspace, on=True)
    body = _draft(alice, member=park.pk)  # Mr. Park reads Spanish
    assert body.startswith("Hola, Mr. Park")
    assert body.endswith("\n\nRegistro de Allies 0 · 000000000000")
