"""How each relationship on the team is doing, computed in the database.

Every figure here is a SQL aggregate over a bounded window of the log (the last 90 days,
the last 12 months, the open follow-ups), read through indexes: the cost of a page
follows how busy the team has been lately, not how long the log is. Python only
combines the handful of rows per team member that come back.

Days are counted in the reader's time zone (the one active for the request): an entry
at 23:30 on Monday in Chicago is a Monday contact there.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.db import models
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import CombinedExpression
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from allies.core import dates
from allies.core.compiled import CompiledRead, Rows, Slot
from allies.core.dates import day_start, next_month
from allies.log.models import Direction, Interaction, InteractionQuerySet, Participation, Purpose
from allies.log.queries import with_last_contact
from allies.meetings.models import ActionItem, Concern
from allies.team.models import TeamMember
from allies.workspaces.models import Workspace

from . import figures

POSITIVE_DAYS = 90
MONTHS = 12  # the series, and the window for who started the conversations
FOLLOW_UP_SOON_DAYS = 7

POSITIVE_BITS = Purpose.APPRECIATION | Purpose.VICTORY
YOU_STARTED = (Direction.SENT,)
THEY_STARTED = (Direction.RECEIVED,)


class Status(models.TextChoices):
    ON_TRACK = "on_track", _("On track")
    DUE = "due", _("Due")
    OVERDUE = "overdue", _("Overdue")


STATUS_ORDER = {Status.OVERDUE: 0, Status.DUE: 1, Status.ON_TRACK: 2}


def status_for(days_quiet: int, cadence_days: int) -> Status:
    """Due at the cadence, overdue at twice the cadence; a day short of it is on track."""
    if days_quiet >= 2 * cadence_days:
        return Status.OVERDUE
    if days_quiet >= cadence_days:
        return Status.DUE
    return Status.ON_TRACK


class FigureText:
    """The figures as the text of a table cell (see figures.py), for MemberHealth and
    Rollup alike."""

    positive: int
    concerns: int
    you_started: int
    they_started: int
    follow_ups_due: int
    follow_ups_past_due: int

    @property
    def figure_positive(self) -> SafeString:
        """ "4 positive · 1 concern" (last 90 days)."""
        return figures.positive_text(self.positive, self.concerns)

    @property
    def figure_reciprocity(self) -> SafeString:
        """ "they 3 · you 5" (last 12 months)."""
        return figures.reciprocity_text(self.they_started, self.you_started)

    @property
    def figure_follow_ups(self) -> SafeString:
        """ "1 past due · 2 due this week", or a dash."""
        return figures.follow_ups_text(self.follow_ups_past_due, self.follow_ups_due)


@dataclass
class MemberHealth(FigureText):
    member: TeamMember
    today: datetime.date
    last_contact: datetime.datetime | None = None
    positive: int = 0
    victories: int = 0
    concerns: int = 0
    you_started: int = 0
    they_started: int = 0
    follow_ups_due: int = 0
    follow_ups_past_due: int = 0
    last_victory: datetime.datetime | None = None
    last_thanks: datetime.datetime | None = None

    # days_since, days_quiet and status are worked out once: a row is made with its last
    # contact and `today`, which nothing changes afterwards, and pages read them a
    # dozen times a row (sorting, the losing-touch list, the roll-up, the cells).
    @cached_property
    def days_since(self) -> int | None:
        """Whole days since the last logged contact, None if there has been none."""
        if self.last_contact is None:
            return None
        return (self.today - timezone.localtime(self.last_contact).date()).days

    @cached_property
    def days_quiet(self) -> int:
        """Days without contact: since the last one, or since the member was added."""
        since = self.days_since
        if since is not None:
            return since
        return max(0, (self.today - timezone.localtime(self.member.created_at).date()).days)

    @cached_property
    def status(self) -> Status:
        return status_for(self.days_quiet, self.member.cadence_days)

    @property
    def status_badge(self) -> SafeString:
        """`<span class="status status-due">Due</span>`."""
        return figures.status_badge(self.status_class, self.status_label)

    @property
    def member_link(self) -> SafeString:
        """A link to the member's page, with their name."""
        return figures.member_link(self.member)

    @property
    def name_cell(self) -> SafeString:
        """The member's link, a line break and their role: a table's first cell."""
        return figures.name_cell(self.member)

    @property
    def figure_last(self) -> SafeString:
        """The last contact's date and how long ago, or that there has been none."""
        return figures.last_contact_text(self.last_contact, self.days_since)

    @property
    def status_label(self) -> str:
        if self.last_contact is None and self.status == Status.ON_TRACK:
            return str(_("No contact yet"))
        return str(self.status.label)

    @property
    def status_class(self) -> str:
        """The status's colour: a new member with no contact yet is not shown as green."""
        if self.last_contact is None and self.status == Status.ON_TRACK:
            return "new"
        return str(self.status)

    @property
    def status_rank(self) -> int:
        return STATUS_ORDER[self.status]

    @property
    def lateness(self) -> float:
        """How far into the cadence the silence has gone: 1.0 is due, 2.0 overdue."""
        return self.days_quiet / self.member.cadence_days

    @property
    def days_overdue(self) -> int:
        return max(0, self.days_quiet - self.member.cadence_days)

    @property
    def positive_share(self) -> float | None:
        total = self.positive + self.concerns
        return self.positive / total if total else None

    @property
    def unthanked_victory(self) -> bool:
        """A victory with them in the last 90 days, and no thanks to them since."""
        if self.last_victory is None:
            return False
        return self.last_thanks is None or self.last_thanks < self.last_victory


