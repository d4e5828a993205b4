"""One small action a week: which one, why, and whether it was done.

The rules are tried in a fixed order (`Rule`); within a rule, ties are broken by the
figures and then by name and id, so the same data always gives the same suggestion.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from allies.accounts.models import User
from allies.core.compiled import CompiledRead, Slot
from allies.core.dates import day_start
from allies.log.models import Direction, Interaction, Purpose
from allies.meetings.models import ActionItem, ChecklistItem, Insight, Meeting, Phase
from allies.students.models import Student
from allies.team.models import TeamMember
from allies.workspaces.models import Workspace

from .health import TeamHealth, follow_ups_soon, team_health
from .models import Rule, WeeklyFocus

IEP_NOTICE_DAYS = 45
MEETING_PREP_DAYS = 21  # a meeting this close should have its "before" steps under way
PER_RULE = 10  # enough candidates for "another"; more would only cost time
STREAK_HORIZON = 520  # weeks looked back when counting a streak: ten years
WEEK = datetime.timedelta(weeks=1)


def week_of(day: datetime.date) -> datetime.date:
    """The Monday that starts `day`'s ISO week."""
    return day - datetime.timedelta(days=day.weekday())


@dataclass
class Candidate:
    rule: str
    key: str
    member: TeamMember | None = None
    student: Student | None = None
    entry: Interaction | None = None
    facts: dict[str, Any] = field(default_factory=dict)


