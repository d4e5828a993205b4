"""The communication toolkit through its views: who may use what, writing and logging a
message (and sending it through a real SMTP server on 127.0.0.1), the tone coach, the
workspace's own templates, the monthly update, the question bank and the guide.
"""

from __future__ import annotations

import datetime
import html
import re
from typing import Any
from unittest import mock
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from allies.home.tests.smtp import Sink, free_port, smtp_settings
from allies.home.tests.support import (
    ESCAPED,
    LOGIN,
    PAYLOAD,
    assert_escaped,
    assert_outcome,
    assert_same_queries,
    field_error,
    queries_for,
)
from allies.log.models import Direction, Interaction, Purpose, Tone
from allies.team.models import TeamMember
from allies.toolkit.defaults import KINDS, default_template
from allies.toolkit.drafts import update_month_offer
from allies.toolkit.guide import PAGES
from allies.toolkit.models import (
    CustomQuestion,
    FavouriteQuestion,
    MeetingQuestion,
    MessageTemplate,
)
from allies.toolkit.questions import CATEGORIES, QUESTIONS
from conftest import client_for, make_entry, make_member, make_student, make_user

OWN_READ = {"owner": 200, "editor": 200, "viewer": 200, "outsider": 200, "anonymous": LOGIN}
READ = {"owner": 200, "editor": 200, "viewer": 200, "outsider": 404, "anonymous": LOGIN}
OWN_WRITE_FORM = {"owner": 200, "editor": 200, "viewer": 403, "outsider": 200, "anonymous": LOGIN}
OWN_WRITE = {"owner": 302, "editor": 302, "viewer": 403, "outsider": 302, "anonymous": LOGIN}
WRITE = {"owner": 302, "editor": 302, "viewer": 403, "outsider": 404, "anonymous": LOGIN}
POST_ONLY = {"owner": 405, "editor": 405, "viewer": 405, "outsider": 405, "anonymous": LOGIN}
ROLES = list(OWN_READ)

APPRECIATION = int(Purpose.APPRECIATION)
VICTORY = int(Purpose.VICTORY)
DAY = datetime.timedelta(days=1)
BANK = QUESTIONS[0]
COMPOSE = "/toolkit/compose/"


def page_of(response: Any) -> str:
    return response.content.decode()


def messages_of(response: Any) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def textarea(page: str, name: str = "body") -> str:
    found = re.search(rf'<textarea name="{name}"[^>]*>(.*?)</textarea>', page, re.S)
    assert found, f"no {name} textarea"
    text = found.group(1)
    # A browser drops one newline right after <textarea> (Django's widget writes one).
    return html.unescape(text[1:] if text.startswith("\n") else text)


def input_value(page: str, name: str) -> str:
    found = re.search(rf'<input type="text" name="{name}" value="([^"]*)"', page)
    assert found, f"no {name} input with a value"
    return html.unescape(found.group(1))


def spanish(user: Any) -> Any:
    user.language = "es"
    user.save(update_fields=["language"])
    return user


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


def compose_data(members: list[Any], **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "action": "log",
        "kind": "check_in",
        "recipients": [m.pk for m in members],
        "student": "",
        "language": "en",
        "subject": "Checking in about Maya",
        "body": "Hi Ms. Lee,\n\nHow is the week going?\n\nBest,\nAlice",
        "month": "",
        "form_token": "token-1",
    }
    data.update(overrides)
    return data


# --- Who may use what ------------------------------------------------------------------


@pytest.fixture
def world(
    personas: dict[str, Any], lee: Any, maya: Any, own_question: Any, picked: Any, oscars: Any
) -> dict[str, Any]:
    return {"lee": lee, "maya": maya, "own": own_question, "picked": picked, "oscars": oscars}


GET_PAGES = [
    ("hub", "/toolkit/", OWN_READ),
    ("compose", COMPOSE, OWN_WRITE_FORM),
    ("compose_prefilled", COMPOSE + "?kind=concern&member={lee}&student={maya}", OWN_WRITE_FORM),
    ("monthly", "/toolkit/monthly/?month=2026-10", {**OWN_WRITE, "outsider": 302}),
    ("templates", "/toolkit/templates/", OWN_READ),
    ("template_edit", "/toolkit/templates/appreciation/es/", OWN_WRITE_FORM),
    ("questions", "/toolkit/questions/", OWN_READ),
    ("questions_filtered", "/toolkit/questions/?q=teacher&category=know&favourites=1", OWN_READ),
    ("meeting_questions", "/students/{maya}/meeting-questions/", READ),
    ("guide", "/guide/", OWN_READ),
    ("guide_page", "/guide/lead-with-appreciation/", OWN_READ),
]

