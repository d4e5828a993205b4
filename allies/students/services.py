"""Removing, archiving and restoring a student, named `<thing>_<action>`.

Entries refer to their student with RESTRICT (the log is a record): a student any entry
names, withdrawn ones included, is archived rather than deleted.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import RestrictedError

from .models import Student


def student_remove(*, student: Student) -> bool:
    """Delete the student if no entry names them, else archive them. True when deleted.

    Deleting takes their meeting questions with them. An entry saved with them since the
    caller looked (RestrictedError, or the database's own check at commit) means they
    are archived instead.
    """
    pk = student.pk
    if not student.interactions.exists():
        try:
            with transaction.atomic():
                student.delete()
        except (RestrictedError, IntegrityError):
            student.pk = pk  # a failed commit leaves the instance thinking it was deleted
        else:
            return True
    student_archive(student=student)
    return False


def student_archive(*, student: Student) -> None:
    """Out of the lists and choices, still shown on the entries about them."""
    Student.all_objects.filter(pk=student.pk).update(archived=True)
    student.archived = True


def student_restore(*, student: Student) -> None:
    Student.all_objects.filter(pk=student.pk).update(archived=False)
    student.archived = False
