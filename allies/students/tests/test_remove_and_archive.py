"""Deleting a student nothing is logged about, archiving one the log names, restoring."""

from __future__ import annotations

from typing import Any

import pytest

from allies.questions.bank import QUESTIONS
from allies.questions.models import MeetingQuestion
from allies.students import services
from allies.students.models import Student
from allies.workspaces.models import Membership
from tests.support import (
    LOGIN,
    assert_outcome,
    client_for,
    entry_data,
    entry_data_from,
    make_entry,
    make_student,
)

WRITE_FORM = {"owner": 200, "editor": 200, "viewer": 403, "outsider": 404, "anonymous": LOGIN}
WRITE = {"owner": 302, "editor": 302, "viewer": 403, "outsider": 404, "anonymous": LOGIN}


def page(response: Any) -> str:
    return response.content.decode()


@pytest.fixture
def logged(workspace: Any, alice: Any, member: Any, student: Any) -> Any:
    """An entry about the student."""
    return make_entry(workspace, alice, [member], student=student, summary="About Sam.")


@pytest.fixture
def archived(workspace: Any, alice: Any, member: Any) -> Any:
    kim = make_student(workspace, "Kim R.", archived=True)
    make_entry(workspace, alice, [member], student=kim, summary="About Kim.")
    return kim


# Permissions


@pytest.mark.parametrize(("role", "expected"), WRITE_FORM.items())
def test_only_writers_are_asked_to_delete_a_student(
    personas: dict[str, Any], student: Any, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).get(f"/students/{student.pk}/remove/")
    assert_outcome(response, expected)
    if expected == 200:
        assert "Delete Sam T.?" in page(response)
    assert Student.all_objects.filter(pk=student.pk).exists()


@pytest.mark.parametrize(("role", "expected"), WRITE.items())
def test_only_writers_can_delete_a_student(
    personas: dict[str, Any], student: Any, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).post(f"/students/{student.pk}/remove/")
    assert_outcome(response, expected)
    assert Student.all_objects.filter(pk=student.pk).exists() is (expected != 302)


@pytest.mark.parametrize(("role", "expected"), WRITE.items())
def test_only_writers_can_restore_a_student(
    personas: dict[str, Any], archived: Any, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).post(f"/students/{archived.pk}/restore/")
    assert_outcome(response, expected)
    archived.refresh_from_db()
    assert archived.archived is (expected != 302)


def test_restore_only_takes_a_post(alice: Any, archived: Any) -> None:
    assert client_for(alice).get(f"/students/{archived.pk}/restore/").status_code == 405
    archived.refresh_from_db()
    assert archived.archived


# Deleting and archiving


def test_a_student_without_entries_is_deleted_with_their_meeting_questions(
    alice: Any, student: Any
) -> None:
    MeetingQuestion.objects.create(student=student, key=QUESTIONS[0].key, added_by=alice)
    client = client_for(alice)
    asked = page(client.get(f"/students/{student.pk}/remove/"))
    assert "Their 1 question picked for the next meeting is deleted too." in asked
    assert "This cannot be undone." in asked
    response = client.post(f"/students/{student.pk}/remove/", follow=True)
    assert "Sam T. was deleted." in page(response)
    assert not Student.all_objects.filter(pk=student.pk).exists()
    assert not MeetingQuestion.objects.exists()


def test_a_student_without_entries_can_be_archived_instead(alice: Any, student: Any) -> None:
    client_for(alice).post(f"/students/{student.pk}/remove/", {"archive": "1"})
    student.refresh_from_db()
    assert student.archived


def test_a_student_the_log_names_is_archived_not_deleted(
    alice: Any, student: Any, logged: Any
) -> None:
    client = client_for(alice)
    asked = page(client.get(f"/students/{student.pk}/remove/"))
    assert "Archive Sam T.?" in asked
    assert "Delete" not in asked.split("<main", 1)[1].split("</form>")[0]
    response = client.post(f"/students/{student.pk}/remove/", follow=True)
    assert "Sam T. has log entries, so they were archived rather than deleted." in page(response)
    student.refresh_from_db()
    assert student.archived


def test_a_withdrawn_entry_still_keeps_its_student(alice: Any, student: Any, logged: Any) -> None:
    from allies.log.services import interaction_withdraw

    interaction_withdraw(interaction=logged, author=alice, reason="Logged twice.")
    client_for(alice).post(f"/students/{student.pk}/remove/")
    assert Student.all_objects.get(pk=student.pk).archived


def test_an_entry_saved_since_the_check_archives_instead_of_failing(
    alice: Any, student: Any, logged: Any, monkeypatch: Any
) -> None:
    # The check said "no entries" (as if the entry came a moment later): the log's
    # RESTRICT refuses the delete, and the student is archived, not a 500.
    monkeypatch.setattr(type(student.interactions), "exists", lambda self: False)
    assert services.student_remove(student=student) is False
    student.refresh_from_db()
    assert student.archived