POST_ONLY_URLS = [
    "/toolkit/tone/",
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


@pytest.mark.parametrize(("role", "expected"), {**OWN_READ}.items())
def test_the_tone_coach_answers_anyone_in_a_workspace(
    world: dict[str, Any], personas: dict[str, Any], role: str, expected: Any
) -> None:
    """It only reads the text it is given; it writes nothing, so viewers may use it too."""
    response = client_for(personas[role]).post("/toolkit/tone/", {"body": "You must call."})
    assert_outcome(response, expected)


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
    assert client.post("/toolkit/tone/", {"body": "Hi"}).status_code == 404


# --- Compose: the draft it starts from -------------------------------------------------


def test_compose_prefills_the_kind_people_student_and_their_language(
    alice: Any, lee: Any, park: Any, maya: Any
) -> None:
    response = client_for(alice).get(
        COMPOSE, {"kind": "appreciation", "member": [park.pk, lee.pk], "student": maya.pk}
    )
    assert response.status_code == 200
    initial = response.context["form"].initial
    assert initial["kind"] == "appreciation"
    assert initial["recipients"] == [park.pk, lee.pk]
    assert initial["student"] == maya.pk
    # Mr. Park, the first one, reads Spanish: the draft starts in Spanish.
    assert initial["language"] == "es"
    assert initial["subject"] == "Gracias por su apoyo a Maya R."
    assert initial["body"].startswith("Hola, Mr. Park y Ms. Lee:")
    page = page_of(response)
    assert re.search(rf'value="{park.pk}"[^>]*checked', page)
    assert re.search(rf'value="{lee.pk}"[^>]*checked', page)
    assert textarea(page) == initial["body"]


def test_the_draft_language_can_be_chosen(alice: Any, park: Any) -> None:
    response = client_for(alice).get(
        COMPOSE, {"kind": "appreciation", "member": park.pk, "language": "en"}
    )
    initial = response.context["form"].initial
    assert initial["language"] == "en"
    assert initial["body"].startswith("Hi Mr. Park,")


def test_without_recipients_the_draft_is_in_the_user_s_language(alice: Any, workspace: Any) -> None:
    response = client_for(spanish(alice)).get(COMPOSE, {"kind": "check_in"})
    initial = response.context["form"].initial
    assert initial["language"] == "es"
    assert initial["recipients"] == []
    assert initial["body"].startswith("Hola, todos:")


def test_an_unknown_language_falls_back_to_the_recipient_s(alice: Any, park: Any) -> None:
    response = client_for(alice).get(COMPOSE, {"member": park.pk, "language": "fr"})
    assert response.context["form"].initial["language"] == "es"


def test_the_only_student_is_picked_for_you(alice: Any, lee: Any, maya: Any) -> None:
    response = client_for(alice).get(COMPOSE, {"kind": "check_in", "member": lee.pk})
    assert response.context["form"].initial["student"] == maya.pk
    assert "Maya R." in response.context["form"].initial["body"]


def test_with_two_students_none_is_picked_unless_asked(
    alice: Any, workspace: Any, lee: Any, maya: Any
) -> None:
    leo = make_student(workspace, "Leo")
    client = client_for(alice)
    assert client.get(COMPOSE, {"member": lee.pk}).context["form"].initial["student"] is None
    asked = client.get(COMPOSE, {"member": lee.pk, "student": leo.pk})
    assert asked.context["form"].initial["student"] == leo.pk


def test_the_recipient_panel_shows_how_to_reach_them(alice: Any, lee: Any) -> None:
    page = page_of(client_for(alice).get(COMPOSE, {"member": lee.pk}))
    panel = page[page.index("compose-side") :]
    assert "Ms. Lee" in panel
    assert "<dt>Prefers</dt><dd>Phone</dd>" in panel
    assert "<dt>Best times</dt><dd>Tuesdays after 3</dd>" in panel
    assert "Short notes, bullet points." in panel
    assert "lee@school.example" in panel


def test_foreign_and_junk_member_ids_are_ignored(
    alice: Any, lee: Any, oscars: dict[str, Any]
) -> None:
    other = oscars["member"]
    response = client_for(alice).get(
        COMPOSE,
        {
            "member": ["x", "-1", "1e3", "٣", "9" * 30, str(other.pk), "", str(lee.pk), "999999"],
            "student": [str(oscars["student"].pk), "junk"],
        },
    )
    assert response.status_code == 200
    initial = response.context["form"].initial
    assert initial["recipients"] == [lee.pk]
    assert initial["student"] is None
    page = page_of(response)
    assert "Mr. Other" not in page and "Otto" not in page


def test_an_inactive_member_is_not_offered(alice: Any, workspace: Any, lee: Any) -> None:
    gone = make_member(workspace, "Mr. Gone", active=False)
    response = client_for(alice).get(COMPOSE, {"member": [gone.pk, lee.pk]})
    assert response.context["form"].initial["recipients"] == [lee.pk]


@pytest.mark.parametrize("kind", ["", "nope", "appreciation' OR 1=1", "<b>"])
def test_an_unknown_kind_falls_back_to_the_first(alice: Any, lee: Any, kind: str) -> None:
    response = client_for(alice).get(COMPOSE, {"kind": kind, "member": lee.pk})
    assert response.status_code == 200
    assert response.context["form"].initial["kind"] == KINDS[0].key


# --- Compose: logging, refilling, checking ---------------------------------------------


def test_logging_a_draft_records_it_as_sent(alice: Any, lee: Any, park: Any, maya: Any) -> None:
    data = compose_data(
        [lee, park],
        kind="appreciation",
        student=maya.pk,
        subject="Thank you!",
        body="Hi both,\n\nThank you for the new schedule.\n\nAlice",
    )
    response = client_for(alice).post(COMPOSE, data)
    entry = Interaction.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/log/{entry.pk}/"
    assert entry.purposes == APPRECIATION
    assert entry.tone == Tone.POSITIVE
    assert entry.direction == Direction.SENT
    assert entry.channel == "email"
    assert set(entry.participants.all()) == {lee, park}
    assert entry.student == maya
    assert entry.author == alice
    assert entry.summary == "Thank you!\n\nHi both,\n\nThank you for the new schedule.\n\nAlice"
    assert abs(timezone.now() - entry.occurred_at) < datetime.timedelta(minutes=1)
    assert entry.revisions.count() == 1


@pytest.mark.parametrize("kind", [k.key for k in KINDS])
def test_each_kind_logs_its_own_purposes(alice: Any, lee: Any, kind: str) -> None:
    client_for(alice).post(COMPOSE, compose_data([lee], kind=kind))
    entry = Interaction.objects.get()
    kind_info = next(k for k in KINDS if k.key == kind)
    expected = 0
    for name in kind_info.purposes:
        expected |= int(Purpose[name.upper()])
    assert entry.purposes == expected


def test_logging_goes_back_to_a_safe_next(alice: Any, lee: Any) -> None:
    client = client_for(alice)
    ok = client.post(COMPOSE, compose_data([lee], next="/team/", form_token="a"))
    assert ok["Location"] == "/team/"
    evil = client.post(COMPOSE, compose_data([lee], next="https://evil.example/", form_token="b"))
    assert evil["Location"].startswith("/log/")


def test_the_same_draft_posted_twice_is_logged_once(alice: Any, lee: Any) -> None:
    client = client_for(alice)
    first = client.post(COMPOSE, compose_data([lee]))
    assert first.status_code == 302
    again = client.post(COMPOSE, compose_data([lee]), follow=True)
    assert Interaction.objects.count() == 1
    assert again.redirect_chain[0] == ("/", 302)
    assert "This message was already logged." in messages_of(again)
    # A new draft (a new token) is logged.
    client.post(COMPOSE, compose_data([lee], form_token="token-2"))
    assert Interaction.objects.count() == 2


def test_refill_starts_again_from_the_template(alice: Any, lee: Any, park: Any, maya: Any) -> None:
    data = compose_data(
        [lee, park],
        action="refill",
        kind="appreciation",
        language="es",
        student=maya.pk,
        subject="My own subject",
        body="My own words",
    )
    response = client_for(alice).post(COMPOSE, data)
    assert response.status_code == 200
    page = page_of(response)
    assert input_value(page, "subject") == "Gracias por su apoyo a Maya R."
    body = textarea(page)
    assert body.startswith("Hola, Mr. Park y Ms. Lee:")
    assert "My own words" not in body
    assert Interaction.objects.count() == 0


def test_refill_with_an_unknown_kind_keeps_the_text(alice: Any, lee: Any) -> None:
    data = compose_data([lee], action="refill", kind="nope", body="Keep me")
    response = client_for(alice).post(COMPOSE, data)
    assert response.status_code == 200
    assert textarea(page_of(response)) == "Keep me"


def test_refill_of_the_monthly_update_keeps_its_month(alice: Any, workspace: Any, lee: Any) -> None:
    make_entry(
        workspace,
        alice,
        [lee],
        occurred_at=timezone.make_aware(datetime.datetime(2026, 10, 14, 12)),
        purposes=VICTORY,
        summary="October victory.",
    )
    data = compose_data([lee], action="refill", kind="monthly_update", month="2026-10")
    page = page_of(client_for(alice).post(COMPOSE, data))
    assert "October victory." in textarea(page)
    assert input_value(page, "subject").endswith("October 2026")


def test_check_shows_the_tone_coach_on_the_body(alice: Any, lee: Any) -> None:
    data = compose_data([lee], action="check", body="You must fix this by Friday.")
    response = client_for(alice).post(COMPOSE, data)
    assert response.status_code == 200
    page = page_of(response)
    assert '<mark class="finding finding-demand">You must</mark>' in page
    assert textarea(page) == "You must fix this by Friday."
    assert Interaction.objects.count() == 0


def test_check_of_a_warm_draft_finds_nothing(alice: Any, lee: Any) -> None:
    data = compose_data([lee], action="check", body="Thank you so much for the lovely note.")
    page = page_of(client_for(alice).post(COMPOSE, data))
    assert "Nothing here reads as a demand" in page
    assert "<mark" not in page


def test_check_in_spanish_reads_the_draft_as_spanish(alice: Any, lee: Any) -> None:
    data = compose_data([lee], action="check", language="es", body="Usted debe llamarme hoy.")
    page = page_of(client_for(alice).post(COMPOSE, data))
    assert '<mark class="finding finding-demand">Usted debe</mark>' in page


@pytest.mark.parametrize(
    ("overrides", "field", "kept"),
    [
        ({"recipients": []}, "recipients", "body"),
        ({"body": ""}, "body", "subject"),
        ({"body": "   \n  "}, "body", "subject"),
        ({"body": "x" * 8001}, "body", "body"),
        ({"subject": "s" * 201}, "subject", "subject"),
        ({"subject": ""}, "subject", "body"),
        ({"kind": "nope"}, "kind", "body"),
        ({"language": "fr"}, "language", "body"),
        ({"student": "999999"}, "student", "body"),
    ],
    ids=[
        "no-recipients",
        "empty-body",
        "blank-body",
        "long-body",
        "long-subject",
        "no-subject",
        "bad-kind",
        "bad-language",
        "bad-student",
    ],
)
@pytest.mark.parametrize("action", ["log", "eml"])
def test_bad_input_is_refused_and_the_text_kept(
    alice: Any, lee: Any, overrides: dict[str, Any], field: str, kept: str, action: str
) -> None:
    data = compose_data([lee], action=action, **overrides)
    response = client_for(alice).post(COMPOSE, data)
    assert response.status_code == 400
    assert field_error(response, field)
    page = page_of(response)
    if kept == "body":
        assert textarea(page) == data["body"]
    else:
        assert input_value(page, "subject") == data["subject"]
    assert Interaction.objects.count() == 0


def test_a_too_long_body_is_kept_whole_on_the_page(alice: Any, lee: Any) -> None:
    body = "word " * 1700 + "THE END"
    response = client_for(alice).post(COMPOSE, compose_data([lee], body=body))
    assert response.status_code == 400
    assert textarea(page_of(response)) == body.strip()
    assert "8000" in field_error(response, "body")


def test_an_unknown_action_is_404(alice: Any, lee: Any) -> None:
    response = client_for(alice).post(COMPOSE, compose_data([lee], action="delete"))
    assert response.status_code == 404
    assert Interaction.objects.count() == 0


def test_no_action_means_check(alice: Any, lee: Any) -> None:
    data = compose_data([lee])
    del data["action"]
    response = client_for(alice).post(COMPOSE, data)
    assert response.status_code == 200
    assert Interaction.objects.count() == 0


def test_user_text_is_escaped_on_the_compose_page(alice: Any, workspace: Any) -> None:
    nasty = make_member(workspace, PAYLOAD, best_times=PAYLOAD, communication_style=PAYLOAD)
    response = client_for(alice).get(COMPOSE, {"member": nasty.pk})
    assert_escaped(response)
    page = page_of(response)
    assert "<script>x" not in page
    # The draft's greeting carries the name too, escaped inside the textarea.
    assert "Hi " + ESCAPED in page


def test_typed_text_is_escaped_when_the_page_comes_back(alice: Any, lee: Any) -> None:
    data = compose_data([lee], action="check", subject=PAYLOAD, body=PAYLOAD)
    response = client_for(alice).post(COMPOSE, data)
    assert_escaped(response)
    assert textarea(page_of(response)) == PAYLOAD


# --- Compose: sending ------------------------------------------------------------------


@pytest.fixture
def smtp_unset(settings: Any) -> None:
    settings.EMAIL_HOST = ""


def test_without_smtp_there_is_no_send_button(alice: Any, lee: Any, smtp_unset: None) -> None:
    page = page_of(client_for(alice).get(COMPOSE, {"member": lee.pk}))
    assert 'value="send"' not in page
    assert 'value="log"' in page


def test_without_smtp_send_is_refused_and_nothing_logged(
    alice: Any, lee: Any, smtp_unset: None
) -> None:
    response = client_for(alice).post(COMPOSE, compose_data([lee], action="send"))
    assert response.status_code == 400
    assert "Sending needs a mail server" in page_of(response)
    assert textarea(page_of(response)) == compose_data([lee])["body"]
    assert Interaction.objects.count() == 0


def test_with_smtp_the_send_button_shows_for_people_with_an_email(
    alice: Any, lee: Any, workspace: Any, smtp: Sink
) -> None:
    client = client_for(alice)
    assert 'value="send"' in page_of(client.get(COMPOSE, {"member": lee.pk}))
    nomail = make_member(workspace, "Ms. Nomail")
    assert 'value="send"' not in page_of(client.get(COMPOSE, {"member": nomail.pk}))


def test_send_delivers_one_message_and_logs_it(alice: Any, lee: Any, park: Any, smtp: Sink) -> None:
    subject = "Gracias, “Ñandú” & co 🎉"
    body = "Hola, Mr. Park y Ms. Lee:\r\n\r\nGracias por todo.\r\n\r\nAlice"
    response = client_for(alice).post(
        COMPOSE, compose_data([lee, park], action="send", subject=subject, body=body), follow=True
    )
    assert response.status_code == 200
    assert "Sent, and added to the log." in messages_of(response)
    assert len(smtp.received) == 1
    recipients, _raw = smtp.received[0]
    assert sorted(recipients) == ["lee@school.example", "park@school.example"]
    message = smtp.messages[0]
    assert message["Subject"].strip() == subject
    assert {a.addr_spec for a in message["To"].addresses} == {
        "lee@school.example",
        "park@school.example",
    }
    assert message["Reply-To"].addresses[0].addr_spec == "alice@example.com"
    assert message["X-Unsent"] is None
    assert message["From"].addresses[0].addr_spec == "allies@localhost"
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert text.replace("\r\n", "\n").strip() == body.replace("\r\n", "\n")
    entry = Interaction.objects.get()
    assert entry.summary == f"{subject}\n\n{body}"
    assert set(entry.participants.all()) == {lee, park}


def test_send_skips_recipients_without_an_email(
    alice: Any, lee: Any, workspace: Any, smtp: Sink
) -> None:
    nomail = make_member(workspace, "Ms. Nomail")
    response = client_for(alice).post(COMPOSE, compose_data([lee, nomail], action="send"))
    assert response.status_code == 302
    assert smtp.received[0][0] == ["lee@school.example"]
    assert set(Interaction.objects.get().participants.all()) == {lee, nomail}


def test_send_to_nobody_with_an_email_is_refused(alice: Any, workspace: Any, smtp: Sink) -> None:
    nomail = make_member(workspace, "Ms. Nomail")
    response = client_for(alice).post(COMPOSE, compose_data([nomail], action="send"))
    assert response.status_code == 400
    assert smtp.received == []
    assert Interaction.objects.count() == 0


def test_a_newline_in_a_sent_subject_adds_no_header(alice: Any, lee: Any, smtp: Sink) -> None:
    data = compose_data([lee], action="send", subject="Hi\r\nBcc: evil@attacker.example")
    assert client_for(alice).post(COMPOSE, data).status_code == 302
    assert smtp.received[0][0] == ["lee@school.example"]
    assert smtp.messages[0]["Bcc"] is None


def test_when_the_mail_server_fails_nothing_is_logged_and_the_draft_stays(
    alice: Any, lee: Any, no_smtp: None
) -> None:
    data = compose_data([lee], action="send", body="Please keep this draft.")
    response = client_for(alice).post(COMPOSE, data)
    assert response.status_code == 502
    page = page_of(response)
    assert "did not accept the message" in page
    assert textarea(page) == "Please keep this draft."
    assert input_value(page, "subject") == data["subject"]
    assert Interaction.objects.count() == 0


def test_after_the_mail_server_failed_the_same_draft_can_be_sent_again(
    alice: Any, lee: Any, settings: Any
) -> None:
    """The page that comes back carries the same form token, and it still works (the
    claim made before sending is not saved with a 5xx response)."""
    smtp_settings(settings, free_port())
    client = client_for(alice)
    failed = client.post(COMPOSE, compose_data([lee], action="send"))
    assert failed.status_code == 502
    token = re.search(r'name="form_token" value="([^"]*)"', page_of(failed))
    assert token and token.group(1) == "token-1"
    retry = client.post(COMPOSE, compose_data([lee], action="log", form_token=token.group(1)))
    assert retry.status_code == 302
    assert Interaction.objects.count() == 1


def test_after_a_refused_send_the_corrected_draft_can_be_sent(
    alice: Any, lee: Any, workspace: Any, smtp: Sink
) -> None:
    nomail = make_member(workspace, "Ms. Nomail")
    client = client_for(alice)
    refused = client.post(COMPOSE, compose_data([nomail], action="send"))
    assert refused.status_code == 400
    token = re.search(r'name="form_token" value="([^"]*)"', page_of(refused))
    assert token and token.group(1) == "token-1"
    # They tick Ms. Lee, who has an email, and press "Send and log it" again.
    retry = client.post(
        COMPOSE, compose_data([lee, nomail], action="send", form_token=token.group(1))
    )
    assert retry.status_code == 302
    assert retry["Location"].startswith("/log/"), "the draft was turned away"
    assert len(smtp.received) == 1
    assert Interaction.objects.count() == 1


# --- The tone coach ----------------------------------------------------------------------


def test_the_tone_coach_flags_a_demand(alice: Any, workspace: Any) -> None:
    response = client_for(alice).post("/toolkit/tone/", {"body": "You must call me today."})
    assert response.status_code == 200
    page = page_of(response)
    # The panel's content, swapped into the page's stable #tone-panel live region.
    assert "Tone coach" in page
    assert '<mark class="finding finding-demand">You must</mark>' in page
    assert "1 thing to look at again" in page


def test_the_tone_coach_reads_a_log_summary_too(alice: Any, workspace: Any) -> None:
    page = page_of(client_for(alice).post("/toolkit/tone/", {"summary": "You must call."}))
    assert "finding-demand" in page


def test_the_tone_coach_in_spanish(alice: Any, workspace: Any) -> None:
    data = {"body": "Usted debe llamarme hoy.", "language": "es"}
    page = page_of(client_for(alice).post("/toolkit/tone/", data))
    assert '<mark class="finding finding-demand">Usted debe</mark>' in page


def test_the_tone_coach_defaults_to_the_user_s_language(alice: Any, workspace: Any) -> None:
    data = {"body": "Usted debe llamarme hoy.", "language": "xx"}
    page = page_of(client_for(spanish(alice)).post("/toolkit/tone/", data))
    assert "finding-demand" in page


@pytest.mark.parametrize("text", ["Thank you so much for the lovely note.", "", "   "])
def test_the_tone_coach_finds_nothing_in_a_warm_or_empty_text(
    alice: Any, workspace: Any, text: str
) -> None:
    page = page_of(client_for(alice).post("/toolkit/tone/", {"body": text}))
    assert "<mark" not in page
    assert "Nothing here reads as a demand" in page


def test_the_tone_coach_copes_with_a_very_long_text(alice: Any, workspace: Any) -> None:
    text = "Thank you for the help. " * 600 + "You must call me. " * 100
    assert len(text) > 10_000
    response = client_for(alice).post("/toolkit/tone/", {"body": text})
    assert response.status_code == 200
    assert len(page_of(response)) < 40_000


def test_the_tone_coach_escapes_the_text(alice: Any, workspace: Any) -> None:
    response = client_for(alice).post("/toolkit/tone/", {"body": "You must " + PAYLOAD})
    page = page_of(response)
    assert PAYLOAD not in page
    assert "&lt;script&gt;" in page


# --- Templates ---------------------------------------------------------------------------

OURS = {
    "subject": "A quick thank-you about {student}",
    "body": "Dear {recipients},\n\nThanks from our side for {student}.\n\n{my_name}",
}


def test_a_saved_template_is_used_by_the_next_draft(alice: Any, lee: Any, maya: Any) -> None:
    client = client_for(alice)
    response = client.post("/toolkit/templates/appreciation/en/", OURS, follow=True)
    assert response.redirect_chain == [("/toolkit/templates/", 302)]
    assert "Saved. New drafts use your wording." in messages_of(response)
    saved = MessageTemplate.objects.get()
    assert (saved.kind, saved.language, saved.updated_by) == ("appreciation", "en", alice)
    draft = client.get(COMPOSE, {"kind": "appreciation", "member": lee.pk}).context["form"]
    assert draft.initial["subject"] == "A quick thank-you about Maya R."
    assert draft.initial["body"] == "Dear Ms. Lee,\n\nThanks from our side for Maya R.\n\nAlice"
    # Only English changed: the Spanish draft is still ours.
    es = client.get(COMPOSE, {"kind": "appreciation", "member": lee.pk, "language": "es"})
    assert es.context["form"].initial["subject"] == "Gracias por su apoyo a Maya R."


def test_the_template_list_marks_the_customised_ones(alice: Any, workspace: Any) -> None:
    client = client_for(alice)
    client.post("/toolkit/templates/appreciation/en/", OURS)
    page = page_of(client.get("/toolkit/templates/"))
    assert page.count("(yours)") == 1
    assert page.count("(default)") == len(KINDS) * 2 - 1
    for kind in KINDS:
        for language in ("en", "es"):
            assert f'href="/toolkit/templates/{kind.key}/{language}/"' in page


def test_viewers_see_the_template_list_without_edit_links(vera: Any) -> None:
    page = page_of(client_for(vera).get("/toolkit/templates/"))
    assert "/toolkit/templates/appreciation/en/" not in page


def test_the_edit_form_starts_from_the_current_wording(alice: Any, workspace: Any) -> None:
    client = client_for(alice)
    page = page_of(client.get("/toolkit/templates/check_in/es/"))
    assert input_value(page, "subject") == default_template("check_in", "es")["subject"]
    assert textarea(page) == default_template("check_in", "es")["body"]
    assert "Reset to the default wording" not in page
    client.post("/toolkit/templates/check_in/es/", OURS)
    page = page_of(client.get("/toolkit/templates/check_in/es/"))
    assert input_value(page, "subject") == OURS["subject"]
    assert "Reset to the default wording" in page


@pytest.mark.parametrize("field", ["subject", "body"])
def test_an_unknown_placeholder_is_refused_by_name(alice: Any, workspace: Any, field: str) -> None:
    data = {**OURS, field: OURS[field] + " {studnet}"}
    response = client_for(alice).post("/toolkit/templates/appreciation/en/", data)
    assert response.status_code == 400
    error = field_error(response, field)
    assert "{studnet}" in error
    assert "{student}" in error  # and it says what it can fill in
    page = page_of(response)
    kept = input_value(page, "subject") if field == "subject" else textarea(page)
    assert kept == data[field]
    assert not MessageTemplate.objects.exists()


def test_a_template_saved_by_someone_else_meanwhile_is_kept(alice: Any, workspace: Any) -> None:
    """Two people open the same default template; the second save must not fail with a
    500 on the unique constraint, and must not overwrite the first."""
    theirs = MessageTemplate.objects.create(
        workspace=workspace, kind="appreciation", language="en", subject="Erin's", body="E."
    )
    # Alice's request still sees no row for this template, as it did when she opened it.
    with mock.patch("django.db.models.query.QuerySet.first", return_value=None):
        response = client_for(alice).post("/toolkit/templates/appreciation/en/", OURS)
    assert response.status_code == 400
    assert "Someone else saved this template just now." in page_of(response)
    assert input_value(page_of(response), "subject") == OURS["subject"]
    assert list(MessageTemplate.objects.values_list("pk", "subject")) == [(theirs.pk, "Erin's")]


@pytest.mark.parametrize(
    ("field", "value"),
    [("subject", "s" * 201), ("body", "b" * 8001), ("subject", ""), ("body", "")],
)
def test_a_template_too_long_or_empty_is_refused(
    alice: Any, workspace: Any, field: str, value: str
) -> None:
    response = client_for(alice).post("/toolkit/templates/appreciation/en/", {**OURS, field: value})
    assert response.status_code == 400
    assert field_error(response, field)
    assert not MessageTemplate.objects.exists()


def test_reset_goes_back_to_the_default(alice: Any, workspace: Any, lee: Any) -> None:
    client = client_for(alice)
    client.post("/toolkit/templates/appreciation/en/", OURS)
    response = client.post("/toolkit/templates/appreciation/en/reset/", follow=True)
    assert response.redirect_chain == [("/toolkit/templates/", 302)]
    assert "Back to the default wording." in messages_of(response)
    assert not MessageTemplate.objects.exists()
    draft = client.get(COMPOSE, {"kind": "appreciation", "member": lee.pk}).context["form"]
    assert draft.initial["subject"] == "Thank you for your support of our child"
    # Resetting a template that is not customised is harmless.
    again = client.post("/toolkit/templates/appreciation/en/reset/")
    assert again.status_code == 302


def test_another_workspace_s_templates_are_its_own(
    alice: Any, oscar: Any, oscars: dict[str, Any], lee: Any
) -> None:
    client_for(oscar).post(
        "/toolkit/templates/appreciation/en/", {"subject": "Oscar's {student}", "body": "Yo."}
    )
    client = client_for(alice)
    client.post("/toolkit/templates/appreciation/en/", OURS)
    client.post("/toolkit/templates/appreciation/en/reset/")
    assert MessageTemplate.objects.get().workspace == oscars["workspace"]
    mine = client.get(COMPOSE, {"kind": "appreciation", "member": lee.pk}).context["form"]
    assert mine.initial["subject"] == "Thank you for your support of our child"
    theirs = client_for(oscar).get(COMPOSE, {"kind": "appreciation"}).context["form"]
    assert theirs.initial["subject"] == "Oscar's Otto"


@pytest.mark.parametrize(
    "url",
    [
        "/toolkit/templates/nope/en/",
        "/toolkit/templates/appreciation/fr/",
        "/toolkit/templates/appreciation/EN/",
        "/toolkit/templates/nope/en/reset/",
        "/toolkit/templates/appreciation/xx/reset/",
    ],
)
def test_an_unknown_kind_or_language_is_404(alice: Any, workspace: Any, url: str) -> None:
    client = client_for(alice)
    if not url.endswith("reset/"):
        assert client.get(url).status_code == 404
    assert client.post(url, OURS).status_code == 404
    assert not MessageTemplate.objects.exists()


def test_a_template_s_user_text_is_escaped(alice: Any, lee: Any) -> None:
    client = client_for(alice)
    data = {"subject": PAYLOAD, "body": PAYLOAD}
    assert client.post("/toolkit/templates/appreciation/en/", data).status_code == 302
    assert_escaped(client.get("/toolkit/templates/appreciation/en/"))
    assert_escaped(client.get(COMPOSE, {"kind": "appreciation", "member": lee.pk}))


# --- The monthly update ------------------------------------------------------------------


def test_the_monthly_update_drafts_that_month_from_the_log(
    alice: Any, workspace: Any, lee: Any
) -> None:
    for day, summary in ((14, "October victory one."), (20, "October victory two.")):
        make_entry(
            workspace,
            alice,
            [lee],
            occurred_at=timezone.make_aware(datetime.datetime(2026, 10, day, 12)),
            purposes=VICTORY,
            summary=summary,
        )
    make_entry(
        workspace,
        alice,
        [lee],
        occurred_at=timezone.make_aware(datetime.datetime(2026, 9, 14, 12)),
        purposes=VICTORY,
        summary="September victory.",
    )
    client = client_for(alice)
    response = client.get("/toolkit/monthly/", {"month": "2026-10", "member": lee.pk})
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert target.path == COMPOSE
    query = parse_qs(target.query)
    assert query["kind"] == ["monthly_update"]
    assert query["month"] == ["2026-10"]
    assert query["member"] == [str(lee.pk)]
    page = page_of(client.get(response["Location"]))
    body = textarea(page)
    assert "October victory one." in body and "October victory two." in body
    assert "September victory." not in body
    assert 'name="month" value="2026-10"' in page


@pytest.mark.parametrize("month", ["", "junk", "2026-13", "1999-01", "2026-1"])
def test_a_junk_month_means_this_month(alice: Any, workspace: Any, month: str) -> None:
    response = client_for(alice).get("/toolkit/monthly/", {"month": month})
    query = parse_qs(urlsplit(response["Location"]).query)
    assert query["month"] == [timezone.localdate().strftime("%Y-%m")]
    assert query["kind"] == ["monthly_update"]


def test_the_monthly_update_with_no_month_at_all(alice: Any, workspace: Any) -> None:
    response = client_for(alice).get("/toolkit/monthly/")
    query = parse_qs(urlsplit(response["Location"]).query)
    assert query["month"] == [timezone.localdate().strftime("%Y-%m")]


def test_the_hub_links_the_month_on_offer(alice: Any, workspace: Any) -> None:
    page = page_of(client_for(alice).get("/toolkit/"))
    offer = update_month_offer(timezone.localdate()) or timezone.localdate().replace(day=1)
    assert f'href="/toolkit/monthly/?month={offer:%Y-%m}"' in page
    for kind in KINDS:
        assert f'href="/toolkit/compose/?kind={kind.key}"' in page


def test_viewers_see_the_hub_without_writing_links(vera: Any) -> None:
    page = page_of(client_for(vera).get("/toolkit/"))
    assert "/toolkit/compose/" not in page
    assert "/toolkit/monthly/" not in page
    assert "/toolkit/questions/" in page and "/guide/" in page


# --- The question bank -------------------------------------------------------------------


def bank_count(response: Any) -> int:
    found = re.search(r"<h2>(\d+) questions?</h2>", page_of(response))
    assert found, "no question count"
    return int(found.group(1))


def bank_keys(response: Any) -> list[str]:
    return [q["key"] for q in response.context["bank"]]


def test_the_bank_shows_every_question(alice: Any, workspace: Any) -> None:
    response = client_for(alice).get("/toolkit/questions/")
    assert len(QUESTIONS) >= 60
    assert bank_count(response) == len(QUESTIONS)
    page = page_of(response)
    for question in QUESTIONS:
        assert html.escape(question.en, quote=False) in page or question.en in html.unescape(page)


def test_a_spanish_user_sees_the_bank_in_spanish(alice: Any, workspace: Any) -> None:
    page = html.unescape(page_of(client_for(spanish(alice)).get("/toolkit/questions/")))
    assert QUESTIONS[0].es in page
    assert QUESTIONS[0].en not in page


@pytest.mark.parametrize("q", ["teacher", "TEACHER", "  Teacher  "])
def test_search_narrows_by_word_ignoring_case(alice: Any, workspace: Any, q: str) -> None:
    response = client_for(alice).get("/toolkit/questions/", {"q": q})
    expected = [x.key for x in QUESTIONS if "teacher" in x.en.casefold()]
    assert 0 < len(expected) < len(QUESTIONS)
    assert bank_keys(response) == expected


def test_search_needs_every_word(alice: Any, workspace: Any) -> None:
    response = client_for(alice).get("/toolkit/questions/", {"q": "my child"})
    expected = [x.key for x in QUESTIONS if "my" in x.en.lower() and "child" in x.en.lower()]
    assert bank_keys(response) == expected


def test_search_in_spanish_finds_accented_words(alice: Any, workspace: Any) -> None:
    client = client_for(spanish(alice))
    response = client.get("/toolkit/questions/", {"q": "QUÉ"})
    expected = [x.key for x in QUESTIONS if "qué" in x.es.casefold()]
    assert expected and bank_keys(response) == expected


def test_a_search_that_finds_nothing_says_so(alice: Any, workspace: Any) -> None:
    response = client_for(alice).get("/toolkit/questions/", {"q": "zzzqqq"})
    assert bank_keys(response) == []
    assert "No question matches" in page_of(response)


def test_a_too_long_search_is_ignored_not_an_error(alice: Any, workspace: Any) -> None:
    response = client_for(alice).get("/toolkit/questions/", {"q": "x" * 500})
    assert response.status_code == 200


@pytest.mark.parametrize("category", [c.key for c in CATEGORIES])
def test_the_category_filter(alice: Any, workspace: Any, category: str) -> None:
    response = client_for(alice).get("/toolkit/questions/", {"category": category})
    assert bank_keys(response) == [q.key for q in QUESTIONS if q.category == category]


def test_an_unknown_category_shows_everything(alice: Any, workspace: Any) -> None:
    response = client_for(alice).get("/toolkit/questions/", {"category": "nope"})
    assert response.status_code == 200
    assert len(bank_keys(response)) == len(QUESTIONS)


def test_starring_a_bank_question_toggles(alice: Any, workspace: Any) -> None:
    client = client_for(alice)
    response = client.post("/toolkit/questions/favourite/", {"key": BANK.key})
    assert response["Location"] == "/toolkit/questions/"
    assert FavouriteQuestion.objects.filter(workspace=workspace, key=BANK.key).exists()
    starred = client.get("/toolkit/questions/", {"favourites": "1"})
    assert bank_keys(starred) == [BANK.key]
    client.post("/toolkit/questions/favourite/", {"key": BANK.key})
    assert not FavouriteQuestion.objects.exists()
    assert bank_keys(client.get("/toolkit/questions/", {"favourites": "1"})) == []


def test_starring_goes_back_to_the_filtered_list(alice: Any, workspace: Any) -> None:
    response = client_for(alice).post(
        "/toolkit/questions/favourite/",
        {"key": BANK.key, "next": "/toolkit/questions/?q=teacher"},
    )
    assert response["Location"] == "/toolkit/questions/?q=teacher"


def test_starring_an_own_question_toggles(alice: Any, own_question: Any) -> None:
    client = client_for(alice)
    client.post("/toolkit/questions/favourite/", {"own": own_question.pk})
    own_question.refresh_from_db()
    assert own_question.favourite
    page = page_of(client.get("/toolkit/questions/", {"favourites": "1"}))
    assert "Who takes notes at meetings?" in page
    client.post("/toolkit/questions/favourite/", {"own": own_question.pk})
    own_question.refresh_from_db()
    assert not own_question.favourite
    page = page_of(client.get("/toolkit/questions/", {"favourites": "1"}))
    assert "Who takes notes at meetings?" not in page


def test_own_questions_follow_the_search_and_category(alice: Any, own_question: Any) -> None:
    client = client_for(alice)
    assert "Who takes notes" in page_of(client.get("/toolkit/questions/", {"q": "NOTES"}))
    assert "Who takes notes" not in page_of(client.get("/toolkit/questions/", {"q": "recess"}))
    assert "Who takes notes" in page_of(client.get("/toolkit/questions/", {"category": "meetings"}))
    assert "Who takes notes" not in page_of(client.get("/toolkit/questions/", {"category": "know"}))


def test_own_questions_are_searched_ignoring_case_beyond_ascii(alice: Any, workspace: Any) -> None:
    CustomQuestion.objects.create(
        workspace=workspace, category="know", text="¿Qué Área de lectura le cuesta más?"
    )
    page = page_of(client_for(alice).get("/toolkit/questions/", {"q": "área"}))
    assert "Área de lectura" in html.unescape(page)


def test_another_workspace_s_own_questions_are_not_shown(
    alice: Any, own_question: Any, oscars: dict[str, Any]
) -> None:
    page = page_of(client_for(alice).get("/toolkit/questions/"))
    assert "Who takes notes at meetings?" in page
    assert "Oscar" not in html.unescape(page)


def test_adding_an_own_question(alice: Any, workspace: Any) -> None:
    client = client_for(alice)
    # The add form's fields carry a prefix: the search form beside it has a category too.
    data = {
        "add-category": "progress",
        "add-text": "How will we know it is working?",
        "add-form_token": "q1",
    }
    response = client.post("/toolkit/questions/add/", data, follow=True)
    assert response.redirect_chain == [("/toolkit/questions/", 302)]
    assert "Your question is in the bank." in messages_of(response)
    added = CustomQuestion.objects.get()
    assert (added.workspace, added.category, added.created_by) == (workspace, "progress", alice)
    assert "How will we know it is working?" in page_of(response)
    # The same form sent twice adds it once.
    client.post("/toolkit/questions/add/", data)
    assert CustomQuestion.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"category": "know", "text": ""}, "text"),
        ({"category": "know", "text": "   "}, "text"),
        ({"category": "know", "text": "Why? " * 101}, "text"),
        ({"category": "nope", "text": "A fine question?"}, "category"),
    ],
    ids=["empty", "blank", "too-long", "bad-category"],
)
def test_a_bad_own_question_is_refused_and_kept(
    alice: Any, workspace: Any, data: dict[str, str], field: str
) -> None:
    posted = {f"add-{key}": value for key, value in data.items()}
    response = client_for(alice).post("/toolkit/questions/add/", posted)
    assert response.status_code == 400
    assert field_error(response, f"add-{field}")
    if data["text"].strip():
        assert textarea(page_of(response), "add-text") == data["text"]
    assert not CustomQuestion.objects.exists()
    # The bank is still there around the form.
    assert bank_count(response) == len(QUESTIONS)