@dataclass
class Rollup(FigureText):
    """The same figures for the whole workspace, entries counted once each."""

    members: int = 0
    on_track: int = 0
    due: int = 0
    overdue: int = 0
    positive: int = 0
    concerns: int = 0
    you_started: int = 0
    they_started: int = 0
    follow_ups_due: int = 0
    follow_ups_past_due: int = 0


@dataclass
class MonthRow:
    month: datetime.date
    contacts: int
    positive: int
    concerns: int
    extra: dict[str, int] = field(default_factory=dict, compare=False)


@dataclass
class TeamHealth:
    today: datetime.date
    members: list[MemberHealth]
    rollup: Rollup
    series: list[MonthRow] = field(default_factory=list)

    @property
    def losing_touch(self) -> list[MemberHealth]:
        """Members at or past their cadence, the longest silence (against cadence) first."""
        late = [h for h in self.members if h.status != Status.ON_TRACK]
        return sorted(late, key=lambda h: (-h.lateness, -h.days_quiet, h.member.name, h.member.pk))

    @property
    def has_contacts(self) -> bool:
        """Whether anything is logged with anyone on the team yet."""
        return any(h.last_contact is not None for h in self.members)

    def by_member(self) -> dict[int, MemberHealth]:
        return {h.member.pk: h for h in self.members}


def month_starts(today: datetime.date, months: int = MONTHS) -> list[datetime.date]:
    """The first day of the last `months` calendar months, oldest first, this one last."""
    return dates.month_starts(today, months)


def _bit(bits: int) -> CombinedExpression:
    return F("purposes").bitand(int(bits))


def _recent_since(today: datetime.date) -> datetime.datetime:
    """The start of the 90-day window: midnight 89 days back."""
    return day_start(today - datetime.timedelta(days=POSITIVE_DAYS - 1))


