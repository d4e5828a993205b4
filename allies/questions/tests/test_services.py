"""The question bank's writes, called as the views call them."""

from __future__ import annotations

from typing import Any

from allies.questions import services
from allies.questions.bank import QUESTIONS
from allies.questions.models import FavouriteQuestion, MeetingQuestion
from tests.support import make_student


def test_a_bank_question_is_starred_then_unstarred(workspace: Any) -> None:
    key = QUESTIONS[0].key
    services.favourite_toggle(workspace=workspace, key=key)
    assert FavouriteQuestion.objects.filter(workspace=workspace, key=key).exists()
    services.favourite_toggle(workspace=workspace, key=key)
    assert not FavouriteQuestion.objects.filter(workspace=workspace).exists()


def test_a_question_goes_on_a_students_meeting_list_once(alice: Any, workspace: Any) -> None:
    sam = make_student(workspace)
    key = QUESTIONS[0].key
    assert services.meeting_question_add(student=sam, author=alice, key=key)
    assert not services.meeting_question_add(student=sam, author=alice, key=key)
    own = services.custom_question_create(
        workspace=workspace,
        author=alice,
        category=QUESTIONS[0].category,
        text="Who helps at lunch?",
    )
    assert services.meeting_question_add(student=sam, author=alice, key=key, custom=own)
    picked = MeetingQuestion.objects.filter(student=sam)
    assert sorted((p.key, p.custom_id) for p in picked) == [("", own.pk), (key, None)]
    services.meeting_question_remove(picked=picked.get(custom=own))
    assert list(MeetingQuestion.objects.filter(student=sam).values_list("key", flat=True)) == [key]