def test_own_questions_are_escaped(alice: Any, workspace: Any, maya: Any) -> None:
    question = CustomQuestion.objects.create(workspace=workspace, category="know", text=PAYLOAD)
    client = client_for(alice)
    assert_escaped(client.get("/toolkit/questions/"))
    client.post("/toolkit/questions/meeting/", {"own": question.pk, "student": maya.pk})
    assert_escaped(client.get(f"/students/{maya.pk}/meeting-questions/"))


def test_picking_questions_for_the_next_meeting(alice: Any, maya: Any, own_question: Any) -> None:
    client = client_for(alice)
    bank = client.post(
        "/toolkit/questions/meeting/", {"key": BANK.key, "student": maya.pk}, follow=True
    )
    assert bank.redirect_chain == [("/toolkit/questions/", 302)]
    assert "Added to the questions for Maya R.'s next meeting." in messages_of(bank)
    own = client.post("/toolkit/questions/meeting/", {"own": own_question.pk, "student": maya.pk})
    assert own.status_code == 302
    rows = list(MeetingQuestion.objects.filter(student=maya))
    assert [(r.key, r.custom) for r in rows] == [(BANK.key, None), ("", own_question)]
    assert all(r.added_by == alice for r in rows)
    page = html.unescape(page_of(client.get(f"/students/{maya.pk}/meeting-questions/")))
    assert page.index(BANK.en) < page.index("Who takes notes at meetings?")


