"""A family with one of each date the feed holds, and the owner's feed address."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from allies.calendar import keys
from allies.calendar.services import calendar_feed_reset
from allies.meetings import services as meetings
from tests.support import make_entry, make_member, make_student

# User-typed text where a calendar's syntax has meaning, and HTML.
TRICKY = 'Room 4; "B", back\\door\nline two <script>alert(1)</script>'


def feed_path(feed: Any) -> str:
    return f"/feeds/calendar/{keys.key_for(feed.nonce)}.ics"


@pytest.fixture
def dates(workspace: Any, alice: Any) -> dict[str, Any]:
    """Sam's IEP dates, a meeting coming and one held, an open follow-up and action item,
    and what the feed must leave out: a closed follow-up, a done action item."""
    from allies.log.services import follow_up_close

    today = timezone.localdate()
    sam = make_student(
        workspace,
        name="Sam Rivera",
        iep_start=today - datetime.timedelta(days=200),
        annual_review_due=today + datetime.timedelta(days=30),
        reevaluation_due=today + datetime.timedelta(days=400),
        progress_reports="quarterly",
    )
    lee = make_member(workspace, "Ms. Lee")
    coming = meetings.meeting_plan(
        workspace=workspace,
        author=alice,
        kind="progress",
        starts_at=datetime.datetime.combine(
            today + datetime.timedelta(days=10), datetime.time(15, 30), tzinfo=datetime.UTC
        ),
        duration_minutes=45,
        student=sam,
        place=TRICKY.replace("\n", " "),
        video_url="https://meet.example/abc?x=1,2",
    )
    meetings.meeting_notes_save(meeting=coming, notes="Sam Rivera's private notes", base_version=0)
    held = meetings.meeting_plan(
        workspace=workspace,
        author=alice,
        kind="annual",
        starts_at=timezone.now() - datetime.timedelta(days=20),
        student=sam,
    )
    entry = make_entry(
        workspace,
        alice,
        [lee],
        student=sam,
        summary="Sam Rivera cried at pickup; call back",
        follow_up_due=today + datetime.timedelta(days=3),
    )
    closed = make_entry(workspace, alice, [lee], follow_up_due=today + datetime.timedelta(days=4))
    follow_up_close(interaction=closed, author=alice, done_on=today)
    action = meetings.action_item_add(
        workspace=workspace,
        author=alice,
        text=f"Send {TRICKY}",
        owner=lee,
        due=today + datetime.timedelta(days=5),
        student=sam,
    )
    done = meetings.action_item_add(
        workspace=workspace, author=alice, text="Done already", owner=lee, due=today
    )
    meetings.action_item_set_status(item=done, status="done")
    return {
        "sam": sam,
        "coming": coming,
        "held": held,
        "entry": entry,
        "closed": closed,
        "action": action,
        "done": done,
    }


@pytest.fixture
def feed(alice: Any) -> Any:
    return calendar_feed_reset(user=alice)
