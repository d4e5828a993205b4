"""An entry's history names people as the app does elsewhere, not by email."""

from __future__ import annotations

from typing import Any

from tests.support import client_for


def test_the_history_shows_the_authors_display_name(alice: Any, entry: Any) -> None:
    page = client_for(alice).get(f"/log/{entry.pk}/").content.decode()
    history = page[page.index("Version 1") :]
    assert "Alice" in history
    assert "alice@example.com" not in history


def test_a_former_members_revisions_keep_the_label_they_were_saved_with(
    alice: Any, erin: Any, workspace: Any, member: Any
) -> None:
    from allies.log.models import InteractionRevision
    from tests.support import make_entry

    entry = make_entry(workspace, erin, [member])
    erin.delete()
    page = client_for(alice).get(f"/log/{entry.pk}/").content.decode()
    history = page[page.index("Version 1") :]
    assert InteractionRevision.objects.get(interaction=entry).author is None
    assert "erin@example.com" in history
