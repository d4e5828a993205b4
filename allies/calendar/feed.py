"""A person's calendar feed (RFC 5545): the dates of every workspace they are in.

What it holds, from 90 days ago to 18 months ahead in the reader's time zone: each
current student's annual review and re-evaluation due and progress reports (by the
student's schedule, `Student.progress_report_dates`, as `meetings.dates` counts them),
meetings planned and held, the log's open follow-ups and the open action items with a
date, about a current student or about nobody in particular. Five queries, whatever the
number of workspaces or dates: the feed and its user (the view), then students,
meetings, follow-ups and action items, each across every workspace at once through a
subquery of the user's memberships, so a membership removed stops its events at once.

Calendars get shared, so titles and descriptions say what a date is, not whose, unless
the user turns names on; nothing comes from notes, agendas or the log's text. Each event
keeps one UID from fetch to fetch (`student-7-annual@allies`, `meeting-12@allies`), so an
app that subscribed replaces it when it moves. Dates are all-day (`VALUE=DATE`); meetings
are in the reader's zone with its VTIMEZONE. icalendar writes and escapes the text.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vDuration

from allies.accounts.models import User
from allies.core.dates import day_start, months_later
from allies.log.models import Interaction
from allies.meetings.models import ActionItem, Meeting
from allies.students.models import Student
from allies.workspaces.models import Membership

from .models import CalendarFeed

PRODID = "-//Allies//Calendar feed//EN"
DAYS_BEFORE = 90
MONTHS_AHEAD = 18
REFRESH = datetime.timedelta(hours=1)


@dataclass(frozen=True)
class Window:
    """The days the feed covers, both included, in the reader's zone."""

    first: datetime.date
    last: datetime.date

    @classmethod
    def around(cls, today: datetime.date) -> Window:
        return cls(today - datetime.timedelta(days=DAYS_BEFORE), months_later(today, MONTHS_AHEAD))