@pytest.mark.parametrize("which", ["key", "own"])
def test_picking_a_question_twice_is_a_message_not_an_error(
    alice: Any, maya: Any, own_question: Any, which: str
) -> None:
    client = client_for(alice)
    data = {which: BANK.key if which == "key" else own_question.pk, "student": maya.pk}
    client.post("/toolkit/questions/meeting/", data)
    again = client.post("/toolkit/questions/meeting/", data, follow=True)
    assert again.status_code == 200
    assert "That question is already on the list for the next meeting." in messages_of(again)
    assert MeetingQuestion.objects.count() == 1


def test_the_meeting_list_follows_the_reader_s_language(
    alice: Any, erin: Any, maya: Any, own_question: Any
) -> None:
    MeetingQuestion.objects.create(student=maya, key=BANK.key, added_by=alice)
    MeetingQuestion.objects.create(student=maya, custom=own_question, added_by=alice)
    english = html.unescape(
        page_of(client_for(alice).get(f"/students/{maya.pk}/meeting-questions/"))
    )
    assert BANK.en in english and BANK.es not in english
    es = html.unescape(
        page_of(client_for(spanish(erin)).get(f"/students/{maya.pk}/meeting-questions/"))
    )
    assert BANK.es in es and BANK.en not in es
    # Our own question is kept in the words it was written in.
    assert "Who takes notes at meetings?" in english and "Who takes notes at meetings?" in es


