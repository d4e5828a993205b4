"""A meeting's .ics download: who gets it, and what a calendar app reads from it."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone
from icalendar import Calendar

from allies.meetings import services
from tests.support import READ, ROLES, assert_outcome, client_for, make_member, make_student

TRICKY = 'Room 4; "B", back\\door\nsecond line <script>alert(1)</script>'


@pytest.fixture
def meeting(workspace: Any, alice: Any) -> Any:
    sam = make_student(workspace, "Sam")
    lee = make_member(workspace, "Ms. Lee")
    meeting = services.meeting_plan(
        workspace=workspace,
        author=alice,
        kind="progress",
        starts_at=datetime.datetime(2031, 3, 4, 15, 30, tzinfo=datetime.UTC),
        duration_minutes=45,
        student=sam,
        attendees=[lee],
        place=TRICKY.replace("\n", " "),
        video_url="https://meet.example/abc?x=1,2",
    )
    services.agenda_item_add(meeting=meeting, text="Reading; fluency, \\ goals")
    services.agenda_item_add(meeting=meeting, text="Speech minutes")
    return meeting


def _event(content: bytes) -> Any:
    calendar = Calendar.from_ical(content)
    (event,) = calendar.walk("VEVENT")
    return event


@pytest.mark.parametrize("role", ROLES)
def test_the_ics_is_for_the_workspace_only(
    personas: dict[str, Any], meeting: Any, role: str
) -> None:
    assert_outcome(
        client_for(personas[role]).get(f"/meetings/{meeting.pk}/meeting.ics"), READ[role]
    )


def test_the_ics_is_an_attachment_with_a_neutral_name(alice: Any, meeting: Any) -> None:
    response = client_for(alice).get(f"/meetings/{meeting.pk}/meeting.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="meeting-{meeting.pk}.ics"'
    assert "Sam" not in response["Content-Disposition"]


def test_a_calendar_app_reads_the_meeting_back(alice: Any, meeting: Any) -> None:
    event = _event(client_for(alice).get(f"/meetings/{meeting.pk}/meeting.ics").content)
    assert str(event["summary"]) == "Progress check: Sam"
    assert event.decoded("dtstart") == datetime.datetime(2031, 3, 4, 15, 30, tzinfo=datetime.UTC)
    assert event.decoded("dtend") == datetime.datetime(2031, 3, 4, 16, 15, tzinfo=datetime.UTC)
    assert str(event["location"]) == TRICKY.replace("\n", " ")
    assert str(event["url"]) == "https://meet.example/abc?x=1,2"
    description = str(event["description"])
    assert "1. Reading; fluency, \\ goals\n2. Speech minutes" in description
    assert str(event["uid"]) == f"meeting-{meeting.pk}@allies"


def test_user_text_is_escaped_by_the_library(alice: Any, meeting: Any) -> None:
    raw = client_for(alice).get(f"/meetings/{meeting.pk}/meeting.ics").content.decode()
    unfolded = raw.replace("\r\n ", "")
    # RFC 5545 escapes: a semicolon, a comma and a backslash in text are preceded by "\".
    assert 'LOCATION:Room 4\\; "B"\\, back\\\\door' in unfolded
    assert "Reading\\; fluency\\, \\\\ goals" in unfolded
    # Nothing a user typed can start a new property line.
    services.meeting_edit(meeting=meeting, place="x\r\nATTENDEE:mailto:evil@example.com")
    raw = client_for(alice).get(f"/meetings/{meeting.pk}/meeting.ics").content.decode()
    assert "\r\nATTENDEE" not in raw
    assert "evil@example.com" in str(_event(raw.encode())["location"])


def test_a_meeting_without_place_or_agenda_still_makes_a_valid_file(
    workspace: Any, alice: Any
) -> None:
    bare = services.meeting_plan(workspace=workspace, author=alice, starts_at=timezone.now())
    event = _event(client_for(alice).get(f"/meetings/{bare.pk}/meeting.ics").content)
    assert str(event["summary"]) == "Annual IEP meeting"
    assert "location" not in event and "description" not in event
