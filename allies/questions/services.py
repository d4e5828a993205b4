"""Every write the question bank makes: a question of one's own added, starred or deleted,
a bank question starred, a question picked for a student's next meeting or taken off.

Named `<thing>_<action>`, like `log/services.py`; views only check permissions, read
forms and choose the response.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from allies.accounts.models import User
from allies.students.models import Student
from allies.workspaces.models import Workspace

from .models import CustomQuestion, FavouriteQuestion, MeetingQuestion


def custom_question_create(
    *, workspace: Workspace, author: User, category: str, text: str
) -> CustomQuestion:
    return CustomQuestion.objects.create(
        workspace=workspace, category=category, text=text, created_by=author
    )


def custom_question_delete(*, question: CustomQuestion) -> int:
    """Delete one of the workspace's own questions, and take it off every student's list
    for the next meeting (the number of lists it was on is returned)."""
    with transaction.atomic():
        on_lists = MeetingQuestion.objects.filter(custom=question).count()
        question.delete()  # the meeting questions go with it (CASCADE)
    return on_lists


def custom_question_favourite_toggle(*, question: CustomQuestion) -> None:
    question.favourite = not question.favourite
    question.save(update_fields=["favourite"])


def favourite_toggle(*, workspace: Workspace, key: str) -> None:
    """Star a question of the bank for the workspace, or unstar it."""
    deleted, _rows = FavouriteQuestion.objects.filter(workspace=workspace, key=key).delete()
    if not deleted:
        FavouriteQuestion.objects.get_or_create(workspace=workspace, key=key)


def meeting_question_add(
    *, student: Student, author: User, key: str = "", custom: CustomQuestion | None = None
) -> bool:
    """Put a bank question (`key`) or the workspace's own (`custom`) on the student's list
    for the next meeting; False when it is already there."""
    try:
        with transaction.atomic():
            MeetingQuestion.objects.create(
                student=student, key="" if custom else key, custom=custom, added_by=author
            )
    except IntegrityError:
        return False
    return True


def meeting_question_remove(*, picked: MeetingQuestion) -> None:
    picked.delete()