def _window_aggregates(recent_since: datetime.datetime) -> dict[str, Any]:
    """The per-row conditions shared by member and workspace figures."""
    recent = Q(occurred_at__gte=recent_since)
    return {
        "positive": Count("pk", filter=recent & Q(_positive__gt=0)),
        "victories": Count("pk", filter=recent & Q(_victory__gt=0)),
        "concerns": Count("pk", filter=recent & Q(_concern__gt=0)),
        "you_started": Count("pk", filter=Q(direction__in=YOU_STARTED)),
        "they_started": Count("pk", filter=Q(direction__in=THEY_STARTED)),
        "last_victory": Max("occurred_at", filter=recent & Q(_victory__gt=0)),
        "last_thanks": Max(
            "occurred_at", filter=recent & Q(_thanks__gt=0) & ~Q(direction__in=THEY_STARTED)
        ),
    }


def _with_bits(rows: QuerySet[Any]) -> QuerySet[Any]:
    aliased: QuerySet[Any] = rows.alias(
        _positive=_bit(POSITIVE_BITS),
        _victory=_bit(Purpose.VICTORY),
        _concern=_bit(Purpose.CONCERN),
        _thanks=_bit(Purpose.APPRECIATION),
    )
    return aliased


def _window_start(today: datetime.date) -> datetime.datetime:
    """The start of the 12-month window: the first of the month eleven months back."""
    return day_start(month_starts(today)[0])


# The compiled reads' names for the ends of the 12 months (the CASE's boundaries).
MONTH_ENDS = tuple(f"end{i}" for i in range(MONTHS))


def _month_values(today: datetime.date) -> dict[str, datetime.datetime]:
    """The window's start and each month's end, in the reader's time zone."""
    ends = (day_start(next_month(start)) for start in month_starts(today))
    return {"window": _window_start(today), **dict(zip(MONTH_ENDS, ends, strict=True))}


def _monthly_query(
    rows: QuerySet[Any], window: datetime.datetime, ends: list[datetime.datetime], **extra: Any
) -> QuerySet[Any]:
    """Count `rows` per calendar month over the window (`ends`: each month's end).

    Each row is put in its month by one CASE over the month boundaries, then grouped:
    one pass over the window, whatever the number of months. `extra` aggregates are
    counted per month too.
    """
    bucket = Case(
        *(When(occurred_at__lt=end, then=Value(i)) for i, end in enumerate(ends)),
        default=Value(len(ends)),
        output_field=IntegerField(),
    )
    counted: QuerySet[Any] = (
        _with_bits(rows.filter(occurred_at__gte=window))
        .annotate(_month=bucket)
        .values("_month")
        .order_by()
        .annotate(
            contacts=Count("pk"),
            positive=Count("pk", filter=Q(_positive__gt=0)),
            concerns=Count("pk", filter=Q(_concern__gt=0)),
            **extra,
        )
    )
    return counted


def _month_rows(counted: Iterable[dict[str, Any]], today: datetime.date) -> list[MonthRow]:
    """A MonthRow for each of the 12 months (empty ones too); `extra` aggregates are left
    on each row's `extra` for the caller to sum."""
    by_month = {row.pop("_month"): row for row in counted}
    result = []
    for i, start in enumerate(month_starts(today)):
        row = by_month.get(i, {})
        result.append(
            MonthRow(
                month=start,
                contacts=row.pop("contacts", 0),
                positive=row.pop("positive", 0),
                concerns=row.pop("concerns", 0),
                extra=row,
            )
        )
    return result


def _monthly(rows: QuerySet[Any], today: datetime.date) -> list[MonthRow]:
    """Count `rows` per calendar month (in the reader's time zone) over the last 12 months."""
    values = _month_values(today)
    window = values.pop("window")
    return _month_rows(_monthly_query(rows, window, list(values.values())), today)


def open_follow_ups(workspace: Workspace | int, student: Any = None) -> InteractionQuerySet:
    """The workspace's entries whose follow-up is still to do (about `student` only,
    when given)."""
    entries = Interaction.objects.filter(workspace=workspace)
    if student is not None:
        entries = entries.filter(student=student)
    return entries.follow_up_open()


