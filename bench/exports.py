"""Exporting the log: CSV and JSON streamed at 1,000, 10,000 and 100,000 entries, and the
PDF of 10,000.

For each size: the time to produce the whole download through the view, the queries it
ran, and the peak of Python's allocations while it streamed (tracemalloc). The streamed
formats read a thousand entries at a time, so their peak memory should stay flat from
10,000 to 100,000 entries (target: the 100,000 peak at most 1.5x the 10,000 one; 1,000
entries are a single chunk) while the time grows with the entries. The PDF is built in
memory by WeasyPrint: its time and peak at 1,000 entries are recorded, not bounded (the
export refuses a PDF of more than 2,000).
"""

from __future__ import annotations

import sys
import time
import tracemalloc
from collections.abc import Callable

import _setup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

SIZES = (1_000, 10_000, 100_000)
PDF_SIZE = 1_000  # the PDF's own limit is 2,000 entries (exports.PDF_MAX_ENTRIES)


def with_revisions(workspace: object) -> None:
    """One sealed-looking revision per entry (the bench's entries are made in bulk)."""
    from allies.log.models import Interaction, InteractionRevision

    rows = Interaction.objects.filter(workspace=workspace).order_by("pk").values("pk", "summary")
    InteractionRevision.objects.bulk_create(
        (
            InteractionRevision(
                workspace_id=workspace.pk,  # type: ignore[attr-defined]
                interaction_id=row["pk"],
                seq=i + 1,
                number=1,
                kind="created",
                author_label="bench@bench.example",
                recorded_at=_setup.timezone.now(),
                data={"summary": row["summary"], "channel": "email"},
                prev_hash="0" * 64,
                hash=f"{i:064x}",
            )
            for i, row in enumerate(rows.iterator(chunk_size=5_000))
        ),
        batch_size=5_000,
    )


def client_for(size: int) -> Client:
    user, workspace = _setup.fill_workspace(f"export{size}", entries=size, members=8)
    with_revisions(workspace)
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def measured(fetch: Callable[[], int]) -> tuple[float, int, float, int]:
    """Seconds, queries, peak MB of allocations and bytes of one whole download. The time
    is taken on a run of its own: tracing allocations slows Python down severalfold."""
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as ctx:
        size = fetch()
    seconds = time.perf_counter() - start
    queries = len(ctx.captured_queries)  # now: the next request clears the query log
    tracemalloc.start()
    fetch()
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return seconds, queries, peak, size


def download(client: Client, kind: str) -> Callable[[], int]:
    def fetch() -> int:
        response = client.get("/log/export/", {"format": kind})
        assert response.status_code == 200, response.status_code
        if response.streaming:
            return sum(len(chunk) for chunk in response.streaming_content)
        return len(response.content)

    return fetch


def main() -> int:
    peaks: dict[str, list[float]] = {"csv": [], "json": []}
    clients = {}
    print(f"{'format':6} {'entries':>8} {'seconds':>8} {'queries':>8} {'peak MB':>8} {'MB out':>8}")
    for size in SIZES:
        clients[size] = client = client_for(size)
        for kind in ("csv", "json"):
            download(client, kind)()  # warm: templates, translations, compiled plans
            seconds, queries, peak, out = measured(download(client, kind))
            peaks[kind].append(peak)
            print(f"{kind:6} {size:>8} {seconds:>8.2f} {queries:>8} {peak:>8.1f} {out / 1e6:>8.1f}")
    seconds, queries, peak, out = measured(download(clients[PDF_SIZE], "pdf"))
    print(f"{'pdf':6} {PDF_SIZE:>8} {seconds:>8.2f} {queries:>8} {peak:>8.1f} {out / 1e6:>8.1f}")
    failed = False
    for kind, found in peaks.items():
        ratio = found[-1] / found[1]
        print(f"{kind}: peak memory at {SIZES[-1]:,} entries is {ratio:.2f}x that at {SIZES[1]:,}")
        failed |= ratio > 1.5
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
