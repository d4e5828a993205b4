"""The questions picked for a student's next meeting, each in the words a reader sees:
a bank question in the reader's language, one of the workspace's own as it was written.

Read in one query whatever the length of the list; the toolkit's pages, the meeting's
agenda suggestions and its prep packet all read the list through `picked_for`.
"""

from __future__ import annotations

from dataclasses import dataclass

from .bank import QUESTIONS_BY_KEY
from .models import MeetingQuestion


@dataclass(frozen=True)
class Picked:
    pk: int  # the MeetingQuestion
    key: str  # a bank question's key, or "" for one of the workspace's own
    custom_id: int | None  # the CustomQuestion, for one of the workspace's own
    text: str


def picked_for(student_id: int, language: str | None) -> list[Picked]:
    """The student's list in the order it was picked. A key no longer in the bank is left
    out (keys are never reused, so it can only be a question that was withdrawn)."""
    rows = []
    for picked in MeetingQuestion.objects.filter(student_id=student_id).select_related("custom"):
        if picked.custom is not None:
            text = picked.custom.text
        elif picked.key in QUESTIONS_BY_KEY:
            text = QUESTIONS_BY_KEY[picked.key].text(language)
        else:
            continue
        rows.append(Picked(picked.pk, picked.key, picked.custom_id, text))
    return rows
