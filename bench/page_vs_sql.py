"""How close each page is to its own SQL: the whole request against the bare queries.

50 team members and 10,000 entries over four years (and again all in one year). For
home, the log and the relationships page: the median time of the whole request through
Django's test client, and the median time of running directly, on the same connection,
the SQL statements a COLD request sends.

Pages keep what they drew while nothing in it changes (core.kept: home's sections, the
relationships page's figures, the log's count and person filter, in the `fragments`
cache; entry cards in log.cards.REMEMBERED). "warm" is a page loaded again and again,
as a reader does; "cold" is the same page with all of that emptied before each request,
so that it draws everything and sends every statement it can need. Both are divided by
the time of the cold request's SQL, timed between the loads of each run ("SQL ms" is the
median of all of it). The target, at most 3x, is for the warm ratio; the cold one is
printed beside it.
"""

from __future__ import annotations

import statistics
import time

import _setup
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from allies.log import cards

ENTRIES = 10_000
MEMBERS = 50
REPEAT = 40
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


def forget_everything_kept() -> None:
    caches["fragments"].clear()
    cards.REMEMBERED.clear()


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def main() -> int:
    failed = False
    print(
        f"{'page':<26}{'warm ms':>9}{'cold ms':>9}{'SQL ms':>8}{'q':>4}{'warm x':>8}{'cold x':>8}"
    )
    for shape, span in SHAPES.items():
        user, _workspace = _setup.fill_workspace(
            f"sql{span}", entries=ENTRIES, members=MEMBERS, span_days=span
        )
        client = Client()
        client.force_login(user)
        for label, url in PAGES.items():
            client.get(url)  # the first home load of a week chooses the focus
            forget_everything_kept()
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200
            # Everything the cold request sent, session and user look-ups included.
            statements = [q["sql"] for q in ctx.captured_queries]
            # Warm loads one after another, then cold ones, each followed by the bare SQL:
            # a busy moment on the machine slows a load and the SQL timed beside it alike,
            # so each ratio is taken against the SQL timed in its own run of loads.
            times: dict[bool, list[float]] = {False: [], True: []}
            sqls: dict[bool, list[float]] = {False: [], True: []}
            for emptied in (False, True):
                for _ in range(REPEAT):
                    if emptied:
                        forget_everything_kept()
                    start = time.perf_counter()
                    client.get(url)
                    times[emptied].append(time.perf_counter() - start)
                    sqls[emptied].append(bare_sql(statements))
            warm = median_ms(times[False]) / median_ms(sqls[False])
            cold = median_ms(times[True]) / median_ms(sqls[True])
            over = warm > TARGET
            failed |= over
            name = f"{label} ({shape})"
            print(
                f"{name:<26}{median_ms(times[False]):>9.1f}{median_ms(times[True]):>9.1f}"
                f"{median_ms(sqls[False] + sqls[True]):>8.1f}{len(statements):>4}"
                f"{warm:>8.1f}{cold:>8.1f}{'  <-- over target' if over else ''}"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
