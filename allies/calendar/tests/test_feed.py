"""What a calendar app reads from the feed: parsed back with icalendar, as an app would."""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

import pytest
from django.utils import timezone
from icalendar import Calendar

from allies.calendar.feed import DAYS_BEFORE, Window, feed_ics
from allies.calendar.services import calendar_feed_configure, calendar_feed_reset
from allies.core.dates import months_later
from allies.meetings import services as meetings
from allies.students.models import Student
from tests.support import client_for, make_entry, make_member, make_student, make_user, spanish

from .conftest import TRICKY, feed_path


def fetch(feed: Any) -> Calendar:
    response = client_for(None).get(feed_path(feed))
    assert response.status_code == 200, response.content
    return Calendar.from_ical(response.content)


def by_uid(calendar: Calendar) -> dict[str, Any]:
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def texts(calendar: Calendar, prop: str) -> list[str]:
    return [str(e[prop]) for e in calendar.walk("VEVENT") if prop in e]


def test_the_feed_holds_every_kind_of_date_once(dates: dict[str, Any], feed: Any) -> None:
    events = by_uid(fetch(feed))
    sam, coming, held = dates["sam"], dates["coming"], dates["held"]
    progress = sam.progress_report_dates(*_window())
    expected = {
        f"student-{sam.pk}-annual@allies",
        f"student-{sam.pk}-reevaluation@allies",
        *(f"student-{sam.pk}-progress-{day:%Y%m%d}@allies" for day in progress),
        f"meeting-{coming.pk}@allies",
        f"meeting-{held.pk}@allies",
        f"follow-up-{dates['entry'].pk}@allies",
        f"action-{dates['action'].pk}@allies",
    }
    # Left out: the follow-up closed and the action item done.
    assert set(events) == expected
    assert progress, "the student's schedule gives progress reports in the window"
    assert events[f"student-{sam.pk}-annual@allies"].decoded("dtstart") == sam.annual_review_due
    assert str(events[f"meeting-{coming.pk}@allies"]["summary"]) == "Meeting: Progress check"
    assert str(events[f"meeting-{held.pk}@allies"]["summary"]) == "Meeting: Annual IEP meeting"


def _window() -> tuple[datetime.date, datetime.date]:
    window = Window.around(timezone.localdate())
    return window.first, window.last


def test_dates_are_all_day_and_meetings_are_timed(dates: dict[str, Any], feed: Any) -> None:
    calendar = fetch(feed)
    for event in calendar.walk("VEVENT"):
        start = event.decoded("dtstart")
        if str(event["uid"]).startswith("meeting-"):
            assert isinstance(start, datetime.datetime)
            assert start.tzinfo is not None
        else:
            # A date, not a moment: DTSTART;VALUE=DATE, ending the next day, not busy.
            assert type(start) is datetime.date
            assert event.decoded("dtend") == start + datetime.timedelta(days=1)
            assert str(event["transp"]) == "TRANSPARENT"
    raw = fetch_raw(feed)
    due = dates["entry"].follow_up_due
    assert f"DTSTART;VALUE=DATE:{due:%Y%m%d}" in raw


def fetch_raw(feed: Any) -> str:
    return client_for(None).get(feed_path(feed)).content.decode().replace("\r\n ", "")


@pytest.mark.parametrize("zone", ["America/Chicago", "Pacific/Auckland"])
def test_a_meeting_is_at_its_moment_in_the_reader_s_zone(
    dates: dict[str, Any], feed: Any, alice: Any, zone: str
) -> None:
    alice.time_zone = zone
    alice.save(update_fields=["time_zone"])
    coming = dates["coming"]
    calendar = fetch(feed)
    event = by_uid(calendar)[f"meeting-{coming.pk}@allies"]
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert start == coming.starts_at and end == coming.ends_at  # the same moments
    local = coming.starts_at.astimezone(zoneinfo.ZoneInfo(zone))
    assert f"DTSTART;TZID={zone}:{local:%Y%m%dT%H%M%S}" in fetch_raw(feed)
    assert str(calendar["x-wr-timezone"]) == zone
    # The VTIMEZONE itself, read without looking the name up, gives the zone's offset.
    (vtimezone,) = calendar.walk("VTIMEZONE")
    assert str(vtimezone["tzid"]) == zone
    written = vtimezone.to_tz(lookup_tzid=False)
    naive = local.replace(tzinfo=None)
    assert written.utcoffset(naive) == local.utcoffset()


