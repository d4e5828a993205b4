"""The questions picked for a student (`allies.questions`), as the meetings see them: which
to suggest for a meeting's agenda, the student's next meeting, and which questions were on
the agenda of a meeting held already (asked) or are on the next one's.

A bank question is matched to an agenda point by its key, one of the workspace's own by
`AgendaItem.question`. The lists are each child's, so a meeting about no student in
particular suggests none of them. A meeting is held once it has started
(`Meeting.is_past`), as the meetings list has it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q

from allies.questions.bank import QUESTIONS_BY_KEY
from allies.questions.picked import Picked, picked_for

from .models import AgendaItem, Meeting


def is_on(question: Picked, point: AgendaItem) -> bool:
    """Whether the agenda point is this picked question."""
    if question.custom_id is not None:
        return point.question_id == question.custom_id
    return bool(question.key) and point.question_key == question.key


def suggested_questions(
    meeting: Meeting, agenda: Iterable[AgendaItem], language: str | None
) -> list[Picked]:
    """The student's picked questions not on this agenda yet, in the order picked."""
    if meeting.student_id is None:
        return []
    points = [point for point in agenda if point.kind == AgendaItem.Kind.QUESTION]
    return [
        question
        for question in picked_for(meeting.student_id, language)
        if not any(is_on(question, point) for point in points)
    ]


def worded_for(agenda: list[AgendaItem], language: str | None) -> list[AgendaItem]:
    """The agenda with each bank question in the reader's language (`text` is replaced in
    these objects only, never saved); one of our own keeps the words it was written in."""
    for point in agenda:
        if point.kind == AgendaItem.Kind.QUESTION and point.question_key in QUESTIONS_BY_KEY:
            point.text = QUESTIONS_BY_KEY[point.question_key].text(language)
    return agenda


def next_meeting(student_id: int, workspace_id: int, now: datetime.datetime) -> Meeting | None:
    """The student's next meeting, the one its picked questions will be suggested for."""
    return (
        Meeting.objects.filter(student_id=student_id, workspace_id=workspace_id, starts_at__gt=now)
        .order_by("starts_at", "pk")
        .first()
    )


@dataclass(frozen=True)
class PickedQuestion:
    """A picked question, with the latest held meeting it was asked at, if any, and
    whether it is on the next meeting's agenda already."""

    question: Picked
    asked_at: Meeting | None
    on_next: bool

    @property
    def pk(self) -> int:
        return self.question.pk

    @property
    def text(self) -> str:
        return self.question.text


def at_meetings(
    questions: list[Picked],
    *,
    student_id: int,
    workspace_id: int,
    upcoming: Meeting | None,
    now: datetime.datetime,
) -> list[PickedQuestion]:
    """Each question with where it stands, in one query whatever their number."""
    if not questions:
        return []
    keys = [q.key for q in questions if q.custom_id is None and q.key]
    own = [q.custom_id for q in questions if q.custom_id is not None]
    points = list(
        AgendaItem.objects.filter(
            Q(question_key__in=keys) | Q(question_id__in=own),
            kind=AgendaItem.Kind.QUESTION,
            meeting__student_id=student_id,
            meeting__workspace_id=workspace_id,
        )
        .select_related("meeting")
        .order_by("-meeting__starts_at", "-pk")
    )
    rows = []
    for question in questions:
        mine = [point for point in points if is_on(question, point)]
        asked = next((p.meeting for p in mine if p.meeting.starts_at <= now), None)
        on_next = upcoming is not None and any(p.meeting_id == upcoming.pk for p in mine)
        rows.append(PickedQuestion(question, asked, on_next))
    return rows