def follow_ups_soon(workspace: Workspace, today: datetime.date) -> QuerySet[Interaction]:
    """Open follow-ups past due or due within a week, the oldest due date first."""
    soon = today + datetime.timedelta(days=FOLLOW_UP_SOON_DAYS)
    return (
        open_follow_ups(workspace)
        .filter(follow_up_due__lte=soon)
        .order_by("follow_up_due", "pk")
        .prefetch_related("participants")
    )


def _follow_up_counts(today: datetime.date) -> dict[str, Any]:
    return {
        "past_due": Count("pk", filter=Q(_due__lt=today)),
        "due": Count("pk", filter=Q(_due__gte=today)),
    }


# The reads behind `team_health`, written as querysets and compiled once (core.compiled):
# building them cost more than running them. For the team (active members) or one member.
def _team(workspace: int) -> QuerySet[TeamMember]:
    return TeamMember.objects.filter(workspace=workspace).active()


def _one(workspace: int, member: int) -> QuerySet[TeamMember]:
    return TeamMember.objects.filter(workspace=workspace).filter(pk=member)


def _child_team(workspace: int, student: int) -> QuerySet[TeamMember]:
    """The active members with something about one child: an entry about them, a concern
    about them they are invited to, an action item for them they own. The others (a
    sibling's teacher) have no figures for this child, and are not shown as losing touch."""
    return _team(workspace).filter(
        Exists(
            Participation.objects.filter(
                member=OuterRef("pk"), withdrawn=False, interaction__student=student
            )
        )
        | Exists(
            Concern.invited.through.objects.filter(
                teammember=OuterRef("pk"), concern__student=student
            )
        )
        | Exists(ActionItem.objects.filter(owner=OuterRef("pk"), student=student))
    )


def _window_figures(
    members: QuerySet[TeamMember],
    window: datetime.datetime,
    recent: datetime.datetime,
    student: Any = None,
) -> QuerySet[Any]:
    """Per member, the window figures over their participations (the covering index);
    with `student`, over the entries about that child."""
    participations = Participation.objects.filter(
        member__in=members, withdrawn=False, occurred_at__gte=window
    )
    if student is not None:
        participations = participations.filter(interaction__student=student)
    figures: QuerySet[Any] = (
        _with_bits(participations).values("member_id").annotate(**_window_aggregates(recent))
    )
    return figures


def _follow_ups(
    workspace: int, today: datetime.date, soon: datetime.date, student: Any = None
) -> QuerySet[Any]:
    """Open follow-ups due by `soon`, counted per member: driven from the few open
    follow-ups (a partial index), then to their people."""
    return (
        open_follow_ups(workspace, student)
        .filter(follow_up_due__lte=soon)
        .alias(_due=F("follow_up_due"))
        .values(_member=F("participation__member_id"))
        .order_by()
        .annotate(**_follow_up_counts(today))
    )


ID, DATE, DATETIME = Slot.ID, Slot.DATE, Slot.DATETIME
# The team with the workspace's `log_seq` in the same statement: with the day, these rows
# are everything the team's figures depend on (every change to the log seals a revision,
# which moves `log_seq`), so home can key its team section on them (home.fragments).
_TEAM_MEMBERS = CompiledRead(
    lambda workspace: with_last_contact(_team(workspace)).annotate(
        workspace_log_seq=F("workspace__log_seq")
    ),
    workspace=ID,
)
_ONE_MEMBER = CompiledRead(
    lambda workspace, member: with_last_contact(_one(workspace, member)), workspace=ID, member=ID
)
_TEAM_WINDOW = CompiledRead(
    lambda workspace, window, recent: _window_figures(_team(workspace), window, recent),
    workspace=ID,
    window=DATETIME,
    recent=DATETIME,
)
_ONE_WINDOW = CompiledRead(
    lambda workspace, member, window, recent: _window_figures(
        _one(workspace, member), window, recent
    ),
    workspace=ID,
    member=ID,
    window=DATETIME,
    recent=DATETIME,
)
_TEAM_FOLLOW_UPS = CompiledRead(_follow_ups, workspace=ID, today=DATE, soon=DATE)
_ONE_FOLLOW_UPS = CompiledRead(
    lambda workspace, member, today, soon: _follow_ups(workspace, today, soon).filter(
        participation__member=member
    ),
    workspace=ID,
    member=ID,
    today=DATE,
    soon=DATE,
)


