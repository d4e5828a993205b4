"""The relationships page's figures are kept between loads, never once something changed."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from allies.log.services import interaction_withdraw
from allies.team.models import TeamMember
from tests.support import client_for, make_entry, make_member

SERIES = "CASE WHEN"  # the 12-month series' query


def figures(client: Any, url: str = "/relationships/") -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    body = page[page.index('<p class="rollup">') : page.index("</main>")]
    return body, [q["sql"] for q in captured.captured_queries]


def test_kept_figures_are_the_drawn_ones_and_skip_the_figures_reads(
    alice: Any, workspace: Any
) -> None:
    lee = make_member(workspace, "Ms. Lee")
    make_entry(workspace, alice, [lee])
    client = client_for(alice)
    drawn, first = figures(client)
    kept, second = figures(client)
    assert kept == drawn
    assert any(SERIES in sql for sql in first) and not any(SERIES in sql for sql in second)


def test_every_change_shows(alice: Any, workspace: Any, erin: Any, vera: Any) -> None:
    lee = make_member(workspace, "Ms. Lee", cadence_days=7)
    make_entry(workspace, alice, [lee], occurred_at=timezone.now() - datetime.timedelta(days=9))
    client = client_for(alice)
    before, _ = figures(client)
    assert "1 due" in before and "Log a check-in" in before
    entry = make_entry(workspace, alice, [lee], occurred_at=timezone.now(), tone="positive")
    after, _ = figures(client)
    assert "0 due" in after and "1 on track" in after
    interaction_withdraw(interaction=entry, author=alice, reason="Not so.")
    assert "1 due" in figures(client)[0]
    TeamMember.objects.filter(pk=lee.pk).update(name="Dr. Lee")
    assert "Dr. Lee" in figures(client)[0]
    make_member(workspace, "Mr. Ray")
    assert "2 team members" in figures(client)[0]
    # Each order, role and language has its own.
    by_name, _ = figures(client, "/relationships/?sort=name&order=desc")
    assert re.search(r"Mr\. Ray.*Dr\. Lee", by_name, re.S)
    assert re.search(r"Dr\. Lee.*Mr\. Ray", figures(client, "/relationships/?sort=name")[0], re.S)
    assert "Log a check-in" not in figures(client_for(vera))[0]
    assert "Log a check-in" in figures(client_for(erin))[0]
    alice.language = "es"
    alice.save()
    assert "2 team members" not in figures(client)[0]


def test_another_workspace_never_gets_them(alice: Any, workspace: Any, oscar: Any) -> None:
    make_member(workspace, "Ms. Lee")
    figures(client_for(alice))
    assert "Ms. Lee" not in client_for(oscar).get("/relationships/").content.decode()