def test_a_question_no_longer_in_the_bank_is_skipped(alice: Any, maya: Any) -> None:
    MeetingQuestion.objects.create(student=maya, key="gone-99", added_by=alice)
    response = client_for(alice).get(f"/students/{maya.pk}/meeting-questions/")
    assert response.status_code == 200
    assert "No questions picked yet." in page_of(response)


def test_removing_a_picked_question(alice: Any, maya: Any, picked: Any) -> None:
    client = client_for(alice)
    response = client.post(f"/toolkit/meeting-questions/{picked.pk}/remove/", follow=True)
    assert response.redirect_chain == [(f"/students/{maya.pk}/meeting-questions/", 302)]
    assert "Removed from the list." in messages_of(response)
    assert not MeetingQuestion.objects.exists()
    assert "No questions picked yet." in page_of(response)
    assert client.post(f"/toolkit/meeting-questions/{picked.pk}/remove/").status_code == 404


def test_viewers_see_the_meeting_list_without_remove_buttons(
    vera: Any, maya: Any, picked: Any
) -> None:
    page = page_of(client_for(vera).get(f"/students/{maya.pk}/meeting-questions/"))
    assert html.escape(BANK.en, quote=False) in page or BANK.en in html.unescape(page)
    assert "/remove/" not in page


