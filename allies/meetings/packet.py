"""A meeting's prep packet: everything to bring to the table, gathered in a fixed number of
queries whatever the number of concerns, insights, questions and log entries.

The packet is read by `views/packet.py` as a printable page and as a PDF (core/pdf.py).
Lists that could be long are capped (the newest first) so a packet stays a few pages.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone, translation

from allies.log.models import Interaction, Purpose
from allies.questions.picked import picked_for
from allies.team.models import TeamMember

from .models import (
    OPEN_CONCERN,
    ActionItem,
    AgendaItem,
    Concern,
    ConcernEvent,
    Insight,
    Meeting,
)
from .picked import worded_for

HIGHLIGHT_DAYS = 90
HIGHLIGHTS_SHOWN = 15
INSIGHTS_SHOWN = 12
CONCERNS_SHOWN = 12
EVENTS_SHOWN = 8  # a concern's latest history lines
POSITIVE = int(Purpose.APPRECIATION) | int(Purpose.VICTORY)


@dataclass
class Packet:
    meeting: Meeting
    attendees: list[TeamMember]
    agenda: list[AgendaItem]
    insights: list[Insight]
    concerns: Sequence[Concern]
    highlights: list[Interaction]
    counts: dict[str, int]
    actions: list[ActionItem]
    questions: list[str]  # picked for the student, in the reader's words

    @property
    def student(self) -> object:
        return self.meeting.student


def _about(meeting: Meeting) -> Q:
    """What is about this meeting's student (or, for a meeting about nobody in
    particular, everything in the workspace)."""
    if meeting.student_id is None:
        return Q()
    return Q(student_id=meeting.student_id)


def _events() -> QuerySet[ConcernEvent]:
    return ConcernEvent.objects.order_by("-at", "-pk")


def packet_for(meeting: Meeting, *, today: datetime.date | None = None) -> Packet:
    today = today or timezone.localdate()
    workspace_id = meeting.workspace_id
    about = _about(meeting)
    since = timezone.now() - datetime.timedelta(days=HIGHLIGHT_DAYS)

    attendees = list(meeting.attendees.order_by("meetingattendee__position", "name"))
    language = translation.get_language()
    agenda = worded_for(list(meeting.agenda.all()), language)
    # The questions picked for the student, every one: the list to tick off at the table.
    questions = (
        []
        if meeting.student_id is None
        else [q.text for q in picked_for(meeting.student_id, language)]
    )
    insights = list(
        Insight.objects.filter(about, workspace_id=workspace_id)
        .select_related("shared_by")
        .order_by("-observed_on", "-pk")[:INSIGHTS_SHOWN]
    )
    concerns = list(
        Concern.objects.filter(about, OPEN_CONCERN, workspace_id=workspace_id)
        .prefetch_related(
            "options__member",
            Prefetch("events", queryset=_events(), to_attr="history"),
        )
        .order_by("-updated_at", "-pk")[:CONCERNS_SHOWN]
    )
    for concern in concerns:
        concern.history = concern.history[:EVENTS_SHOWN]
    recent = Interaction.objects.current().filter(
        about, workspace_id=workspace_id, occurred_at__gte=since
    )
    counts = recent.alias(
        positive_bits=F("purposes").bitand(POSITIVE),
        concern_bits=F("purposes").bitand(int(Purpose.CONCERN)),
    ).aggregate(
        entries=Count("pk"),
        positive=Count("pk", filter=Q(positive_bits__gt=0)),
        concerns=Count("pk", filter=Q(concern_bits__gt=0)),
    )
    highlights = list(
        recent.with_purpose(POSITIVE)
        .prefetch_related("participants")
        .order_by("-occurred_at", "-pk")[:HIGHLIGHTS_SHOWN]
    )
    actions = list(
        ActionItem.objects.open()
        .filter(about, workspace_id=workspace_id)
        .select_related("owner")
        .order_by("due", "pk")
    )
    return Packet(
        meeting, attendees, agenda, insights, concerns, highlights, counts, actions, questions
    )