def zone_of(user: User) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(user.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def feed_ics(feed: CalendarFeed, *, base: str, today: datetime.date | None = None) -> bytes:
    """The whole feed of `feed.user`, in their language and time zone; links start with
    `base` (this server as the calendar app reached it)."""
    user = feed.user
    zone = zone_of(user)
    with translation.override(user.language), timezone.override(zone):
        window = Window.around(today or timezone.localdate())
        calendar = Calendar()
        calendar.add("prodid", PRODID)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("method", "PUBLISH")
        calendar.add("x-wr-calname", _("Allies: IEP dates"))
        calendar.add("x-wr-timezone", zone.key)
        # How often to fetch again, for the apps that read it (Apple's, Outlook).
        calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", vDuration(REFRESH))
        now = timezone.now().astimezone(datetime.UTC)
        for event in _events(user, window, _Links(base, feed.names_in_titles)):
            event.add("dtstamp", now)
            calendar.add_component(event)
        # One VTIMEZONE for the reader's zone, its changes over the window only.
        calendar.add_missing_timezones(
            first_date=window.first - datetime.timedelta(days=1),
            last_date=window.last + datetime.timedelta(days=2),
        )
        return bytes(calendar.to_ical())


@dataclass(frozen=True)
class _Links:
    base: str
    names: bool

    def to(self, name: str, *args: int) -> str:
        return self.base + reverse(name, args=args)


def _open_in_allies(url: str, *before: str) -> str:
    return "\n".join([*before, _("Open in Allies: %(url)s") % {"url": url}])


def _all_day(uid: str, day: datetime.date, summary: str, description: str) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstart", day)
    event.add("dtend", day + datetime.timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    # A due date is not a busy day.
    event.add("transp", "TRANSPARENT")
    return event


def _events(user: User, window: Window, links: _Links) -> Iterator[Event]:
    workspaces = Membership.objects.filter(user=user).values("workspace_id")
    current = Q(student__isnull=True) | Q(student__archived=False)

    # Student.objects leaves archived students out.
    students = Student.objects.filter(workspace__in=workspaces).select_related("workspace")
    for student in students.order_by("pk"):
        yield from _student_dates(student, window, links)

    meetings = (
        Meeting.objects.filter(
            current,
            workspace__in=workspaces,
            starts_at__gte=day_start(window.first),
            starts_at__lt=day_start(window.last + datetime.timedelta(days=1)),
        )
        .select_related("student", "workspace")
        .defer("notes", "student__strengths", "student__needs")
        .order_by("starts_at", "pk")
    )
    for meeting in meetings:
        yield _meeting(meeting, links)

    follow_ups = (
        Interaction.objects.follow_up_open()
        .filter(current, workspace__in=workspaces, follow_up_due__range=(window.first, window.last))
        .select_related("student", "workspace")
        # The entry's words never go in a calendar: not even read.
        .only("pk", "follow_up_due", "student__name", "workspace__name")
        .order_by("follow_up_due", "pk")
    )
    for entry in follow_ups:
        yield _follow_up(entry, links)

    actions = (
        ActionItem.objects.open()
        .filter(current, workspace__in=workspaces, due__range=(window.first, window.last))
        .select_related("student", "workspace")
        .defer("student__strengths", "student__needs")
        .order_by("due", "pk")
    )
    for item in actions:
        yield _action(item, links)


def _named(names: bool, student: Student | None, plain: str, with_name: str, **values: str) -> str:
    """`plain`, or `with_name` naming the student when names are on and there is one."""
    if names and student is not None:
        return with_name % {**values, "name": student.name}
    return plain % values


def _context(names: bool, workspace_name: str) -> list[str]:
    """The workspace's name, which often is the family's, only when names are on."""
    return [_("Workspace: %(name)s") % {"name": workspace_name}] if names else []


def _student_dates(student: Student, window: Window, links: _Links) -> Iterator[Event]:
    names = links.names
    url = links.to("student_dates", student.pk)
    description = _open_in_allies(url, *_context(names, student.workspace.name))
    first, last = window.first, window.last
    if student.annual_review_due is not None and first <= student.annual_review_due <= last:
        yield _all_day(
            f"student-{student.pk}-annual@allies",
            student.annual_review_due,
            _named(
                names, student, _("Annual IEP review due"), _("Annual IEP review due: %(name)s")
            ),
            description,
        )
    if student.reevaluation_due is not None and first <= student.reevaluation_due <= last:
        yield _all_day(
            f"student-{student.pk}-reevaluation@allies",
            student.reevaluation_due,
            _named(names, student, _("Re-evaluation due"), _("Re-evaluation due: %(name)s")),
            description,
        )
    for day in student.progress_report_dates(first, last):
        yield _all_day(
            f"student-{student.pk}-progress-{day:%Y%m%d}@allies",
            day,
            _named(names, student, _("Progress report due"), _("Progress report due: %(name)s")),
            description,
        )


def _meeting(meeting: Meeting, links: _Links) -> Event:
    names = links.names
    event = Event()
    # The one-meeting download's UID too: the same meeting is the same event.
    event.add("uid", f"meeting-{meeting.pk}@allies")
    zone = timezone.get_current_timezone()
    event.add("dtstart", meeting.starts_at.astimezone(zone))
    event.add("dtend", meeting.ends_at.astimezone(zone))
    event.add(
        "summary",
        _named(
            names,
            meeting.student,
            _("Meeting: %(kind)s"),
            _("Meeting: %(kind)s (%(name)s)"),
            kind=meeting.kind_label,
        ),
    )
    location = meeting.place or meeting.video_url
    if location:
        event.add("location", location)
    url = links.to("meeting_detail", meeting.pk)
    before = _context(names, meeting.workspace.name)
    if meeting.video_url:
        before.append(_("Video link: %(url)s") % {"url": meeting.video_url})
    event.add("description", _open_in_allies(url, *before))
    event.add("url", url)
    event.add("last-modified", meeting.updated_at.astimezone(datetime.UTC))
    return event


def _follow_up(entry: Interaction, links: _Links) -> Event:
    names = links.names
    assert entry.follow_up_due is not None  # follow_up_open() has a date
    return _all_day(
        f"follow-up-{entry.pk}@allies",
        entry.follow_up_due,
        _named(names, entry.student, _("Follow-up due"), _("Follow-up due: %(name)s")),
        _open_in_allies(links.to("entry_detail", entry.pk), *_context(names, entry.workspace.name)),
    )


def _action(item: ActionItem, links: _Links) -> Event:
    names = links.names
    assert item.due is not None  # due__range leaves out items without a date
    # An action item's words often name the child: only with names on.
    if names:
        summary = _named(
            names,
            item.student,
            _("Action item due: %(what)s"),
            _("Action item due: %(what)s (%(name)s)"),
            what=item.text,
        )
    else:
        summary = _("Action item due")
    event = _all_day(
        f"action-{item.pk}@allies",
        item.due,
        summary,
        _open_in_allies(links.to("action_list"), *_context(names, item.workspace.name)),
    )
    event.add("last-modified", item.updated_at.astimezone(datetime.UTC))
    return event
