"""The relationships tests' team of five, whose figures each sort differently."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from allies.log.models import Direction, Purpose
from tests.support import added_days_ago, log_days_ago, make_member

APPRECIATION = int(Purpose.APPRECIATION)
VICTORY = int(Purpose.VICTORY)
CONCERN = int(Purpose.CONCERN)
CHECK_IN = int(Purpose.CHECK_IN)
DAY = datetime.timedelta(days=1)


@pytest.fixture
def five(workspace: Any, alice: Any) -> dict[str, Any]:
    """Five people whose figures each give a different order, worked out by hand.

    Ana  (every 14 days): 2 days quiet, on track. 4 positive · 1 concern; they 3 · you 2;
         a follow-up due yesterday (past due).
    Ben  (every 14 days): 20 days quiet, due. 0 positive · 1 concern; they 0 · you 1;
         a follow-up due in 3 days.
    Cy   (every 14 days): 40 days quiet, overdue. 2 positive · 0 concerns; they 2 · you 0.
    Dee  (every 14 days): never contacted, added today: on track, nothing counted.
    Eve  (every 7 days): 12 days quiet, due (12/7 is later than Ben's 20/14). A check-in
         both started: nothing positive, no concern, counts for neither side.
    """
    ana = make_member(workspace, "Ana Ortiz")
    ben = make_member(workspace, "Ben Park")
    cy = make_member(workspace, "Cy Dunn")
    dee = make_member(workspace, "Dee Moss")
    eve = make_member(workspace, "Eve Stone", cadence_days=7)
    for member in (ana, ben, cy, eve):
        added_days_ago(member, 100)
    today = timezone.localdate()
    received, sent, both = Direction.RECEIVED, Direction.SENT, Direction.BOTH
    past_due, soon = today - DAY, today + 3 * DAY
    log_days_ago(
        workspace,
        alice,
        [ana],
        2,
        purposes=APPRECIATION,
        direction=received,
        follow_up_due=past_due,
    )
    log_days_ago(workspace, alice, [ana], 3, purposes=VICTORY, direction=received)
    log_days_ago(workspace, alice, [ana], 4, purposes=APPRECIATION | VICTORY, direction=received)
    log_days_ago(workspace, alice, [ana], 5, purposes=VICTORY, direction=sent)
    log_days_ago(workspace, alice, [ana], 6, purposes=CONCERN, direction=sent)
    log_days_ago(workspace, alice, [ben], 20, purposes=CONCERN, direction=sent, follow_up_due=soon)
    log_days_ago(workspace, alice, [cy], 40, purposes=VICTORY, direction=received)
    log_days_ago(workspace, alice, [cy], 45, purposes=APPRECIATION, direction=received)
    log_days_ago(workspace, alice, [eve], 12, purposes=CHECK_IN, direction=both)
    return {"ana": ana, "ben": ben, "cy": cy, "dee": dee, "eve": eve}
