"""Who may use each toolkit page: every view, every persona.

The tone coach's own view is tested in allies/tone/tests/test_views.py.
"""

from __future__ import annotations

from typing import Any

import pytest

from allies.log.models import Interaction
from allies.questions.bank import QUESTIONS
from allies.questions.models import CustomQuestion, FavouriteQuestion, MeetingQuestion
from allies.toolkit.models import MessageTemplate
from tests.support import (
    COMPOSE,
    OWN_READ,
    OWN_WRITE,
    OWN_WRITE_FORM,
    POST_ONLY,
    READ,
    ROLES,
    WRITE,
    assert_outcome,
    client_for,
    compose_data,
    make_user,
    page_of,
)

BANK = QUESTIONS[0]
GET_PAGES = [
    ("hub", "/toolkit/", OWN_READ),
    ("compose", COMPOSE, OWN_WRITE_FORM),
    ("compose_prefilled", COMPOSE + "?kind=concern&member={lee}&student={maya}", OWN_WRITE_FORM),
    ("monthly", "/toolkit/monthly/?month=2026-10", OWN_WRITE),
    ("templates", "/toolkit/templates/", OWN_READ),
    ("template_edit", "/toolkit/templates/appreciation/es/", OWN_WRITE_FORM),
    ("questions", "/toolkit/questions/", OWN_READ),
    ("questions_filtered", "/toolkit/questions/?q=teacher&category=know&favourites=1", OWN_READ),
    ("meeting_questions", "/students/{maya}/meeting-questions/", READ),
    ("meeting_questions_print", "/students/{maya}/meeting-questions/print/", READ),
    ("meeting_questions_pdf", "/students/{maya}/meeting-questions.pdf", READ),
    ("guide", "/guide/", OWN_READ),
    ("guide_page", "/guide/lead-with-appreciation/", OWN_READ),
]


POST_ONLY_URLS = [
    "/toolkit/questions/favourite/",
    "/toolkit/questions/add/",
    "/toolkit/questions/meeting/",
    "/toolkit/meeting-questions/{picked}/remove/",
]


def url_for(template: str, world: dict[str, Any]) -> str:
    return template.format(
        lee=world["lee"].pk, maya=world["maya"].pk, picked=world["picked"].pk, own=world["own"].pk
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "url", "expected"), GET_PAGES, ids=[p[0] for p in GET_PAGES])
def test_who_may_open_each_toolkit_page(
    world: dict[str, Any],
    personas: dict[str, Any],
    name: str,
    url: str,
    expected: dict[str, Any],
    role: str,
) -> None:
    response = client_for(personas[role]).get(url_for(url, world))
    assert_outcome(response, expected[role])
    if role == "outsider" and response.status_code == 200:
        page = page_of(response)
        for private in ("Ms. Lee", "Maya R.", "Who takes notes at meetings?"):
            assert private not in page


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url", POST_ONLY_URLS)
def test_post_only_urls_refuse_a_get(
    world: dict[str, Any], personas: dict[str, Any], url: str, role: str
) -> None:
    response = client_for(personas[role]).get(url_for(url, world))
    assert_outcome(response, POST_ONLY[role])


@pytest.mark.parametrize(("role", "expected"), {**OWN_WRITE, "outsider": 400}.items())
def test_only_writers_can_log_a_draft(
    world: dict[str, Any], personas: dict[str, Any], role: str, expected: Any
) -> None:
    data = compose_data([world["lee"]], subject="Logged by role")
    response = client_for(personas[role]).post(COMPOSE, data)
    assert_outcome(response, expected)
    logged = Interaction.objects.filter(summary__startswith="Logged by role")
    assert logged.count() == (1 if expected == 302 else 0)
    if role == "outsider":
        # Their own workspace's form, which has nobody from this one.
        assert "Select a valid choice" in page_of(response)


@pytest.mark.parametrize("action", ["check", "refill", "eml"])
def test_a_viewer_cannot_post_to_compose_at_all(
    world: dict[str, Any], vera: Any, action: str
) -> None:
    response = client_for(vera).post(COMPOSE, compose_data([world["lee"]], action=action))
    assert response.status_code == 403


@pytest.mark.parametrize(("role", "expected"), OWN_WRITE.items())
def test_only_writers_can_save_a_template(
    world: dict[str, Any], personas: dict[str, Any], role: str, expected: Any
) -> None:
    response = client_for(personas[role]).post(
        "/toolkit/templates/appreciation/en/", {"subject": "Ours {student}", "body": "Hi."}
    )
    assert_outcome(response, expected)
    saved = MessageTemplate.objects.filter(subject="Ours {student}")
    if expected == 302:
        mine = world["oscars"]["workspace"] if role == "outsider" else world["lee"].workspace
        assert saved.get().workspace == mine
    else:
        assert not saved.exists()


@pytest.mark.parametrize(("role", "expected"), OWN_WRITE.items())
def test_only_writers_can_reset_a_template(
    world: dict[str, Any], personas: dict[str, Any], role: str, expected: Any
) -> None:
    workspace = world["lee"].workspace
    MessageTemplate.objects.create(
        workspace=workspace, kind="appreciation", language="en", subject="Ours", body="Hi."
    )
    response = client_for(personas[role]).post("/toolkit/templates/appreciation/en/reset/")
    assert_outcome(response, expected)
    still = MessageTemplate.objects.filter(workspace=workspace).exists()
    assert still is (role not in ("owner", "editor"))


