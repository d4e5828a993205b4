"""Shared set-up for benchmarks: a throwaway data directory and a migrated database."""

from __future__ import annotations

import datetime
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("ALLIES_DATA_DIR", tempfile.mkdtemp(prefix="allies-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "allies.settings")
os.environ["ALLIES_ALLOWED_HOSTS"] = "testserver"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

call_command("migrate", verbosity=0)


def fill_workspace(
    name: str, *, entries: int, members: int = 8, span_days: float | None = None
) -> tuple[object, object]:
    """A workspace with `members` team members and `entries` log entries, made in bulk.

    Entries are spread evenly back from now over `span_days` (by default one every 37
    minutes); about one in eight has a follow-up, and old follow-ups are done.
    """
    from allies.accounts.models import User
    from allies.log.models import Interaction, Participation, Purpose
    from allies.team.models import TeamMember
    from allies.workspaces.services import workspace_create

    rng = random.Random(entries)
    user = User.objects.create_user(f"{name}@bench.example", "bench-password-123")
    workspace = workspace_create(owner=user, name=name)
    team = TeamMember.objects.bulk_create(
        TeamMember(workspace=workspace, name=f"Member {i}", role="general_ed", cadence_days=14)
        for i in range(members)
    )
    now = timezone.now()
    step = datetime.timedelta(minutes=37)
    if span_days is not None:
        step = datetime.timedelta(days=span_days) / entries
    today = timezone.localdate()
    words = ["reading", "math", "recess", "speech", "homework", "calm", "lunch", "visual"]
    rows = []
    for i in range(entries):
        occurred = now - step * i - datetime.timedelta(minutes=1)
        due = None
        if i % 8 == 3:
            due = timezone.localtime(occurred).date() + datetime.timedelta(days=7)
        rows.append(
            Interaction(
                workspace=workspace,
                author=user,
                occurred_at=occurred,
                channel="email",
                direction=rng.choice(["sent", "received", "both"]),
                purposes=int(rng.choice(list(Purpose))),
                tone=rng.choice(["positive", "neutral", "difficult"]),
                summary=" ".join(rng.choices(words, k=12)),
                follow_up_due=due,
                follow_up_done=due if due and due < today - datetime.timedelta(days=14) else None,
            )
        )
    rows = Interaction.objects.bulk_create(rows)
    Participation.objects.bulk_create(
        Participation(
            interaction=row,
            member=team[i % members],
            occurred_at=row.occurred_at,
            purposes=row.purposes,
            direction=row.direction,
        )
        for i, row in enumerate(rows)
    )
    return user, workspace


def measure_pair(
    small: Callable[[], object], large: Callable[[], object], *, repeat: int
) -> tuple[tuple[float, int], tuple[float, int]]:
    """Median seconds and query count of two calls, timed turn about.

    Alternating the two sizes means a busy moment on the machine slows both alike,
    so the ratio between them stays meaningful on a shared two-core box.
    """
    counts = []
    for fn in (small, large):
        fn()  # warm caches
        with CaptureQueriesContext(connection) as ctx:
            fn()
        counts.append(len(ctx.captured_queries))  # read now: later requests clear the log
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for i, fn in enumerate((small, large)):
            start = time.perf_counter()
            fn()
            times[i].append(time.perf_counter() - start)
    return (
        (statistics.median(times[0]), counts[0]),
        (statistics.median(times[1]), counts[1]),
    )