def test_the_window_is_counted_from_the_reader_s_today(
    workspace: Any, alice: Any, feed: Any
) -> None:
    """From 90 days ago to 18 months ahead, both included, of the day it is where they are."""
    lee = make_member(workspace, "Ms. Lee")
    today = datetime.date(2031, 6, 15)
    first, last = today - datetime.timedelta(days=DAYS_BEFORE), months_later(today, 18)
    assert last == datetime.date(2032, 12, 15)
    for n, day in enumerate(
        [first - datetime.timedelta(days=1), first, last, last + datetime.timedelta(days=1)]
    ):
        meetings.action_item_add(
            workspace=workspace, author=alice, text=f"#{n}", owner=lee, due=day
        )
    calendar = Calendar.from_ical(feed_ics(feed, base="https://allies.example", today=today))
    assert sorted(e.decoded("dtstart") for e in calendar.walk("VEVENT")) == [first, last]


def test_the_day_a_meeting_falls_on_is_the_reader_s(workspace: Any, alice: Any, feed: Any) -> None:
    """A meeting at 20:00 UTC on the window's last day is that day in Chicago, the next in
    Auckland: Chicago's feed has it, Auckland's does not."""
    today = datetime.date(2031, 6, 15)
    last = months_later(today, 18)
    meeting = meetings.meeting_plan(
        workspace=workspace,
        author=alice,
        starts_at=datetime.datetime.combine(last, datetime.time(20), tzinfo=datetime.UTC),
    )
    uid = f"meeting-{meeting.pk}@allies"
    for zone, included in (("America/Chicago", True), ("Pacific/Auckland", False)):
        alice.time_zone = zone
        alice.save(update_fields=["time_zone"])
        feed.refresh_from_db()
        calendar = Calendar.from_ical(feed_ics(feed, base="https://a.example", today=today))
        assert (uid in by_uid(calendar)) is included, zone


def test_uids_are_stable_and_a_moved_meeting_keeps_its_own(
    dates: dict[str, Any], feed: Any
) -> None:
    first = by_uid(fetch(feed))
    assert by_uid(fetch(feed)).keys() == first.keys()
    coming = dates["coming"]
    meetings.meeting_edit(meeting=coming, starts_at=coming.starts_at + datetime.timedelta(days=1))
    moved = by_uid(fetch(feed))
    assert moved.keys() == first.keys()
    uid = f"meeting-{coming.pk}@allies"
    assert moved[uid].decoded("dtstart") - first[uid].decoded("dtstart") == datetime.timedelta(
        days=1
    )


def test_no_name_of_the_child_nor_notes_nor_log_text_by_default(
    dates: dict[str, Any], feed: Any
) -> None:
    raw = fetch_raw(feed)
    for private in ("Sam", "Rivera", "The Test family", "private notes", "cried", "Send"):
        assert private not in raw, private
    calendar = fetch(feed)
    assert set(texts(calendar, "summary")) == {
        "Annual IEP review due",
        "Re-evaluation due",
        "Progress report due",
        "Meeting: Progress check",
        "Meeting: Annual IEP meeting",
        "Follow-up due",
        "Action item due",
    }


def test_with_names_on_titles_name_the_child(dates: dict[str, Any], feed: Any, alice: Any) -> None:
    calendar_feed_configure(user=alice, names_in_titles=True)
    events = by_uid(fetch(feed))
    sam = dates["sam"]
    assert str(events[f"student-{sam.pk}-annual@allies"]["summary"]) == (
        "Annual IEP review due: Sam Rivera"
    )
    assert str(events[f"meeting-{dates['coming'].pk}@allies"]["summary"]) == (
        "Meeting: Progress check (Sam Rivera)"
    )
    assert str(events[f"follow-up-{dates['entry'].pk}@allies"]["summary"]) == (
        "Follow-up due: Sam Rivera"
    )
    action = events[f"action-{dates['action'].pk}@allies"]
    # The action item's own words, escaped by the library and read back as typed.
    assert str(action["summary"]) == f"Action item due: Send {TRICKY} (Sam Rivera)"
    assert "Workspace: The Test family" in str(action["description"])
    # Still never the notes or the log's words.
    raw = fetch_raw(feed)
    assert "private notes" not in raw and "cried" not in raw


def test_typed_text_is_escaped_and_cannot_add_a_property(
    dates: dict[str, Any], feed: Any, alice: Any
) -> None:
    calendar_feed_configure(user=alice, names_in_titles=True)
    meetings.meeting_edit(meeting=dates["coming"], place="x\r\nATTENDEE:mailto:evil@example.com")
    raw = fetch_raw(feed)
    assert 'Send Room 4\\; "B"\\, back\\\\door\\nline two <script>alert(1)</script>' in raw
    assert not [line for line in raw.split("\r\n") if line.startswith("ATTENDEE")]
    event = by_uid(fetch(feed))[f"meeting-{dates['coming'].pk}@allies"]
    assert "ATTENDEE:mailto:evil@example.com" in str(event["location"])
    assert "attendee" not in event


