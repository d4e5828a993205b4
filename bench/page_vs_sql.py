"""How close each page is to its own SQL: the whole request against the bare queries.

50 team members and 10,000 entries over four years (and again all in one year). For
home, the log and the relationships page: the median time of the whole request through
Django's test client, and the median time of running the same SQL statements directly
on the same connection. The ratio says what Python and templates add on top of the
database. Target: at most 3x.
"""

from __future__ import annotations

import statistics
import time

import _setup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

ENTRIES = 10_000
MEMBERS = 50
REPEAT = 25
SHAPES = {"years": 4 * 365, "one year": 360}
PAGES = {"home": "/", "log": "/log/", "relationships": "/relationships/"}
TARGET = 3.0


def bare_sql(statements: list[str]) -> float:
    with connection.cursor() as cursor:
        start = time.perf_counter()
        for sql in statements:
            cursor.execute(sql)
            cursor.fetchall()
        return time.perf_counter() - start


def main() -> int:
    failed = False
    print(f"{'page':<26}{'page ms':>9}{'SQL ms':>8}{'q':>4}{'ratio':>8}")
    for shape, span in SHAPES.items():
        user, _workspace = _setup.fill_workspace(
            f"sql{span}", entries=ENTRIES, members=MEMBERS, span_days=span
        )
        client = Client()
        client.force_login(user)
        for label, url in PAGES.items():
            client.get(url)  # the first home load of a week chooses the focus
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200
            # Session and user look-ups are the same on every page; keep the page's own.
            statements = [q["sql"] for q in ctx.captured_queries]
            pages, sqls = [], []
            for _ in range(REPEAT):
                start = time.perf_counter()
                client.get(url)
                pages.append(time.perf_counter() - start)
                sqls.append(bare_sql(statements))
            page, sql = statistics.median(pages), statistics.median(sqls)
            ratio = page / sql
            over = ratio > TARGET
            failed |= over
            name = f"{label} ({shape})"
            print(
                f"{name:<26}{page * 1000:>9.1f}{sql * 1000:>8.1f}{len(statements):>4}"
                f"{ratio:>8.1f}{'  <-- over target' if over else ''}"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
