"""The question bank's rows: the bank's questions a workspace starred, the questions it
wrote itself, and the questions picked for each student's next meeting.

The bank's own questions are data (`bank.py`); rows refer to them by key.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from allies.students.models import Student
from allies.workspaces.models import Workspace

QUESTION_MAX = 500


class FavouriteQuestion(models.Model):
    """A question from the bank starred by a workspace."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=40)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["workspace", "key"], name="one_favourite_per_question")
        ]

    def __str__(self) -> str:
        return self.key


class CustomQuestion(models.Model):
    """A question a workspace wrote itself, kept in the language it was written in."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    category = models.CharField(_("category"), max_length=24)
    text = models.CharField(_("question"), max_length=QUESTION_MAX)
    search_text = models.CharField(max_length=QUESTION_MAX * 2, editable=False, default="")
    favourite = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["workspace", "category"], name="custom_question_category")]

    def __str__(self) -> str:
        return self.text[:60]

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = self.text.casefold()
        super().save(*args, **kwargs)


class MeetingQuestion(models.Model):
    """A question picked for a student's next meeting: from the bank (`key`) or our own."""

    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="meeting_questions")
    key = models.CharField(max_length=40, blank=True)
    custom = models.ForeignKey(CustomQuestion, on_delete=models.CASCADE, null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(key="") & models.Q(custom__isnull=False))
                | (~models.Q(key="") & models.Q(custom__isnull=True)),
                name="meeting_question_from_bank_or_own",
            ),
            models.UniqueConstraint(
                fields=["student", "key"],
                condition=~models.Q(key=""),
                name="bank_question_once_per_student",
            ),
            models.UniqueConstraint(
                fields=["student", "custom"],
                condition=models.Q(custom__isnull=False),
                name="own_question_once_per_student",
            ),
        ]

    def __str__(self) -> str:
        return self.key or str(self.custom_id)
