"""What a meeting's page shows, read in a fixed number of queries whatever the number of
checklist steps, agenda points, concerns, insights, decisions and action items.

`views/meetings.py` renders it; suggestions for the agenda (open concerns, recent
insights about the meeting's student, not on the agenda yet) are capped, newest first;
the questions picked for the student (`picked.py`) are all offered, in the order picked.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from allies.questions.picked import Picked
from allies.team.models import TeamMember

from . import follow_up
from .models import (
    OPEN_CONCERN,
    ActionItem,
    AgendaItem,
    ChecklistItem,
    Concern,
    Decision,
    Insight,
    Meeting,
    Phase,
)
from .picked import suggested_questions, worded_for

SUGGESTIONS_SHOWN = 8
# An insight is "recent", and offered for the agenda, for this many days.
RECENT_INSIGHT_DAYS = 90


@dataclass
class PhaseSteps:
    phase: int
    label: str
    steps: list[ChecklistItem]

    @property
    def done(self) -> int:
        return sum(1 for step in self.steps if step.done)

    @property
    def total(self) -> int:
        return len(self.steps)

    @property
    def summary(self) -> str:
        """ "2 of 5 before": the page's progress line, and the tick's JSON answer."""
        return _("%(done)s of %(total)s %(phase)s") % {
            "done": self.done,
            "total": self.total,
            "phase": self.label.lower(),
        }


@dataclass
class MeetingPage:
    meeting: Meeting
    attendees: list[TeamMember]
    phases: list[PhaseSteps]
    agenda: list[AgendaItem]
    concerns: list[Concern]
    insights: list[Insight]
    questions: list[Picked]
    decisions: list[Decision]
    actions: list[ActionItem]
    answers: follow_up.Tally  # who confirmed the summary
    follow_ups: list[follow_up.LanguageGroup]  # one follow-up per language read


def phases_of(steps: list[ChecklistItem]) -> list[PhaseSteps]:
    """The steps by phase, before, during and after, each in its order."""
    return [
        PhaseSteps(int(phase), str(phase.label), [s for s in steps if s.phase == phase])
        for phase in Phase
    ]


def about(meeting: Meeting) -> Q:
    """What is about the meeting's student, or everything for a meeting about nobody."""
    return Q() if meeting.student_id is None else Q(student_id=meeting.student_id)


def meeting_page(meeting: Meeting, *, today: datetime.date | None = None) -> MeetingPage:
    today = today or timezone.localdate()
    language = translation.get_language()
    agenda = worded_for(list(meeting.agenda.all()), language)
    on_agenda_concerns = {a.concern_id for a in agenda if a.concern_id}
    on_agenda_insights = {a.insight_id for a in agenda if a.insight_id}
    concerns = list(
        Concern.objects.filter(about(meeting), OPEN_CONCERN, workspace_id=meeting.workspace_id)
        .exclude(pk__in=on_agenda_concerns)
        .order_by("-updated_at", "-pk")[:SUGGESTIONS_SHOWN]
    )
    since = today - datetime.timedelta(days=RECENT_INSIGHT_DAYS)
    insights = list(
        Insight.objects.filter(
            about(meeting), workspace_id=meeting.workspace_id, observed_on__gte=since
        )
        .exclude(pk__in=on_agenda_insights)
        .order_by("-observed_on", "-pk")[:SUGGESTIONS_SHOWN]
    )
    attendees = list(meeting.attendees.order_by("meetingattendee__position", "name"))
    decisions = list(meeting.decisions.all())
    actions = list(meeting.action_items.select_related("owner"))
    now = follow_up.summary_hash(meeting, decisions, actions)  # what answers must match
    record = list(meeting.confirmations.select_related("member", "recorded_by"))
    return MeetingPage(
        meeting=meeting,
        attendees=attendees,
        phases=phases_of(list(meeting.checklist.all())),
        agenda=agenda,
        concerns=concerns,
        insights=insights,
        questions=suggested_questions(meeting, agenda, language),
        decisions=decisions,
        actions=actions,
        answers=follow_up.tally(attendees, record, now),
        follow_ups=follow_up.language_groups(attendees),
    )
