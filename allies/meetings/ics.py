"""One meeting as an iCalendar file (RFC 5545), for the user's own calendar app.

The icalendar library writes the text: commas, semicolons, backslashes and line breaks
that users type are escaped by it, never by hand. Times are in UTC.
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from .models import AgendaItem, Meeting

PRODID = "-//Allies//Meetings//EN"


def meeting_summary(meeting: Meeting) -> str:
    if meeting.student is not None:
        return f"{meeting.kind_label}: {meeting.student.name}"
    return meeting.kind_label


def meeting_description(meeting: Meeting, agenda: list[AgendaItem]) -> str:
    lines = [f"{n}. {item.text}" for n, item in enumerate(agenda, start=1)]
    if meeting.video_url:
        lines = [_("Video link: %(url)s") % {"url": meeting.video_url}, ""] + lines
    if agenda:
        lines.insert(len(lines) - len(agenda), _("Agenda:"))
    return "\n".join(lines)


def meeting_ics(meeting: Meeting, agenda: list[AgendaItem]) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    # An id, no names: a calendar app matches a downloaded copy again by it.
    event.add("uid", f"meeting-{meeting.pk}@allies")
    event.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    event.add("dtstart", meeting.starts_at.astimezone(datetime.UTC))
    event.add("dtend", meeting.ends_at.astimezone(datetime.UTC))
    event.add("summary", meeting_summary(meeting))
    location = meeting.place or meeting.video_url
    if location:
        event.add("location", location)
    if meeting.video_url:
        event.add("url", meeting.video_url)
    description = meeting_description(meeting, agenda)
    if description:
        event.add("description", description)
    calendar.add_component(event)
    return bytes(calendar.to_ical())
