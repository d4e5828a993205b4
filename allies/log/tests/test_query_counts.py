"""The log list runs the same queries for a short log as for a long one."""

from __future__ import annotations

import datetime
from typing import Any

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
    small = {url: queries_for(client, url) for url in urls}
    small_htmx = queries_for(client, "/log/?q=reading", **htmx)
    seed_entries(workspace, alice, team, 990)
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