def test_the_location_is_the_place_or_the_video_link(
    dates: dict[str, Any], feed: Any, alice: Any
) -> None:
    coming = dates["coming"]
    event = by_uid(fetch(feed))[f"meeting-{coming.pk}@allies"]
    assert str(event["location"]) == TRICKY.replace("\n", " ")
    assert "Video link: https://meet.example/abc?x=1,2" in str(event["description"])
    assert str(event["url"]) == f"http://testserver/meetings/{coming.pk}/"
    meetings.meeting_edit(meeting=coming, place="")
    event = by_uid(fetch(feed))[f"meeting-{coming.pk}@allies"]
    assert str(event["location"]) == "https://meet.example/abc?x=1,2"


def test_titles_are_in_the_reader_s_language(dates: dict[str, Any], feed: Any, alice: Any) -> None:
    spanish(alice)
    calendar = fetch(feed)
    summaries = set(texts(calendar, "summary"))
    assert {"Vence la revisión anual del IEP", "Reunión: Revisión del progreso"} <= summaries
    assert "Vence una tarea" in summaries
    assert str(calendar["x-wr-calname"]) == "Allies: fechas del IEP"


def test_every_workspace_the_reader_is_in_and_no_other(
    dates: dict[str, Any], feed: Any, alice: Any, oscar: Any
) -> None:
    from allies.workspaces.models import Workspace
    from allies.workspaces.services import membership_add

    theirs = Workspace.objects.get(memberships__user=oscar)
    leo = make_student(theirs, name="Leo", annual_review_due=timezone.localdate())
    uid = f"student-{leo.pk}-annual@allies"
    assert uid not in by_uid(fetch(feed))
    assert uid in by_uid(fetch(calendar_feed_reset(user=oscar)))
    membership_add(workspace=theirs, user=alice, role="viewer")
    assert uid in by_uid(fetch(feed))


def test_a_member_removed_sees_nothing_of_that_workspace_at_once(
    dates: dict[str, Any], alice: Any, erin: Any, workspace: Any
) -> None:
    from allies.workspaces.models import Membership

    feed = calendar_feed_reset(user=erin)
    assert len(by_uid(fetch(feed))) >= 7
    membership = Membership.objects.get(user=erin, workspace=workspace)
    response = client_for(alice).post(f"/workspaces/{workspace.pk}/members/{membership.pk}/remove/")
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    calendar = fetch(feed)
    assert calendar.walk("VEVENT") == []


def test_an_archived_student_s_dates_and_meetings_leave_the_feed(
    dates: dict[str, Any], feed: Any
) -> None:
    Student.all_objects.filter(pk=dates["sam"].pk).update(archived=True)
    assert by_uid(fetch(feed)) == {}


def test_a_withdrawn_entry_s_follow_up_leaves_the_feed(
    dates: dict[str, Any], feed: Any, alice: Any
) -> None:
    from allies.log.services import interaction_withdraw

    uid = f"follow-up-{dates['entry'].pk}@allies"
    assert uid in by_uid(fetch(feed))
    interaction_withdraw(interaction=dates["entry"], author=alice, reason="Wrong child")
    assert uid not in by_uid(fetch(feed))


def test_a_reader_with_no_workspace_gets_an_empty_calendar(db: Any) -> None:
    loner = make_user("loner@example.com")
    calendar = fetch(calendar_feed_reset(user=loner))
    assert calendar.walk("VEVENT") == []
    assert str(calendar["version"]) == "2.0"


def test_a_meeting_about_nobody_in_particular_is_in_it(
    workspace: Any, alice: Any, feed: Any
) -> None:
    meeting = meetings.meeting_plan(
        workspace=workspace, author=alice, kind="informal", starts_at=timezone.now()
    )
    entry = make_entry(
        workspace, alice, [make_member(workspace)], follow_up_due=timezone.localdate()
    )
    events = by_uid(fetch(feed))
    assert str(events[f"meeting-{meeting.pk}@allies"]["summary"]) == "Meeting: Informal meeting"
    assert f"follow-up-{entry.pk}@allies" in events


def test_a_reader_in_utc_gets_times_in_utc(dates: dict[str, Any], feed: Any, alice: Any) -> None:
    alice.time_zone = "UTC"
    alice.save(update_fields=["time_zone"])
    coming = dates["coming"]
    assert f"DTSTART:{coming.starts_at:%Y%m%dT%H%M%S}Z" in fetch_raw(feed)
    assert fetch(feed).walk("VTIMEZONE") == []


def test_apps_are_asked_to_fetch_it_again_every_hour(feed: Any) -> None:
    raw = fetch_raw(feed)
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n" in raw
    assert "X-PUBLISHED-TTL:PT1H\r\n" in raw