@pytest.mark.parametrize(("role", "expected"), OWN_WRITE.items())
def test_only_writers_can_star_a_bank_question(
    world: dict[str, Any], personas: dict[str, Any], role: str, expected: Any
) -> None:
    response = client_for(personas[role]).post("/toolkit/questions/favourite/", {"key": BANK.key})
    assert_outcome(response, expected)
    starred = set(FavouriteQuestion.objects.values_list("workspace", flat=True))
    if expected == 302:
        mine = world["oscars"]["workspace"] if role == "outsider" else world["lee"].workspace
        assert starred == {mine.pk}
    else:
        assert starred == set()


@pytest.mark.parametrize(("role", "expected"), WRITE.items())
def test_only_writers_of_its_workspace_can_star_an_own_question(
    world: dict[str, Any], personas: dict[str, Any], role: str, expected: Any
) -> None:
    response = client_for(personas[role]).post(
        "/toolkit/questions/favourite/", {"own": world["own"].pk}
    )
    assert_outcome(response, expected)
    world["own"].refresh_from_db()
    assert world["own"].favourite is (expected == 302)


@pytest.mark.parametrize(("role", "expected"), OWN_WRITE.items())
def test_only_writers_can_add_their_own_question(
    world: dict[str, Any], personas: dict[str, Any], role: str, expected: Any
) -> None:
    response = client_for(personas[role]).post(
        "/toolkit/questions/add/", {"add-category": "know", "add-text": "Added by role?"}
    )
    assert_outcome(response, expected)
    added = CustomQuestion.objects.filter(text="Added by role?")
    if expected == 302:
        mine = world["oscars"]["workspace"] if role == "outsider" else world["lee"].workspace
        assert added.get().workspace == mine
    else:
        assert not added.exists()


@pytest.mark.parametrize(("role", "expected"), WRITE.items())
@pytest.mark.parametrize("which", ["key", "own"])
def test_only_writers_can_pick_a_question_for_a_student_s_meeting(
    world: dict[str, Any], personas: dict[str, Any], which: str, role: str, expected: Any
) -> None:
    MeetingQuestion.objects.all().delete()
    value = QUESTIONS[1].key if which == "key" else world["own"].pk
    response = client_for(personas[role]).post(
        "/toolkit/questions/meeting/", {which: value, "student": world["maya"].pk}
    )
    assert_outcome(response, expected)
    assert MeetingQuestion.objects.filter(student=world["maya"]).exists() is (expected == 302)


def test_an_outsider_cannot_pick_another_workspace_s_question_for_their_student(
    world: dict[str, Any], oscar: Any
) -> None:
    otto = world["oscars"]["student"]
    response = client_for(oscar).post(
        "/toolkit/questions/meeting/", {"own": world["own"].pk, "student": otto.pk}
    )
    assert response.status_code == 404
    assert not MeetingQuestion.objects.filter(student=otto).exists()


def test_a_question_of_one_workspace_cannot_be_picked_for_a_student_of_another(
    world: dict[str, Any], oscar: Any
) -> None:
    from allies.workspaces.services import membership_add

    membership_add(workspace=world["maya"].workspace, user=oscar, role="editor")
    response = client_for(oscar).post(
        "/toolkit/questions/meeting/",
        {"own": world["oscars"]["question"].pk, "student": world["maya"].pk},
    )
    assert response.status_code == 404
    assert not MeetingQuestion.objects.filter(custom=world["oscars"]["question"]).exists()


@pytest.mark.parametrize(("role", "expected"), WRITE.items())
def test_only_writers_can_remove_a_picked_question(
    world: dict[str, Any], personas: dict[str, Any], role: str, expected: Any
) -> None:
    pk = world["picked"].pk
    response = client_for(personas[role]).post(f"/toolkit/meeting-questions/{pk}/remove/")
    assert_outcome(response, expected)
    assert MeetingQuestion.objects.filter(pk=pk).exists() is (expected != 302)


def test_object_ids_that_do_not_exist_are_404(world: dict[str, Any], alice: Any) -> None:
    client = client_for(alice)
    assert client.get("/students/999999/meeting-questions/").status_code == 404
    assert client.post("/toolkit/meeting-questions/999999/remove/").status_code == 404
    assert client.post("/toolkit/questions/favourite/", {"own": "999999"}).status_code == 404
    assert client.post("/toolkit/questions/favourite/", {"key": "nope-99"}).status_code == 404
    assert client.post("/toolkit/questions/favourite/", {}).status_code == 404
    for data in (
        {"key": BANK.key},
        {"key": BANK.key, "student": "x"},
        {"key": BANK.key, "student": "999999"},
        {"key": "nope-99", "student": world["maya"].pk},
        {"own": "999999", "student": world["maya"].pk},
        {"student": world["maya"].pk},
    ):
        assert client.post("/toolkit/questions/meeting/", data).status_code == 404, data


def test_a_user_without_a_workspace_gets_404_not_an_error(db: Any) -> None:
    loner = make_user("loner@example.com")
    client = client_for(loner)
    for url in ("/toolkit/", COMPOSE, "/toolkit/templates/", "/toolkit/questions/"):
        assert client.get(url).status_code == 404, url
