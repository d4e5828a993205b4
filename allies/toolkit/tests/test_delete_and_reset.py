"""Deleting one of the workspace's own questions, and resetting a template: both ask first."""

from __future__ import annotations

from typing import Any

import pytest

from allies.questions import services
from allies.questions.models import CustomQuestion, MeetingQuestion
from allies.toolkit.models import MessageTemplate
from allies.workspaces.models import Membership
from tests.support import LOGIN, PAYLOAD, assert_escaped, assert_outcome, client_for, make_student

WRITE_FORM = {"owner": 200, "editor": 200, "viewer": 403, "outsider": 404, "anonymous": LOGIN}
WRITE = {"owner": 302, "editor": 302, "viewer": 403, "outsider": 404, "anonymous": LOGIN}
# Templates belong to the current workspace: an outsider meets their own (none customised).
OWN_WRITE_FORM = {"owner": 200, "editor": 200, "viewer": 403, "outsider": 302, "anonymous": LOGIN}
OWN_WRITE = {"owner": 302, "editor": 302, "viewer": 403, "outsider": 302, "anonymous": LOGIN}
RESET = "/toolkit/templates/appreciation/en/reset/"


def page(response: Any) -> str:
    return response.content.decode()


@pytest.fixture
def own(workspace: Any, alice: Any) -> Any:
    return CustomQuestion.objects.create(
        workspace=workspace, category="meetings", text="Who takes notes at meetings?"
    )


@pytest.fixture
def ours(workspace: Any) -> Any:
    return MessageTemplate.objects.create(
        workspace=workspace,
        kind="appreciation",
        language="en",
        subject="Our thanks {student}",
        body="Thank you so much.",
    )


# Own questions


@pytest.mark.parametrize(("role", "expected"), WRITE_FORM.items())
def test_only_writers_are_asked_to_delete_an_own_question(
    personas: dict[str, Any], own: Any, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).get(f"/toolkit/questions/{own.pk}/delete/")
    assert_outcome(response, expected)
    if expected == 200:
        assert "Delete this question?" in page(response)
        assert "Who takes notes at meetings?" in page(response)
    assert CustomQuestion.objects.filter(pk=own.pk).exists()


@pytest.mark.parametrize(("role", "expected"), WRITE.items())
def test_only_writers_can_delete_an_own_question(
    personas: dict[str, Any], own: Any, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).post(f"/toolkit/questions/{own.pk}/delete/")
    assert_outcome(response, expected)
    assert CustomQuestion.objects.filter(pk=own.pk).exists() is (expected != 302)


def test_a_deleted_question_leaves_the_bank_and_every_meeting_list(
    alice: Any, workspace: Any, own: Any
) -> None:
    sam, kim = make_student(workspace, "Sam T."), make_student(workspace, "Kim R.")
    for s in (sam, kim):
        MeetingQuestion.objects.create(student=s, custom=own, added_by=alice)
    untouched = MeetingQuestion.objects.create(student=sam, key="know-01", added_by=alice)
    client = client_for(alice)
    asked = page(client.get(f"/toolkit/questions/{own.pk}/delete/"))
    assert "It is on the list for the next meeting of:" in asked
    assert "Sam T." in asked and "Kim R." in asked
    response = client.post(f"/toolkit/questions/{own.pk}/delete/", follow=True)
    assert response.redirect_chain[-1][0] == "/toolkit/questions/"
    assert "Your question was deleted." in page(response)
    assert "Who takes notes at meetings?" not in page(response)
    assert list(MeetingQuestion.objects.all()) == [untouched]
    assert "Who takes notes" not in page(client.get(f"/students/{sam.pk}/meeting-questions/"))


def test_the_service_says_how_many_lists_lost_the_question(
    alice: Any, workspace: Any, own: Any
) -> None:
    MeetingQuestion.objects.create(student=make_student(workspace), custom=own)
    assert services.custom_question_delete(question=own) == 1
    assert not CustomQuestion.objects.exists()


def test_the_bank_offers_delete_for_own_questions_to_writers_only(
    alice: Any, vera: Any, own: Any
) -> None:
    assert f"/toolkit/questions/{own.pk}/delete/" in page(
        client_for(alice).get("/toolkit/questions/")
    )
    assert "/delete/" not in page(client_for(vera).get("/toolkit/questions/"))


def test_another_workspace_s_question_is_not_found(alice: Any, oscar: Any) -> None:
    theirs = CustomQuestion.objects.create(
        workspace=Membership.objects.get(user=oscar).workspace, category="know", text="Theirs?"
    )
    client = client_for(alice)
    assert client.get(f"/toolkit/questions/{theirs.pk}/delete/").status_code == 404
    assert client.post(f"/toolkit/questions/{theirs.pk}/delete/").status_code == 404
    assert CustomQuestion.objects.filter(pk=theirs.pk).exists()


def test_the_question_is_escaped_on_the_confirmation(alice: Any, workspace: Any) -> None:
    question = CustomQuestion.objects.create(workspace=workspace, category="know", text=PAYLOAD)
    assert_escaped(client_for(alice).get(f"/toolkit/questions/{question.pk}/delete/"))


# Template reset


@pytest.mark.parametrize(("role", "expected"), OWN_WRITE_FORM.items())
def test_only_writers_are_asked_before_a_template_is_reset(
    personas: dict[str, Any], ours: Any, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).get(RESET)
    assert_outcome(response, expected)
    if expected == 200:
        html = page(response)
        assert "to the default wording?" in html
        assert "Thank you so much." in html  # what will be lost, to copy first
    assert MessageTemplate.objects.filter(pk=ours.pk).exists()


@pytest.mark.parametrize(("role", "expected"), OWN_WRITE.items())
def test_only_writers_can_confirm_a_template_reset(
    personas: dict[str, Any], ours: Any, role: str, expected: Any
) -> None:
    response = client_for(personas[role]).post(RESET)
    assert_outcome(response, expected)
    assert MessageTemplate.objects.filter(pk=ours.pk).exists() is (role not in ("owner", "editor"))


def test_a_template_with_the_default_wording_has_nothing_to_reset(
    alice: Any, workspace: Any
) -> None:
    response = client_for(alice).get(RESET, follow=True)
    assert response.redirect_chain[-1][0] == "/toolkit/templates/"
    assert "This template already uses the default wording." in page(response)


def test_reset_is_reached_from_the_template_and_the_list(alice: Any, ours: Any) -> None:
    client = client_for(alice)
    form = page(client.get("/toolkit/templates/appreciation/en/"))
    assert f'href="{RESET}"' in form
    # The form on the template page no longer resets without asking.
    assert f'action="{RESET}"' not in form
    assert f'href="{RESET}"' in page(client.get("/toolkit/templates/"))


def test_the_list_offers_no_reset_to_viewers(vera: Any, ours: Any) -> None:
    assert "/reset/" not in page(client_for(vera).get("/toolkit/templates/"))