# The whole workspace's: `aggregate()` as a values() read (the constant groups nothing,
# so there is always the one row).
def _all_follow_ups(
    workspace: int, today: datetime.date, soon: datetime.date, student: Any = None
) -> QuerySet[Any]:
    return (
        open_follow_ups(workspace, student)
        .filter(follow_up_due__lte=soon)
        .alias(_due=F("follow_up_due"))
        .values(_all=Value(1))
        .order_by()
        .annotate(**_follow_up_counts(today))
    )


_SERIES_FIGURES = ("positive", "concerns", "you_started", "they_started")


def _series(
    workspace: int,
    window: datetime.datetime,
    recent: datetime.datetime,
    student: Any = None,
    **ends: Any,
) -> QuerySet[Any]:
    entries = Interaction.objects.current().filter(workspace=workspace)
    if student is not None:
        entries = entries.filter(student=student)
    return _monthly_query(
        entries,
        window,
        [ends[name] for name in MONTH_ENDS],
        **{f"w_{name}": _window_aggregates(recent)[name] for name in _SERIES_FIGURES},
    )


_ALL_FOLLOW_UPS = CompiledRead(_all_follow_ups, workspace=ID, today=DATE, soon=DATE)
_WORKSPACE_SERIES = CompiledRead(
    _series,
    workspace=ID,
    window=DATETIME,
    recent=DATETIME,
    **dict.fromkeys(MONTH_ENDS, DATETIME),
)

# The same for the page narrowed to one child (a family with more than one).
_CHILD_MEMBERS = CompiledRead(
    lambda workspace, student: with_last_contact(_child_team(workspace, student), student).annotate(
        workspace_log_seq=F("workspace__log_seq")
    ),
    workspace=ID,
    student=ID,
)
_CHILD_WINDOW = CompiledRead(
    lambda workspace, student, window, recent: _window_figures(
        _child_team(workspace, student), window, recent, student
    ),
    workspace=ID,
    student=ID,
    window=DATETIME,
    recent=DATETIME,
)
_CHILD_FOLLOW_UPS = CompiledRead(_follow_ups, workspace=ID, student=ID, today=DATE, soon=DATE)
_CHILD_ALL_FOLLOW_UPS = CompiledRead(
    _all_follow_ups, workspace=ID, student=ID, today=DATE, soon=DATE
)
_CHILD_SERIES = CompiledRead(
    _series,
    workspace=ID,
    student=ID,
    window=DATETIME,
    recent=DATETIME,
    **dict.fromkeys(MONTH_ENDS, DATETIME),
)


def team_rows(workspace: Workspace, student: int | None = None) -> Rows:
    """The active team as `team_health` reads it first: each member with their last
    contact, and the workspace's `log_seq`, not yet made into instances. With `student`,
    the members with something about that child, and their last contact about them."""
    if student is not None:
        return _CHILD_MEMBERS.fetch(workspace=workspace.pk, student=student)
    return _TEAM_MEMBERS.fetch(workspace=workspace.pk)