def test_an_archived_student_with_entries_cannot_be_deleted(alice: Any, archived: Any) -> None:
    client = client_for(alice)
    asked = page(client.get(f"/students/{archived.pk}/remove/"))
    assert "Kim R. is archived" in asked
    assert 'method="post"' not in asked.split("<main", 1)[1]
    client.post(f"/students/{archived.pk}/remove/")
    assert Student.all_objects.filter(pk=archived.pk, archived=True).exists()


def test_deleting_another_workspace_s_student_is_not_found(alice: Any, oscar: Any) -> None:
    theirs = make_student(Membership.objects.get(user=oscar).workspace, "Their kid")
    assert client_for(alice).post(f"/students/{theirs.pk}/remove/").status_code == 404
    assert client_for(alice).post(f"/students/{theirs.pk}/restore/").status_code == 404
    assert Student.all_objects.filter(pk=theirs.pk).exists()


# Where an archived student shows, and where not


def test_the_list_hides_archived_students_until_asked(
    alice: Any, student: Any, archived: Any
) -> None:
    client = client_for(alice)
    plain = page(client.get("/students/"))
    assert "Sam T." in plain and "Kim R." not in plain
    assert "Show 1 archived student" in plain
    shown = page(client.get("/students/?archived=1"))
    assert "Kim R." in shown and "Archived students" in shown
    assert f"/students/{archived.pk}/restore/" in shown


def test_viewers_see_archived_students_without_a_restore_button(vera: Any, archived: Any) -> None:
    shown = page(client_for(vera).get("/students/?archived=1"))
    assert "Kim R." in shown
    assert "/restore/" not in shown
    detail = page(client_for(vera).get(f"/students/{archived.pk}/"))
    assert "Archived:" in detail and "/restore/" not in detail and "/remove/" not in detail


def test_an_archived_student_leaves_home_and_every_choice_list(
    alice: Any, student: Any, archived: Any, member: Any
) -> None:
    client = client_for(alice)
    for url in ("/", "/log/new/", "/toolkit/compose/", "/toolkit/questions/", "/toolkit/"):
        html = page(client.get(url))
        assert "Sam T." in html, url
        assert "Kim R." not in html, url
    # Nor can a new entry be saved about them.
    response = client.post("/log/new/", entry_data([member], student=archived.pk))
    assert response.status_code == 200
    assert not archived.interactions.filter(summary="Asked about the reading plan.").exists()


def test_an_archived_student_stays_on_past_entries(
    alice: Any, workspace: Any, archived: Any
) -> None:
    entry = archived.interactions.get()
    client = client_for(alice)
    assert "Kim R." in page(client.get(f"/log/{entry.pk}/"))
    # Editing the entry keeps its student, who is still offered on its form.
    form = page(client.get(f"/log/{entry.pk}/edit/"))
    assert "Kim R." in form
    response = client.post(
        f"/log/{entry.pk}/edit/", entry_data_from(entry, summary="About Kim, edited.")
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.summary, entry.student_id) == ("About Kim, edited.", archived.pk)


def test_restoring_brings_a_student_back(alice: Any, archived: Any) -> None:
    client = client_for(alice)
    response = client.post(f"/students/{archived.pk}/restore/", follow=True)
    assert "Kim R. is back on the student list." in page(response)
    assert "Kim R." in page(client.get("/"))
    assert "Kim R." in page(client.get("/log/new/"))


def test_the_student_page_offers_delete_and_restore_to_writers(
    erin: Any, student: Any, archived: Any
) -> None:
    client = client_for(erin)
    current = page(client.get(f"/students/{student.pk}/"))
    assert f"/students/{student.pk}/remove/" in current and "Delete or archive" in current
    old = page(client.get(f"/students/{archived.pk}/"))
    assert f"/students/{archived.pk}/restore/" in old and "Archived:" in old


def test_an_archived_student_s_meeting_questions_can_be_read_and_cleared(
    alice: Any, archived: Any
) -> None:
    picked = MeetingQuestion.objects.create(student=archived, key=QUESTIONS[0].key)
    client = client_for(alice)
    assert "Kim R." in page(client.get(f"/students/{archived.pk}/meeting-questions/"))
    client.post(f"/toolkit/meeting-questions/{picked.pk}/remove/")
    assert not MeetingQuestion.objects.exists()
    # But nothing new is added to them.
    response = client.post(
        "/toolkit/questions/meeting/", {"student": archived.pk, "key": QUESTIONS[1].key}
    )
    assert response.status_code == 404
    assert not MeetingQuestion.objects.exists()