def _iso(value: datetime.date | datetime.datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return value.isoformat()


def candidates(workspace: Workspace, today: datetime.date, health: TeamHealth) -> list[Candidate]:
    """Every action the rules suggest this week, best first."""
    found: list[Candidate] = []

    overdue_follow_ups = [
        e for e in follow_ups_soon(workspace, today).filter(follow_up_due__lt=today)[:PER_RULE]
    ]
    for entry in overdue_follow_ups:
        people = sorted(entry.participants.all(), key=lambda m: (m.name, m.pk))
        found.append(
            Candidate(
                Rule.FOLLOW_UP,
                f"follow_up:{entry.pk}",
                member=people[0] if people else None,
                entry=entry,
                facts={"due": _iso(entry.follow_up_due)},
            )
        )

    found += _overdue_action_items(workspace, today)
    found += _meetings_to_prepare(workspace, today)

    horizon = today + datetime.timedelta(days=IEP_NOTICE_DAYS)
    dates = Student.objects.filter(workspace=workspace).iep_dates_between(today, horizon)
    case_managers = sorted(
        (h.member for h in health.members if h.member.role == TeamMember.Role.CASE_MANAGER),
        key=lambda m: (m.name, m.pk),
    )
    for date in dates:
        found.append(
            Candidate(
                Rule.IEP_DATE,
                f"iep_date:{date.kind}:{date.student.pk}",
                member=case_managers[0] if case_managers else None,
                student=date.student,
                facts={"kind": date.kind, "date": date.day.isoformat()},
            )
        )

    late = health.losing_touch[:PER_RULE]
    for h in late:
        found.append(
            Candidate(
                Rule.CHECK_IN,
                f"check_in:{h.member.pk}",
                member=h.member,
                facts={"last": _iso(h.last_contact), "cadence": h.member.cadence_days},
            )
        )

    unthanked = sorted(
        (h for h in health.members if h.unthanked_victory),
        key=lambda h: (h.last_victory, h.member.name, h.member.pk),
    )
    for h in unthanked[:PER_RULE]:
        found.append(
            Candidate(
                Rule.THANKS,
                f"thanks:{h.member.pk}",
                member=h.member,
                facts={"victory": _iso(h.last_victory)},
            )
        )

    found += _insights_to_acknowledge(workspace)

    heavy = sorted(
        (h for h in health.members if h.concerns > h.victories),
        key=lambda h: (h.victories - h.concerns, h.member.name, h.member.pk),
    )
    for h in heavy[:PER_RULE]:
        found.append(
            Candidate(
                Rule.CONCERNS,
                f"concerns:{h.member.pk}",
                member=h.member,
                facts={"concerns": h.concerns, "victories": h.victories},
            )
        )

    # When nothing stands out: thank whoever was thanked longest ago (never, first).
    least_thanked = sorted(
        health.members,
        key=lambda h: (h.last_thanks is not None, h.last_thanks or 0, h.member.name, h.member.pk),
    )
    for h in least_thanked[:PER_RULE]:
        found.append(
            Candidate(
                Rule.APPRECIATE,
                f"appreciate:{h.member.pk}",
                member=h.member,
                facts={"thanked": _iso(h.last_thanks)},
            )
        )
    return found


def _overdue_action_items(workspace: Workspace, today: datetime.date) -> list[Candidate]:
    """Open action items past their date, the longest overdue first."""
    items = (
        ActionItem.objects.filter(workspace=workspace)
        .overdue(today)
        .select_related("owner", "student")
        .order_by("due", "pk")[:PER_RULE]
    )
    return [
        Candidate(
            Rule.ACTION_ITEM,
            f"action_item:{item.pk}",
            member=item.owner,
            student=item.student,
            facts={"action": item.pk, "due": _iso(item.due)},
        )
        for item in items
    ]


def _meetings_to_prepare(workspace: Workspace, today: datetime.date) -> list[Candidate]:
    """Meetings within three weeks that have "before" steps and none of them ticked."""
    before = ChecklistItem.objects.filter(meeting=OuterRef("pk"), phase=Phase.BEFORE)
    meetings = (
        Meeting.objects.filter(
            workspace=workspace,
            starts_at__gte=timezone.now(),
            starts_at__lt=day_start(today + datetime.timedelta(days=MEETING_PREP_DAYS + 1)),
        )
        .filter(Exists(before))
        .exclude(Exists(before.filter(done_at__isnull=False)))
        .select_related("student")
        .order_by("starts_at", "pk")[:PER_RULE]
    )
    return [
        Candidate(
            Rule.MEETING_PREP,
            f"meeting_prep:{meeting.pk}",
            student=meeting.student,
            facts={"meeting": meeting.pk, "kind": meeting.kind, "date": _iso(meeting.starts_at)},
        )
        for meeting in meetings
    ]


def _insights_to_acknowledge(workspace: Workspace) -> list[Candidate]:
    """Insights team members shared that nobody has thanked them for, the oldest first."""
    insights = (
        Insight.objects.filter(
            workspace=workspace, shared_by__isnull=False, acknowledged_at__isnull=True
        )
        .select_related("shared_by", "student")
        .order_by("observed_on", "pk")[:PER_RULE]
    )
    return [
        Candidate(
            Rule.INSIGHT,
            f"insight:{insight.pk}",
            member=insight.shared_by,
            student=insight.student,
            facts={"insight": insight.pk, "date": _iso(insight.observed_on)},
        )
        for insight in insights
    ]


def _apply(focus: WeeklyFocus, candidate: Candidate) -> None:
    focus.rule = candidate.rule
    focus.key = candidate.key
    focus.member = candidate.member
    focus.student = candidate.student
    focus.entry = candidate.entry
    focus.facts = candidate.facts
    focus.state = WeeklyFocus.State.SUGGESTED
    focus.accepted_at = None


# Home reads this week's focus and the streak on every load: compiled once (core.compiled).
_THIS_WEEK = CompiledRead(
    # What `.select_related(...).first()` sends.
    lambda workspace, week: (
        WeeklyFocus.objects.filter(workspace=workspace, week=week)
        .select_related("member", "student", "entry")
        .order_by("pk")[:1]
    ),
    workspace=Slot.ID,
    week=Slot.DATE,
)
_DONE_WEEKS = CompiledRead(
    lambda workspace, week: (
        WeeklyFocus.objects.filter(
            workspace=workspace, state=WeeklyFocus.State.DONE, week__lte=week
        )
        .order_by("-week")
        .values_list("week", flat=True)[:STREAK_HORIZON]
    ),
    workspace=Slot.ID,
    week=Slot.DATE,
)


def current_focus(
    workspace: Workspace, *, today: datetime.date | None = None, health: TeamHealth | None = None
) -> WeeklyFocus | None:
    """This week's focus, chosen now if nobody has looked yet this week."""
    today = today or timezone.localdate()
    week = week_of(today)
    related = ("member", "student", "entry")
    chosen = _THIS_WEEK.objects(workspace=workspace.pk, week=week)
    if chosen:
        focus: WeeklyFocus = chosen[0]
        return focus
    found = candidates(workspace, today, health or team_health(workspace, today=today))
    if not found:
        return None
    focus = WeeklyFocus(workspace=workspace, week=week)
    _apply(focus, found[0])
    try:
        with transaction.atomic():
            focus.save()
    except IntegrityError:
        # Someone else chose this week's focus a moment ago: theirs stands.
        return WeeklyFocus.objects.select_related(*related).get(workspace=workspace, week=week)
    return focus


def another(focus: WeeklyFocus, *, today: datetime.date | None = None) -> bool:
    """Replace the suggestion with the next one; after the last, start again from the top.

    Returns False when there is no other suggestion to give.
    """
    today = today or timezone.localdate()
    found = candidates(focus.workspace, today, team_health(focus.workspace, today=today))
    skipped = [*focus.skipped, focus.key]
    fresh = [c for c in found if c.key not in skipped]
    if not fresh:
        # Every suggestion has been seen: start a new round (this one is added back on
        # the next call, so each round goes through them all).
        fresh = [c for c in found if c.key != focus.key]
        skipped = []
    if not fresh:
        return False
    _apply(focus, fresh[0])
    focus.skipped = skipped
    focus.save()
    return True


def accept(focus: WeeklyFocus) -> None:
    if focus.state == WeeklyFocus.State.SUGGESTED:
        focus.state = WeeklyFocus.State.ACCEPTED
        focus.accepted_at = timezone.now()
        focus.save(update_fields=["state", "accepted_at"])


def mark_done(focus: WeeklyFocus, *, user: User | None, entry: Interaction | None = None) -> None:
    if focus.state != WeeklyFocus.State.DONE:
        focus.state = WeeklyFocus.State.DONE
        focus.done_at = timezone.now()
        focus.done_by = user
        focus.done_with = entry
        focus.save(update_fields=["state", "done_at", "done_by", "done_with"])


def matches(focus: WeeklyFocus, entry: Interaction, member_ids: set[int]) -> bool:
    """Does this entry carry out the focus? Rule by rule, as the focus page explains."""
    with_member = focus.member_id in member_ids
    thanks = bool(entry.purposes & Purpose.APPRECIATION) and entry.direction != Direction.RECEIVED
    if focus.rule == Rule.CHECK_IN:
        return with_member
    if focus.rule in (Rule.THANKS, Rule.APPRECIATE, Rule.INSIGHT):
        return with_member and thanks
    if focus.rule == Rule.CONCERNS:
        return with_member and bool(entry.purposes & Purpose.VICTORY)
    if focus.rule == Rule.IEP_DATE:
        planning = bool(entry.purposes & (Purpose.MEETING | Purpose.REQUEST))
        return planning and entry.student_id in (None, focus.student_id)
    # A follow-up focus is done when the follow-up is (note_follow_up); an action item's
    # or a meeting's when it is closed or prepared (note_done).
    return False


def note_entry(entry: Interaction, *, member_ids: set[int], author: User | None) -> None:
    """Mark this week's focus done if the entry just logged carries it out."""
    today = timezone.localdate()
    week = week_of(today)
    if not week <= timezone.localtime(entry.occurred_at).date() < week + WEEK:
        return  # an entry about another week does not do this week's action
    focus = (
        WeeklyFocus.objects.filter(workspace_id=entry.workspace_id, week=week)
        .exclude(state=WeeklyFocus.State.DONE)
        .first()
    )
    if focus is not None and matches(focus, entry, member_ids):
        mark_done(focus, user=author, entry=entry)


def note_follow_up(
    entry: Interaction, *, author: User | None, via: Interaction | None = None
) -> None:
    """Mark this week's focus done if it was this entry's follow-up."""
    focus = (
        WeeklyFocus.objects.filter(
            workspace_id=entry.workspace_id,
            week=week_of(timezone.localdate()),
            rule=Rule.FOLLOW_UP,
            entry=entry,
        )
        .exclude(state=WeeklyFocus.State.DONE)
        .first()
    )
    if focus is not None:
        mark_done(focus, user=author, entry=via)


def note_done(workspace_id: int, key: str, *, author: User | None) -> None:
    """Mark this week's focus done if it was about this thing (`key`: "action_item:12",
    "meeting_prep:3", "insight:7"): the action item closed, the meeting's preparation
    started, the insight acknowledged."""
    focus = (
        WeeklyFocus.objects.filter(
            workspace_id=workspace_id, week=week_of(timezone.localdate()), key=key
        )
        .exclude(state=WeeklyFocus.State.DONE)
        .first()
    )
    if focus is not None:
        mark_done(focus, user=author)


def streak(workspace: Workspace, *, today: datetime.date | None = None) -> int:
    """Consecutive weeks with the focus done, up to this one (or last, if this one is open)."""
    week = week_of(today or timezone.localdate())
    done = _DONE_WEEKS.flat(workspace=workspace.pk, week=week)
    expected = week if done and done[0] == week else week - datetime.timedelta(weeks=1)
    count = 0
    for day in done:
        if day != expected:
            break
        count += 1
        expected -= datetime.timedelta(weeks=1)
    return count


@dataclass
class FocusText:
    title: str
    reason: str
    action: str
    url: str
    guide: str = ""  # the strategy guide's page about this kind of step
    write: str = ""  # a message to draft for it, when there is one


# Which page of the strategy guide, and which message draft, goes with each rule.
GUIDE = {
    Rule.FOLLOW_UP: "communication-scripts",
    Rule.ACTION_ITEM: "three-pillars",
    Rule.MEETING_PREP: "share-expertise",
    Rule.INSIGHT: "share-expertise",
    Rule.IEP_DATE: "share-expertise",
    Rule.CHECK_IN: "regular-positive-communication",
    Rule.THANKS: "lead-with-appreciation",
    Rule.CONCERNS: "regular-positive-communication",
    Rule.APPRECIATE: "lead-with-appreciation",
}
WRITE = {
    Rule.IEP_DATE: "meeting_request",
    Rule.CHECK_IN: "check_in",
    Rule.THANKS: "appreciation",
    Rule.INSIGHT: "appreciation",
    Rule.APPRECIATE: "appreciation",
}


def compose_link(kind: str, member: TeamMember | None, student: Student | None) -> str:
    params: list[tuple[str, Any]] = [("kind", kind)]
    if member is not None:
        params.append(("member", member.pk))
    if student is not None:
        params.append(("student", student.pk))
    return f"{reverse('compose')}?{urlencode(params)}"


def _date(value: str | None) -> str:
    if not value:
        return ""
    return date_format(datetime.date.fromisoformat(value), "DATE_FORMAT")


def _days_since(value: str | None, today: datetime.date) -> int | None:
    return (today - datetime.date.fromisoformat(value)).days if value else None


def entry_link(
    *,
    member: TeamMember | None = None,
    purposes: int = 0,
    student: Student | None = None,
    follows: Interaction | None = None,
) -> str:
    params: list[tuple[str, Any]] = []
    if member is not None:
        params.append(("member", member.pk))
    params += [("purpose", p.value) for p in Purpose.from_bits(purposes)]
    if student is not None:
        params.append(("student", student.pk))
    if follows is not None:
        params.append(("follows", follows.pk))
    url = reverse("entry_new")
    return f"{url}?{urlencode(params)}" if params else url


def describe(focus: WeeklyFocus, *, today: datetime.date | None = None) -> FocusText:
    """The focus in the reader's language, with the reason in numbers and a link to act,
    the guide page behind it and, where one fits, a message to draft."""
    text = _describe(focus, today=today)
    slug = GUIDE.get(Rule(focus.rule)) if focus.rule in Rule.values else None
    if slug:
        text.guide = reverse("guide_page", args=[slug])
    kind = WRITE.get(Rule(focus.rule)) if focus.rule in Rule.values else None
    if kind:
        text.write = compose_link(kind, focus.member, focus.student)
    return text


def _describe(focus: WeeklyFocus, *, today: datetime.date | None = None) -> FocusText:
    today = today or timezone.localdate()
    facts = focus.facts
    name = focus.member.name if focus.member else _("the team")
    if focus.rule == Rule.FOLLOW_UP and focus.entry is not None:
        days = _days_since(facts.get("due"), today) or 0
        summary = Truncator(focus.entry.summary).chars(90)
        return FocusText(
            title=_("Follow up with %(name)s") % {"name": name},
            reason=ngettext(
                "You planned to follow up by %(date)s, %(days)d day ago, on: “%(summary)s”",
                "You planned to follow up by %(date)s, %(days)d days ago, on: “%(summary)s”",
                days,
            )
            % {"date": _date(facts.get("due")), "days": days, "summary": summary},
            action=_("Log the follow-up"),
            url=entry_link(follows=focus.entry),
        )
    if focus.rule == Rule.ACTION_ITEM:
        return _describe_action_item(focus, today, name)
    if focus.rule == Rule.MEETING_PREP:
        return _describe_meeting_prep(focus, today)
    if focus.rule == Rule.INSIGHT:
        return _describe_insight(focus, name)
    if focus.rule == Rule.IEP_DATE and focus.student is not None:
        days = -(_days_since(facts.get("date"), today) or 0)
        if facts.get("kind") == "annual":
            title = _("Prepare for %(student)s's annual review") % {"student": focus.student.name}
        else:
            title = _("Prepare for %(student)s's re-evaluation") % {"student": focus.student.name}
        reason = ngettext(
            "It is due on %(date)s, in %(days)d day. A short planning conversation with "
            "%(name)s now makes the meeting calmer for everyone.",
            "It is due on %(date)s, in %(days)d days. A short planning conversation with "
            "%(name)s now makes the meeting calmer for everyone.",
            days,
        ) % {"date": _date(facts.get("date")), "days": days, "name": name}
        return FocusText(
            title=title,
            reason=reason,
            action=_("Ask for a planning conversation"),
            url=entry_link(
                member=focus.member,
                purposes=Purpose.MEETING | Purpose.REQUEST,
                student=focus.student,
            ),
        )
    if focus.rule == Rule.CHECK_IN:
        last = facts.get("last")
        cadence = facts.get("cadence") or (focus.member.cadence_days if focus.member else 0)
        if last:
            days = _days_since(last, today) or 0
            reason = ngettext(
                "No contact for %(days)d day; you planned to check in every %(cadence)d days.",
                "No contact for %(days)d days; you planned to check in every %(cadence)d days.",
                days,
            ) % {"days": days, "cadence": cadence}
        else:
            reason = _("No contact logged yet; you planned to check in every %(cadence)d days.") % {
                "cadence": cadence
            }
        return FocusText(
            title=_("Check in with %(name)s") % {"name": name},
            reason=reason,
            action=_("Log a check-in"),
            url=entry_link(member=focus.member, purposes=Purpose.CHECK_IN),
        )
    if focus.rule == Rule.THANKS:
        return FocusText(
            title=_("Thank %(name)s") % {"name": name},
            reason=_(
                "A victory with %(name)s on %(date)s has not been followed by a thank-you yet."
            )
            % {"name": name, "date": _date(facts.get("victory"))},
            action=_("Log a thank-you"),
            url=entry_link(member=focus.member, purposes=Purpose.APPRECIATION),
        )
    if focus.rule == Rule.CONCERNS:
        concerns, victories = facts.get("concerns", 0), facts.get("victories", 0)
        counts = ngettext("%(n)d concern", "%(n)d concerns", concerns) % {"n": concerns}
        counts += " · " + ngettext("%(n)d victory", "%(n)d victories", victories) % {"n": victories}
        return FocusText(
            title=_("Share something good with %(name)s") % {"name": name},
            reason=_(
                "In the last 90 days with %(name)s: %(counts)s. Sharing a victory, however "
                "small, balances the conversation."
            )
            % {"name": name, "counts": counts},
            action=_("Share a victory"),
            url=entry_link(member=focus.member, purposes=Purpose.VICTORY),
        )
    thanked = facts.get("thanked")
    if thanked:
        reason = _(
            "Nothing else stands out this week. Lead with appreciation: %(name)s was last "
            "thanked on %(date)s."
        ) % {"name": name, "date": _date(thanked)}
    else:
        reason = _(
            "Nothing else stands out this week. Lead with appreciation: no thank-you to "
            "%(name)s in the last 90 days."
        ) % {"name": name}
    return FocusText(
        title=_("Thank %(name)s") % {"name": name},
        reason=reason,
        action=_("Log a thank-you"),
        url=entry_link(member=focus.member, purposes=Purpose.APPRECIATION),
    )


def _describe_action_item(focus: WeeklyFocus, today: datetime.date, name: str) -> FocusText:
    facts = focus.facts
    item = ActionItem.objects.filter(
        workspace_id=focus.workspace_id, pk=facts.get("action")
    ).first()
    what = Truncator(item.text).chars(90) if item else _("an action item")
    owner = _("the family") if item is not None and item.owner_is_family else name
    days = _days_since(facts.get("due"), today) or 0
    return FocusText(
        title=_("Follow through: “%(what)s”") % {"what": what},
        reason=ngettext(
            "It was due on %(date)s, %(days)d day ago, with %(owner)s. Doing what was "
            "agreed builds trust; if the date no longer works, agree a new one.",
            "It was due on %(date)s, %(days)d days ago, with %(owner)s. Doing what was "
            "agreed builds trust; if the date no longer works, agree a new one.",
            days,
        )
        % {"date": _date(facts.get("due")), "days": days, "owner": owner},
        action=_("Open the action items"),
        url=f"{reverse('action_list')}?{urlencode({'show': 'overdue'})}",
    )


def _describe_meeting_prep(focus: WeeklyFocus, today: datetime.date) -> FocusText:
    facts = focus.facts
    kind = str(dict(Meeting.Kind.choices).get(facts.get("kind"), _("meeting")))
    days = max(-(_days_since(facts.get("date"), today) or 0), 0)
    return FocusText(
        title=_("Get ready for the %(meeting)s on %(date)s")
        % {"meeting": kind, "date": _date(facts.get("date"))},
        reason=ngettext(
            "It is in %(days)d day and no step of its “before” checklist is ticked yet. "
            "Sharing home insights in writing a few days ahead helps everyone come prepared.",
            "It is in %(days)d days and no step of its “before” checklist is ticked yet. "
            "Sharing home insights in writing a few days ahead helps everyone come prepared.",
            days,
        )
        % {"days": days},
        action=_("See what to prepare"),
        url=reverse("meeting_detail", args=[facts.get("meeting")]),
    )


def _describe_insight(focus: WeeklyFocus, name: str) -> FocusText:
    facts = focus.facts
    insight = Insight.objects.filter(
        workspace_id=focus.workspace_id, pk=facts.get("insight")
    ).first()
    observed = Truncator(insight.observed).chars(90) if insight else ""
    reason = _(
        "On %(date)s %(name)s shared what they see: “%(observed)s”. Saying it was heard, "
        "and what you will do with it, makes the next insight more likely."
    ) % {"date": _date(facts.get("date")), "name": name, "observed": observed}
    return FocusText(
        title=_("Thank %(name)s for what they shared") % {"name": name},
        reason=reason,
        action=_("Write a thank-you"),
        url=compose_link("appreciation", focus.member, focus.student),
    )