def test_viewers_see_the_bank_without_buttons(vera: Any, maya: Any, own_question: Any) -> None:
    page = page_of(client_for(vera).get("/toolkit/questions/"))
    assert "Who takes notes at meetings?" in page
    for action in ("/toolkit/questions/favourite/", "/toolkit/questions/meeting/", "/add/"):
        assert action not in page


# --- The guide ---------------------------------------------------------------------------


def test_the_guide_lists_its_seven_pages(alice: Any, workspace: Any) -> None:
    page = page_of(client_for(alice).get("/guide/"))
    links = re.findall(r'<a href="/guide/([a-z-]+)/">', page)
    assert links == [p.slug for p in PAGES]
    assert len(links) == 7


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("slug", [p.slug for p in PAGES])
def test_each_guide_page_in_each_language(
    alice: Any, workspace: Any, slug: str, language: str
) -> None:
    alice.language = language
    alice.save(update_fields=["language"])
    response = client_for(alice).get(f"/guide/{slug}/")
    assert response.status_code == 200
    page = html.unescape(page_of(response))
    guide = next(p for p in PAGES if p.slug == slug)
    assert f"<h1>{guide.title(language)}</h1>" in page
    other = "en" if language == "es" else "es"
    assert guide.title(other) not in page
    # The page includes its body in the user's language (toolkit/content/<language>/guide/).
    assert response.context["template_name"].source == guide.body(language)
    # The button opens the draft the page suggests.
    assert (
        f'href="/toolkit/compose/?kind={guide.action_kind}">{guide.action_label(language)}</a>'
        in page
    )


