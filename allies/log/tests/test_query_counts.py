"""The log list runs the same queries for a short log as for a long one."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.cache import caches
from django.utils import timezone

from tests.support import assert_same_queries, client_for, make_member, queries_for, seed_entries

FILTERS = [
    "",
    "?q=reading",
    "?q=reading+home",
    "?member={member}",
    "?purpose=32&tone=neutral&channel=email",
    "?start={start}&end={end}",
    "?withdrawn=on",
    "?q=reading&member={member}&withdrawn=on&page=2",
]


def test_the_log_list_runs_the_same_queries_at_10_and_1000_entries(
    alice: Any, workspace: Any, member: Any
) -> None:
    team = [member, make_member(workspace, "Dana Whitfield")]
    client = client_for(alice)
    today = timezone.localdate()
    start, end = today - datetime.timedelta(days=60), today + datetime.timedelta(days=1)
    urls = ["/log/" + q.format(member=member.pk, start=start, end=end) for q in FILTERS]
    htmx = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "log-results"}
    seed_entries(workspace, alice, team, 10)
    for url in urls:
        # Every filter matches all entries, so every page has rows to fetch related data for.
        assert client.get(url).context["page"].paginator.count == 10, url
    # Counted afresh each time: seed_entries seals no revision, so a kept count would stay.
    kept = caches["fragments"]
    kept.clear()
    small = {url: queries_for(client, url) for url in urls}
    small_htmx = queries_for(client, "/log/?q=reading", **htmx)
    seed_entries(workspace, alice, team, 990)
    kept.clear()
    for url in urls:
        assert_same_queries(url, small[url], queries_for(client, url))
    large_htmx = queries_for(client, "/log/?q=reading", **htmx)
    assert_same_queries("The log's htmx results", small_htmx, large_htmx)


def test_the_htmx_results_swap_returns_only_the_results(
    alice: Any, workspace: Any, member: Any
) -> None:
    seed_entries(workspace, alice, [member], 30)
    response = client_for(alice).get(
        "/log/?page=2", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="log-results"
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="log-results">')
    assert "30 entries" in html
    assert "Page 2 of 2" in html


def test_the_count_is_kept_until_the_log_changes(alice: Any, workspace: Any, member: Any) -> None:
    from allies.log.services import interaction_withdraw
    from tests.support import make_entry, make_workspace

    client = client_for(alice)
    first = make_entry(workspace, alice, [member])
    make_entry(workspace, alice, [member], tone="positive")
    assert client.get("/log/").context["page"].paginator.count == 2
    assert client.get("/log/?tone=positive").context["page"].paginator.count == 1
    counted = queries_for(client, "/log/")
    assert not any("COUNT(*)" in sql for sql in counted)  # kept
    make_entry(workspace, alice, [member], tone="positive")
    assert client.get("/log/").context["page"].paginator.count == 3
    assert client.get("/log/?tone=positive").context["page"].paginator.count == 2
    interaction_withdraw(interaction=first, author=alice, reason="Not this one.")
    assert client.get("/log/").context["page"].paginator.count == 2
    assert client.get("/log/?withdrawn=on").context["page"].paginator.count == 3
    # Each workspace has its own.
    other = make_member(make_workspace(alice, name="School"), "Mr. Ray")
    client.post(f"/workspaces/{other.workspace_id}/switch/")
    assert client.get("/log/").context["page"].paginator.count == 0


def test_the_person_filter_follows_the_team(alice: Any, workspace: Any, member: Any) -> None:
    from allies.team.models import TeamMember

    client = client_for(alice)
    assert f"{member.name} (" in client.get("/log/").content.decode()
    TeamMember.objects.filter(pk=member.pk).update(name="Dr. Lee")  # even without save()
    page = client.get("/log/").content.decode()
    assert "Dr. Lee (" in page and f"{member.name} (" not in page
    alice.language = "es"
    alice.save()
    assert "Dr. Lee (" in client.get("/log/").content.decode()


def test_the_kept_filters_show_what_each_request_asked(
    alice: Any, workspace: Any, member: Any
) -> None:
    client = client_for(alice)
    for _ in range(2):  # drawn, then kept
        page = client.get("/log/?q=reading").content.decode()
        assert 'name="q" value="reading"' in page
        other = client.get("/log/?q=math&page=2").content.decode()
        assert 'name="q" value="math"' in other and 'value="reading"' not in other
        wrong = client.get("/log/?start=2026-13-40").content.decode()
        assert 'id="id_start_error"' in wrong and 'more-filters" open' in wrong
        plain = client.get("/log/").content.decode()
        assert 'id="id_start_error"' not in plain and 'more-filters" open' not in plain
    gone = member.pk + 1000
    assert 'id="id_member_error"' in client.get(f"/log/?member={gone}").content.decode()
