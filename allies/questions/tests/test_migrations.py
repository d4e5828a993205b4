"""The question bank's rows survive its move from the toolkit (toolkit 0003, questions
0001 and 0002): a database with questions saved before the move finds every one after
it, under the same ids, with the same constraints, in tables of the new app's names."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from allies.questions.models import CustomQuestion, FavouriteQuestion, MeetingQuestion
from tests.support import make_student

# Tables are renamed, so the test cannot run inside the usual rolled-back transaction.
pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = ("toolkit", "0002_question_search_text")


def migrate(targets: list[tuple[str, str | None]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor


def latest() -> list[tuple[str, str | None]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()  # type: ignore[no-any-return]


@pytest.fixture
def before_the_move() -> Iterator[Any]:
    """The database as it was before the move; the apps (historical models) of then."""
    executor = migrate([BEFORE, ("questions", None)])
    yield executor.loader.project_state([BEFORE]).apps
    migrate(latest())  # whatever happened, the next test finds the schema it expects


def tables() -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor))


def test_questions_saved_before_the_move_are_found_after_it(
    alice: Any, workspace: Any, before_the_move: Any
) -> None:
    maya = make_student(workspace, "Maya R.")  # students are not moved: saved as they are now
    old = before_the_move
    assert "toolkit_customquestion" in tables() and "questions_customquestion" not in tables()
    own = old.get_model("toolkit", "CustomQuestion").objects.create(
        workspace_id=workspace.pk,
        category="meetings",
        text="Who takes notes?",
        search_text="who takes notes?",
        favourite=True,
        created_by_id=alice.pk,
    )
    star = old.get_model("toolkit", "FavouriteQuestion").objects.create(
        workspace_id=workspace.pk, key="know-01"
    )
    picks = old.get_model("toolkit", "MeetingQuestion").objects
    bank = picks.create(student_id=maya.pk, key="know-02", added_by_id=alice.pk)
    mine = picks.create(student_id=maya.pk, custom_id=own.pk, added_by_id=alice.pk)

    migrate(latest())

    assert {"questions_customquestion", "questions_favouritequestion"} <= tables()
    assert "questions_meetingquestion" in tables()
    assert not {t for t in tables() if t.startswith("toolkit_") and "question" in t}
    moved = CustomQuestion.objects.get(pk=own.pk)
    assert (moved.workspace, moved.text, moved.favourite, moved.created_by) == (
        workspace,
        "Who takes notes?",
        True,
        alice,
    )
    assert FavouriteQuestion.objects.get(pk=star.pk).key == "know-01"
    assert [(p.pk, p.key, p.custom) for p in MeetingQuestion.objects.filter(student=maya)] == [
        (bank.pk, "know-02", None),
        (mine.pk, "", moved),
    ]
    # New rows take ids after the old ones (PostgreSQL's sequences went with the tables).
    assert CustomQuestion.objects.create(workspace=workspace, category="know", text="?").pk > own.pk
    # The constraints came along, under their names.
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "questions_customquestion")
    assert "custom_question_category" in constraints
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingQuestion.objects.create(student=maya, key="know-02")
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingQuestion.objects.create(student=maya, key="know-03", custom=moved)
    with pytest.raises(IntegrityError), transaction.atomic():
        FavouriteQuestion.objects.create(workspace=workspace, key="know-01")