def test_the_spanish_guide_page_has_the_spanish_body(alice: Any, workspace: Any) -> None:
    en = page_of(client_for(alice).get("/guide/lead-with-appreciation/"))
    es = page_of(client_for(spanish(alice)).get("/guide/lead-with-appreciation/"))
    assert "<h2>Why it works</h2>" in en and "<h2>Por qué funciona</h2>" not in en
    assert "<h2>Por qué funciona</h2>" in es and "<h2>Why it works</h2>" not in es


def test_viewers_read_the_guide_without_the_write_button(vera: Any) -> None:
    page = page_of(client_for(vera).get("/guide/lead-with-appreciation/"))
    assert "/toolkit/compose/" not in page


@pytest.mark.parametrize("slug", ["nope", "LEAD-WITH-APPRECIATION", "lead-with-appreciation-x"])
def test_an_unknown_guide_page_is_404(alice: Any, workspace: Any, slug: str) -> None:
    assert client_for(alice).get(f"/guide/{slug}/").status_code == 404


# --- Home --------------------------------------------------------------------------------


def test_home_offers_the_monthly_update_only_in_its_window(alice: Any, vera: Any, lee: Any) -> None:
    offer = update_month_offer(timezone.localdate())
    if offer is not None:  # something to report that month
        make_entry(lee.workspace, alice, [lee], occurred_at=timezone.now().replace(day=1, hour=12))
    page = page_of(client_for(alice).get("/"))
    if offer is None:
        assert "Time for the monthly update" not in page
        assert "/toolkit/monthly/" not in page
    else:
        assert "Time for the monthly update" in page
        assert f'href="/toolkit/monthly/?month={offer:%Y-%m}"' in page
    # Viewers cannot write it, so it is never offered to them.
    assert "/toolkit/monthly/" not in page_of(client_for(vera).get("/"))


