"""The weekly digest's links open their page in the workspace they are about, for someone
in several workspaces too."""

from __future__ import annotations

import datetime
import html
import re
from typing import Any

from django.conf import settings
from django.utils import timezone

from allies.relationships.digest import build_message
from allies.workspaces.access import SESSION_KEY
from allies.workspaces.services import membership_add
from tests.support import client_for, make_entry, make_member, make_user, make_workspace


def links(user: Any, workspaces: list[Any]) -> list[str]:
    """The digest's links, as paths of this site, in the order of the HTML part."""
    message = build_message(user, workspaces, timezone.localdate())
    body = message.alternatives[0][0]
    assert isinstance(body, str)
    urls = [html.unescape(u) for u in re.findall(r'href="([^"]+)"', body)]
    return [u.removeprefix(settings.SITE_URL) for u in urls if u.startswith(settings.SITE_URL)]


def test_each_workspace_s_links_open_it(alice: Any, workspace: Any) -> None:
    bob = make_user("bob@example.com")
    school = make_workspace(bob, name="Lincoln caseload", kind="school")
    membership_add(workspace=school, user=alice, role="editor")
    lee = make_member(school, "Ms. Lee", cadence_days=7)
    make_entry(
        school,
        bob,
        [lee],
        occurred_at=timezone.now() - datetime.timedelta(days=20),
        follow_up_due=timezone.localdate() - datetime.timedelta(days=1),
        summary="Reading plan.",
    )
    found = links(alice, [school, workspace])
    school_links = [u for u in found if u.startswith(f"/workspaces/{school.pk}/open/?next=")]
    assert len(school_links) == 2, found  # "Open Lincoln caseload" and its focus
    assert any(u.startswith(f"/workspaces/{workspace.pk}/open/?next=") for u in found)

    # Alice was last working in her family workspace; the school's focus link asks, then
    # lands on the focus's page in the school workspace.
    client = client_for(alice)
    client.post(f"/workspaces/{workspace.pk}/switch/")
    focus_link = school_links[1]
    asked = client.get(focus_link)
    assert asked.status_code == 200 and "Switch to Lincoln caseload?" in asked.content.decode()
    target = html.unescape(
        re.search(r'name="next" value="([^"]*)"', asked.content.decode()).group(1)  # type: ignore[union-attr]
    )
    assert target.startswith("/log/new/")
    response = client.post(f"/workspaces/{school.pk}/switch/", {"next": target}, follow=True)
    assert client.session[SESSION_KEY] == school.pk
    assert "Ms. Lee" in response.content.decode()
