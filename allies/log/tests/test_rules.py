"""An open follow-up means the same in SQL and on a loaded entry."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from allies.log.models import Interaction
from allies.log.services import follow_up_close, interaction_withdraw
from tests.support import make_entry, make_member


def test_the_queryset_and_the_property_agree_on_open_follow_ups(alice: Any, workspace: Any) -> None:
    lee = make_member(workspace)
    soon = timezone.localdate() + datetime.timedelta(days=3)
    open_one = make_entry(workspace, alice, [lee], follow_up_due=soon)
    make_entry(workspace, alice, [lee])  # no follow-up
    done = make_entry(workspace, alice, [lee], follow_up_due=soon)
    follow_up_close(interaction=done, author=alice, done_on=timezone.localdate())
    gone = make_entry(workspace, alice, [lee], follow_up_due=soon)
    interaction_withdraw(interaction=gone, author=alice, reason="Wrong person.")

    entries = list(Interaction.objects.filter(workspace=workspace))
    assert {e.pk for e in entries if e.follow_up_open} == {open_one.pk}
    assert set(Interaction.objects.filter(workspace=workspace).follow_up_open()) == {open_one}