def test_home_offers_no_monthly_update_without_a_team(alice: Any, workspace: Any) -> None:
    assert "/toolkit/monthly/" not in page_of(client_for(alice).get("/"))


def test_the_focus_card_links_the_guide_and_a_draft(alice: Any, workspace: Any) -> None:
    chet = make_member(workspace, "Mr. Chet", cadence_days=14)
    TeamMember.objects.filter(pk=chet.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=30)
    )
    page = page_of(client_for(alice).get("/"))
    card = page[page.index('id="weekly-focus"') :]
    card = card[: card.index("</section>")]
    assert "Mr. Chet" in card
    assert '<a href="/guide/regular-positive-communication/">Why this helps</a>' in card
    link = re.search(
        r'<a role="button" class="secondary" href="([^"]*)">Write the message</a>', card
    )
    assert link
    target = urlsplit(html.unescape(link.group(1)))
    assert target.path == COMPOSE
    assert parse_qs(target.query) == {"kind": ["check_in"], "member": [str(chet.pk)]}
    # And the link opens that draft.
    draft = client_for(alice).get(html.unescape(link.group(1))).context["form"]
    assert draft.initial["kind"] == "check_in"
    assert draft.initial["recipients"] == [chet.pk]


# --- Query counts ------------------------------------------------------------------------


def test_compose_runs_the_same_queries_for_2_or_40_people(
    alice: Any, workspace: Any, maya: Any
) -> None:
    client = client_for(alice)
    people = [make_member(workspace, f"Person {i:02d}", email=f"p{i}@x.example") for i in range(2)]

    def url() -> str:
        ids = "&".join(f"member={m.pk}" for m in TeamMember.objects.filter(workspace=workspace))
        return f"{COMPOSE}?kind=monthly_update&{ids}"

    small = queries_for(client, url())
    people += [make_member(workspace, f"Person {i:02d}") for i in range(2, 40)]
    large = queries_for(client, url())
    assert_same_queries("The compose page", small, large)


def test_the_question_bank_runs_the_same_queries_for_1_or_30_own_questions(
    alice: Any, workspace: Any, maya: Any
) -> None:
    """1, not 0: with none, the paginator counts them and rightly skips fetching the page."""
    client = client_for(alice)
    CustomQuestion.objects.create(workspace=workspace, category="know", text="Q?")
    small = queries_for(client, "/toolkit/questions/")
    CustomQuestion.objects.bulk_create(
        CustomQuestion(workspace=workspace, category="know", text=f"Q{i}?", favourite=i % 2 == 0)
        for i in range(29)
    )
    for question in QUESTIONS[:10]:
        FavouriteQuestion.objects.create(workspace=workspace, key=question.key)
    large = queries_for(client, "/toolkit/questions/")
    assert_same_queries("The question bank", small, large)
    assert_same_queries(
        "The filtered question bank",
        queries_for(client, "/toolkit/questions/?favourites=1&q=q"),
        queries_for(client, "/toolkit/questions/?favourites=1&q=q&page=2"),
    )


def test_the_template_list_runs_the_same_queries_with_or_without_own_templates(
    alice: Any, workspace: Any
) -> None:
    client = client_for(alice)
    for i in range(2):
        make_member(workspace, f"Person {i}")
    small = queries_for(client, "/toolkit/templates/")
    for i in range(2, 40):
        make_member(workspace, f"Person {i}")
    for kind in KINDS:
        for language in ("en", "es"):
            MessageTemplate.objects.create(
                workspace=workspace, kind=kind.key, language=language, subject="S", body="B"
            )
    large = queries_for(client, "/toolkit/templates/")
    assert_same_queries("The template list", small, large)


def test_the_meeting_list_runs_the_same_queries_for_1_or_30_questions(
    alice: Any, workspace: Any, maya: Any
) -> None:
    client = client_for(alice)
    url = f"/students/{maya.pk}/meeting-questions/"
    MeetingQuestion.objects.create(student=maya, key=QUESTIONS[0].key)
    small = queries_for(client, url)
    for i in range(1, 15):
        MeetingQuestion.objects.create(student=maya, key=QUESTIONS[i].key)
    for i in range(15):
        own = CustomQuestion.objects.create(workspace=workspace, category="know", text=f"Q{i}")
        MeetingQuestion.objects.create(student=maya, custom=own)
    large = queries_for(client, url)
    assert_same_queries("The meeting questions", small, large)


# --- Unfilled cues ---------------------------------------------------------------------


@pytest.mark.parametrize("action", ["log", "send"])
def test_a_draft_with_cues_left_asks_before_it_is_logged(
    alice: Any, workspace: Any, lee: Any, action: str
) -> None:
    # The log keeps every word, so "[what you noticed]" is not recorded without a word.
    body = "Hi Ms. Lee,\n\nI noticed [what you noticed].\n\nAlice"
    client = client_for(alice)
    response = client.post(COMPOSE, compose_data([lee], action=action, body=body))
    assert response.status_code == 400
    page = page_of(response)
    assert "Some [bracketed] parts are still to fill in." in html.unescape(page)
    assert "[what you noticed]" in html.unescape(page)  # kept, and listed
    expected = "log_as_is" if action == "log" else "send_as_is"
    assert f'value="{expected}"' in page
    assert not Interaction.objects.exists()
    if action == "log":
        done = client.post(COMPOSE, compose_data([lee], action="log_as_is", body=body))
        assert done.status_code == 302
        assert Interaction.objects.get().summary.endswith("I noticed [what you noticed].\n\nAlice")


def test_the_tone_panel_lists_the_cues_still_to_fill_in(alice: Any, workspace: Any) -> None:
    page = page_of(client_for(alice).post("/toolkit/tone/", {"body": "Hi [name], thanks."}))
    assert "Still to fill in:" in page and "[name]" in page
    # A log summary is not a draft: no cue list there.
    page = page_of(client_for(alice).post("/toolkit/tone/", {"summary": "Asked [about] it."}))
    assert "Still to fill in:" not in page


def test_the_recipients_are_para_in_spanish_not_the_date_filter_s_hasta(
    alice: Any, workspace: Any, lee: Any
) -> None:
    page = page_of(client_for(spanish(alice)).get(f"{COMPOSE}?kind=appreciation&member={lee.pk}"))
    assert "<legend>Para</legend>" in page
    assert "<legend>Hasta</legend>" not in page
