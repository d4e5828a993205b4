"""The toolkit tests' people, students and questions, beside the root conftest's personas."""

from __future__ import annotations

from typing import Any

import pytest

from allies.questions.bank import QUESTIONS
from allies.questions.models import CustomQuestion, MeetingQuestion
from tests.support import make_member, make_student

BANK = QUESTIONS[0]


@pytest.fixture
def lee(workspace: Any) -> Any:
    return make_member(
        workspace,
        "Ms. Lee",
        email="lee@school.example",
        preferred_channel="phone",
        best_times="Tuesdays after 3",
        communication_style="Short notes, bullet points.",
    )


@pytest.fixture
def park(workspace: Any) -> Any:
    return make_member(workspace, "Mr. Park", email="park@school.example", language="es")


@pytest.fixture
def maya(workspace: Any) -> Any:
    return make_student(workspace, "Maya R.", school="Lincoln Elementary")


@pytest.fixture
def own_question(workspace: Any, alice: Any) -> Any:
    return CustomQuestion.objects.create(
        workspace=workspace, category="meetings", text="Who takes notes at meetings?"
    )


@pytest.fixture
def picked(maya: Any, alice: Any) -> Any:
    return MeetingQuestion.objects.create(student=maya, key=BANK.key, added_by=alice)


@pytest.fixture
def oscars(oscar: Any) -> dict[str, Any]:
    workspace = oscar.memberships.get().workspace
    return {
        "workspace": workspace,
        "member": make_member(workspace, "Mr. Other", email="other@school.example"),
        "student": make_student(workspace, "Otto"),
        "question": CustomQuestion.objects.create(
            workspace=workspace, category="know", text="Oscar's own question?"
        ),
    }


@pytest.fixture
def world(
    personas: dict[str, Any], lee: Any, maya: Any, own_question: Any, picked: Any, oscars: Any
) -> dict[str, Any]:
    return {"lee": lee, "maya": maya, "own": own_question, "picked": picked, "oscars": oscars}