def team_health(
    workspace: Workspace,
    *,
    member: TeamMember | None = None,
    today: datetime.date | None = None,
    series: bool = False,
    team: Rows | None = None,
    student: int | None = None,
) -> TeamHealth:
    """Health of every active team member (or of one member).

    A fixed number of queries whatever the log's size: the members with their last
    contact, the window figures per member, the open follow-ups per member; with
    `series`, two more for the workspace's 12-month series and roll-up. `team` is
    `team_rows(workspace, student)` when the caller has read it already. With `student`
    (not with `member`), everything counts only the entries about that child, for the
    members with something about them.
    """
    today = today or timezone.localdate()
    ws = workspace.pk
    if member is not None:
        one: dict[str, int] = {"member": member.pk}
        reads = (_ONE_MEMBER, _ONE_WINDOW, _ONE_FOLLOW_UPS)
    elif student is not None:
        one = {"student": student}
        reads = (_CHILD_MEMBERS, _CHILD_WINDOW, _CHILD_FOLLOW_UPS)
    else:
        one = {}
        reads = (_TEAM_MEMBERS, _TEAM_WINDOW, _TEAM_FOLLOW_UPS)
    member_read, window_read, follow_ups_read = reads
    if member is None and team is not None:
        members = member_read.instances(team)
    else:
        members = member_read.objects(workspace=ws, **one)
    rows = {m.pk: MemberHealth(member=m, today=today, last_contact=m.last_contact) for m in members}
    if not rows:
        return TeamHealth(today=today, members=[], rollup=Rollup())

    window = {"window": _window_start(today), "recent": _recent_since(today)}
    for values in window_read.dicts(workspace=ws, **one, **window):
        health = rows[values.pop("member_id")]
        for name, value in values.items():
            setattr(health, name, value or (None if name.startswith("last_") else 0))

    soon = today + datetime.timedelta(days=FOLLOW_UP_SOON_DAYS)
    follow_ups = follow_ups_read.dicts(workspace=ws, **one, today=today, soon=soon)
    for values in follow_ups:
        health_row = rows.get(values["_member"])
        if health_row is not None:  # not an inactive member's
            health_row.follow_ups_due = values["due"]
            health_row.follow_ups_past_due = values["past_due"]

    result = TeamHealth(today=today, members=list(rows.values()), rollup=Rollup())
    if series and member is None:
        result.series, result.rollup = _workspace_figures(workspace, result.members, today, student)
    return result


def _workspace_figures(
    workspace: Workspace,
    members: list[MemberHealth],
    today: datetime.date,
    student: int | None = None,
) -> tuple[list[MonthRow], Rollup]:
    """The 12-month series and the roll-up, from one pass over the window and one
    look at the open follow-ups. Entries count once, however many people took part."""
    child = {"student": student} if student is not None else {}
    series_read, follow_ups_read = (
        (_CHILD_SERIES, _CHILD_ALL_FOLLOW_UPS) if child else (_WORKSPACE_SERIES, _ALL_FOLLOW_UPS)
    )
    counted = series_read.dicts(
        workspace=workspace.pk, **child, recent=_recent_since(today), **_month_values(today)
    )
    series = _month_rows(counted, today)
    totals = {
        name: sum(row.extra.get(f"w_{name}", 0) for row in series) for name in _SERIES_FIGURES
    }
    soon = today + datetime.timedelta(days=FOLLOW_UP_SOON_DAYS)
    (follow_ups,) = follow_ups_read.dicts(workspace=workspace.pk, **child, today=today, soon=soon)
    statuses = [h.status for h in members]
    rollup = Rollup(
        members=len(members),
        on_track=statuses.count(Status.ON_TRACK),
        due=statuses.count(Status.DUE),
        overdue=statuses.count(Status.OVERDUE),
        positive=totals["positive"],
        concerns=totals["concerns"],
        you_started=totals["you_started"],
        they_started=totals["they_started"],
        follow_ups_due=follow_ups["due"],
        follow_ups_past_due=follow_ups["past_due"],
    )
    return series, rollup


def workspace_series(workspace: Workspace, today: datetime.date) -> list[MonthRow]:
    """Entries per calendar month over the last 12 months, each entry counted once."""
    return _monthly(Interaction.objects.current().filter(workspace=workspace), today)


def member_series(member: TeamMember, today: datetime.date) -> list[MonthRow]:
    """Contacts with one member per calendar month over the last 12 months."""
    return _monthly(Participation.objects.filter(member=member, withdrawn=False), today)
