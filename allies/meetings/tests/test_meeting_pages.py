"""The meeting pages: who may do what, what they show, at what cost, and bad input."""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

import pytest
from django.utils import timezone

from allies.core.forms import MAX_ID
from allies.meetings import services
from allies.meetings.models import (
    ActionItem,
    AgendaItem,
    ChecklistItem,
    Decision,
    Meeting,
    Phase,
)
from allies.questions.bank import QUESTIONS
from allies.questions.models import CustomQuestion, MeetingQuestion
from tests.support import (
    OWN_READ,
    OWN_WRITE_FORM,
    PAYLOAD,
    POST_ONLY,
    READ,
    ROLES,
    WRITE,
    WRITE_FORM,
    assert_escaped,
    assert_outcome,
    assert_same_queries,
    client_for,
    field_error,
    make_meeting,
    make_member,
    make_student,
    make_workspace,
    messages_of,
    page_of,
    queries_for,
    textarea,
)

PAST_64_BITS = "99999999999999999999"


@pytest.fixture
def world(workspace: Any, alice: Any) -> dict[str, Any]:
    sam = make_student(workspace, "Sam")
    lee = make_member(workspace, "Ms. Lee")
    park = make_member(workspace, "Mr. Park", role="speech")
    meeting = services.meeting_plan(
        workspace=workspace,
        author=alice,
        starts_at=timezone.now() + datetime.timedelta(days=7),
        student=sam,
        attendees=[lee, park],
        place="Room 12",
    )
    point = services.agenda_item_add(meeting=meeting, text="Reading plan")
    return {"sam": sam, "lee": lee, "park": park, "meeting": meeting, "point": point}


@pytest.fixture
def other(oscar: Any) -> dict[str, Any]:
    """Another family's things, for ids that must not be accepted here."""
    workspace = oscar.memberships.get().workspace
    concern = services.concern_raise(workspace=workspace, author=oscar, title="Theirs")
    return {
        "member": make_member(workspace, "Mr. Other"),
        "student": make_student(workspace, "Other kid"),
        "concern": concern,
        "insight": services.insight_record(workspace=workspace, author=oscar, observed="Theirs"),
    }


def local_input(when: datetime.datetime) -> str:
    return timezone.localtime(when).strftime("%Y-%m-%dT%H:%M")


def plan_data(world: dict[str, Any], **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": "progress",
        "student": world["sam"].pk,
        "starts_at": local_input(timezone.now() + datetime.timedelta(days=3)),
        "duration_minutes": "45",
        "place": "Library",
        "video_url": "",
        "attendees": [world["park"].pk, world["lee"].pk],
        "form_token": "plan-1",
    }
    data.update(extra)
    return data


def step_of(meeting: Meeting) -> ChecklistItem:
    return meeting.checklist.order_by("phase", "position", "pk").first()  # type: ignore[return-value]


# ---------------------------------------------------------------------------- permissions


def _m(world: dict[str, Any]) -> int:
    return int(world["meeting"].pk)


READS = [
    ("/meetings/{m}/", READ),
    ("/meetings/{m}/meeting.ics", READ),
    ("/meetings/{m}/edit/", WRITE_FORM),
    ("/meetings/{m}/steps/{s}/edit/", WRITE_FORM),
    ("/meetings/", OWN_READ),
    ("/meetings/new/", OWN_WRITE_FORM),
]


@pytest.mark.parametrize(("path", "table"), READS)
@pytest.mark.parametrize("role", ROLES)
def test_each_meeting_page_opens_for_whom_it_should(
    personas: dict[str, Any], world: dict[str, Any], path: str, table: dict[str, Any], role: str
) -> None:
    url = path.format(m=_m(world), s=step_of(world["meeting"]).pk)
    response = client_for(personas[role]).get(url)
    assert_outcome(response, table[role])
    if role == "outsider" and table is OWN_READ:
        assert "Room 12" not in page_of(response)


def _posts(world: dict[str, Any]) -> list[tuple[str, dict[str, Any], Any]]:
    """(path, data, whether it took effect) for every page write."""
    meeting, point, lee = world["meeting"], world["point"], world["lee"]
    step = step_of(meeting)
    return [
        (f"/meetings/{meeting.pk}/steps/{step.pk}/tick/", {"done": "1"}, "tick"),
        (f"/meetings/{meeting.pk}/steps/new/", {"phase": "2", "text": "New step"}, "step"),
        (
            f"/meetings/{meeting.pk}/steps/{step.pk}/edit/",
            {"phase": "1", "text": "Reworded step"},
            "reworded",
        ),
        (f"/meetings/{meeting.pk}/steps/{step.pk}/remove/", {}, "removed"),
        (f"/meetings/{meeting.pk}/agenda/new/", {"text": "A point of mine"}, "point"),
        (f"/meetings/{meeting.pk}/agenda/{point.pk}/move/", {"direction": "down"}, "moved"),
        (f"/meetings/{meeting.pk}/agenda/order/", {"order": [point.pk]}, "ordered"),
        (f"/meetings/{meeting.pk}/agenda/{point.pk}/remove/", {}, "unlisted"),
        (f"/meetings/{meeting.pk}/notes/", {"notes": "Typed", "notes_version": "0"}, "notes"),
        (f"/meetings/{meeting.pk}/decisions/new/", {"text": "We agree"}, "decision"),
        (
            f"/meetings/{meeting.pk}/actions/new/",
            {"text": "Send the chart", "owner": lee.pk, "due": ""},
            "action",
        ),
        (f"/meetings/{meeting.pk}/edit/", plan_data(world, place="Moved room"), "edited"),
    ]


def _took_effect(world: dict[str, Any], what: str) -> bool:
    meeting = Meeting.objects.get(pk=world["meeting"].pk)
    step = ChecklistItem.objects.filter(meeting=meeting).order_by("phase", "position", "pk")
    return {
        "tick": lambda: step.filter(done_at__isnull=False).exists(),
        "step": lambda: step.filter(text="New step").exists(),
        "reworded": lambda: step.filter(text="Reworded step").exists(),
        "removed": lambda: step.count() < len(list(services.checklist.STEPS)),
        "point": lambda: AgendaItem.objects.filter(text="A point of mine").exists(),
        "moved": lambda: True,  # one point: it stays put, and the view answered
        "ordered": lambda: True,
        "unlisted": lambda: not AgendaItem.objects.filter(pk=world["point"].pk).exists(),
        "notes": lambda: meeting.notes == "Typed",
        "decision": lambda: Decision.objects.filter(text="We agree").exists(),
        "action": lambda: ActionItem.objects.filter(text="Send the chart").exists(),
        "edited": lambda: meeting.place == "Moved room",
    }[what]()


@pytest.mark.parametrize("n", range(12))
@pytest.mark.parametrize("role", ROLES)
def test_only_owners_and_editors_change_a_meeting(
    personas: dict[str, Any], world: dict[str, Any], role: str, n: int
) -> None:
    path, data, what = _posts(world)[n]
    response = client_for(personas[role]).post(path, data)
    assert_outcome(response, WRITE[role])
    if what not in {"moved", "ordered"}:
        assert _took_effect(world, what) is (WRITE[role] == 302), path


@pytest.mark.parametrize("n", range(11))
@pytest.mark.parametrize("role", ROLES)
def test_the_page_s_writes_take_only_a_post(
    personas: dict[str, Any], world: dict[str, Any], role: str, n: int
) -> None:
    path, _data, what = _posts(world)[n]
    if what == "reworded":  # the step's edit page is a form: GET opens it
        return
    assert_outcome(client_for(personas[role]).get(path), POST_ONLY[role])


@pytest.mark.parametrize("role", ROLES)
def test_planning_a_meeting_is_for_those_who_write(
    personas: dict[str, Any], world: dict[str, Any], role: str
) -> None:
    response = client_for(personas[role]).post("/meetings/new/", plan_data(world))
    expected = {**WRITE, "outsider": 200}[role]  # their own workspace: Sam is no choice there
    assert_outcome(response, expected)
    planned = Meeting.objects.filter(place="Library")
    assert planned.exists() is (expected == 302)
    if role == "outsider":
        assert "Select a valid choice" in field_error(response, "student")


# ---------------------------------------------------------------------------- planning


def test_a_meeting_is_planned_in_the_user_s_time_zone(alice: Any, world: dict[str, Any]) -> None:
    alice.time_zone = "America/Los_Angeles"
    alice.save(update_fields=["time_zone"])
    response = client_for(alice).post(
        "/meetings/new/", plan_data(world, starts_at="2031-03-04T15:30")
    )
    meeting = Meeting.objects.get(place="Library")
    assert response["Location"] == f"/meetings/{meeting.pk}/"
    assert meeting.starts_at == datetime.datetime(
        2031, 3, 4, 15, 30, tzinfo=zoneinfo.ZoneInfo("America/Los_Angeles")
    )
    assert [a.name for a in meeting.attendees.order_by("meetingattendee__position")] == [
        "Mr. Park",
        "Ms. Lee",
    ]
    assert meeting.checklist.count() == len(services.checklist.STEPS)
    page = page_of(client_for(alice).get(f"/meetings/{meeting.pk}/"))
    assert 'datetime="2031-03-04T15:30:00-08:00"' in page
    edit = page_of(client_for(alice).get(f"/meetings/{meeting.pk}/edit/"))
    assert 'value="2031-03-04T15:30"' in edit


def test_a_meeting_in_the_past_is_kept_as_a_record(alice: Any, world: dict[str, Any]) -> None:
    when = local_input(timezone.now() - datetime.timedelta(days=30))
    response = client_for(alice).post(
        "/meetings/new/", plan_data(world, starts_at=when), follow=True
    )
    assert "Saved as the record of a meeting that took place." in messages_of(response)
    assert "this page is its record" in page_of(response)


def test_planning_from_a_concern_invites_its_people_and_puts_it_on_the_agenda(
    workspace: Any, alice: Any, world: dict[str, Any]
) -> None:
    concern = services.concern_raise(
        workspace=workspace,
        author=alice,
        title="Homework takes hours",
        student=world["sam"],
        invited=[world["lee"]],
    )
    form = client_for(alice).get(f"/meetings/new/?concern={concern.pk}")
    page = page_of(form)
    assert "Homework takes hours" in page
    assert f'name="concern" value="{concern.pk}"' in page
    assert f'value="{world["lee"].pk}" id="id_attendees_0" checked' in page or (
        f'value="{world["lee"].pk}"' in page and "checked" in page
    )
    data = plan_data(world, concern=concern.pk, attendees=[world["lee"].pk], place="From concern")
    client_for(alice).post("/meetings/new/", data)
    meeting = Meeting.objects.get(place="From concern")
    assert [(a.kind, a.concern_id) for a in meeting.agenda.all()] == [("concern", concern.pk)]


@pytest.mark.parametrize("bad", [PAST_64_BITS, str(MAX_ID + 1), "-1", "abc"])
def test_a_bad_concern_in_the_link_opens_an_empty_form(alice: Any, world: Any, bad: str) -> None:
    assert client_for(alice).get(f"/meetings/new/?concern={bad}").status_code == 200


def test_another_family_s_concern_is_not_planned_from(
    alice: Any, world: dict[str, Any], other: dict[str, Any]
) -> None:
    page = page_of(client_for(alice).get(f"/meetings/new/?concern={other['concern'].pk}"))
    assert "Theirs" not in page
    response = client_for(alice).post(
        "/meetings/new/", plan_data(world, concern=other["concern"].pk)
    )
    assert response.status_code == 200
    assert not Meeting.objects.filter(place="Library").exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("attendees", "other-member"),
        ("student", "other-student"),
        ("attendees", PAST_64_BITS),
        ("student", PAST_64_BITS),
        ("student", str(MAX_ID + 1)),
    ],
)
def test_a_plan_with_foreign_or_impossible_ids_is_refused_next_to_the_field(
    alice: Any, world: dict[str, Any], other: dict[str, Any], field: str, value: str
) -> None:
    picked = {
        "other-member": other["member"].pk,
        "other-student": other["student"].pk,
    }.get(value, value)
    data = plan_data(world, place="Refused")
    data[field] = [world["lee"].pk, picked] if field == "attendees" else picked
    response = client_for(alice).post("/meetings/new/", data)
    assert response.status_code == 200
    assert "Select a valid choice" in field_error(response, field)
    assert not Meeting.objects.filter(place="Refused").exists()


@pytest.mark.parametrize("when", ["1850-01-01T10:00", "2999-01-01T10:00", "not a date"])
def test_an_implausible_date_is_refused(alice: Any, world: dict[str, Any], when: str) -> None:
    response = client_for(alice).post(
        "/meetings/new/", plan_data(world, starts_at=when, place="Refused")
    )
    assert response.status_code == 200
    assert field_error(response, "starts_at")
    assert not Meeting.objects.filter(place="Refused").exists()


def test_a_javascript_video_link_is_refused(alice: Any, world: dict[str, Any]) -> None:
    response = client_for(alice).post(
        "/meetings/new/", plan_data(world, video_url="javascript:alert(1)", place="Refused")
    )
    assert field_error(response, "video_url")


def test_a_double_submitted_plan_saves_once(alice: Any, world: dict[str, Any]) -> None:
    client = client_for(alice)
    client.post("/meetings/new/", plan_data(world))
    response = client.post("/meetings/new/", plan_data(world), follow=True)
    assert "This meeting was already saved." in messages_of(response)
    assert Meeting.objects.filter(place="Library").count() == 1


def test_the_list_puts_what_is_coming_first_then_what_was_held(
    workspace: Any, alice: Any, world: dict[str, Any]
) -> None:
    now = timezone.now()
    for days, place in ((30, "Far"), (-2, "Recent"), (-60, "Old"), (1, "Soon")):
        services.meeting_plan(
            workspace=workspace,
            author=alice,
            starts_at=now + datetime.timedelta(days=days),
            place=place,
        )
    page = page_of(client_for(alice).get("/meetings/"))
    order = [
        page.index(p) for p in ("Coming up", "Soon", "Room 12", "Far", "Held", "Recent", "Old")
    ]
    assert order == sorted(order)


def test_the_list_pages_in_a_fixed_number_of_queries(
    workspace: Any, alice: Any, world: dict[str, Any], settings: Any
) -> None:
    client = client_for(alice)
    # One held meeting with an answer: the list says "Confirmed by 1 of 1" for it.
    held = make_meeting(workspace, alice, in_days=-2, attendees=[world["lee"]])
    services.confirmation_record(
        meeting=held, member=world["lee"], response="confirmed", via="reply", recorded_by=alice
    )
    small = queries_for(client, "/meetings/")
    assert "Confirmed by 1 of 1" in page_of(client.get("/meetings/"))
    for n in range(60):
        services.meeting_plan(
            workspace=workspace,
            author=alice,
            starts_at=timezone.now() + datetime.timedelta(days=n - 30),
            student=world["sam"],
        )
    large = queries_for(client, "/meetings/?page=2")
    assert_same_queries("The meetings list", small, large)


# ---------------------------------------------------------------------------- the meeting page


def _fill(workspace: Any, alice: Any, world: dict[str, Any], start: int, stop: int) -> None:
    meeting, sam, lee = world["meeting"], world["sam"], world["lee"]
    for i in range(start, stop):
        services.concern_raise(
            workspace=workspace, author=alice, title=f"Concern {i}", student=sam, invited=[lee]
        )
        services.insight_record(
            workspace=workspace, author=alice, observed=f"Insight {i}", student=sam, shared_by=lee
        )
        services.agenda_item_add(meeting=meeting, text=f"Point {i}")
        services.decision_add(meeting=meeting, author=alice, text=f"Decision {i}")
        services.action_item_add(
            workspace=workspace, author=alice, text=f"Action {i}", owner=lee, meeting=meeting
        )
        services.action_item_add(
            workspace=workspace, author=alice, text=f"Family {i}", meeting=meeting
        )
        services.checklist_item_add(meeting=meeting, phase=Phase.DURING, text=f"Step {i}")
        make_member(workspace, f"Member {i}")
        # Questions picked for Sam, from the bank and our own; some on the agenda already.
        MeetingQuestion.objects.create(student=sam, key=QUESTIONS[i].key)
        own = CustomQuestion.objects.create(workspace=workspace, category="know", text=f"Q{i}?")
        MeetingQuestion.objects.create(student=sam, custom=own)
        if i % 3 == 0:
            services.agenda_item_add(meeting=meeting, question_key=QUESTIONS[i].key)
            services.agenda_item_add(meeting=meeting, question=own)


def test_the_meeting_page_runs_the_same_queries_with_3_or_30_of_everything(
    workspace: Any, alice: Any, world: dict[str, Any]
) -> None:
    client, url = client_for(alice), f"/meetings/{world['meeting'].pk}/"
    _fill(workspace, alice, world, 0, 3)
    small = queries_for(client, url)
    _fill(workspace, alice, world, 3, 30)
    large = queries_for(client, url)
    assert_same_queries("A meeting's page", small, large)
    page = page_of(client.get(url))
    assert "Action 29" in page and "Family 29" in page and "Decision 29" in page
    assert "Q29?" in page and "Q27?" in page  # suggested, and on the agenda


def test_the_page_shows_checklist_progress_by_phase(alice: Any, world: dict[str, Any]) -> None:
    meeting = world["meeting"]
    before = list(meeting.checklist.filter(phase=Phase.BEFORE))
    for step in before[:3]:
        services.checklist_item_set(item=step, author=alice, done=True)
    page = page_of(client_for(alice).get(f"/meetings/{meeting.pk}/"))
    assert f"3 of {len(before)} before" in page
    assert page.count('aria-pressed="true"') == 3


def test_ticking_a_step_works_as_a_form_and_as_json(alice: Any, world: dict[str, Any]) -> None:
    meeting, client = world["meeting"], client_for(alice)
    step = step_of(meeting)
    url = f"/meetings/{meeting.pk}/steps/{step.pk}/tick/"
    response = client.post(url, {"done": "1"})
    assert response["Location"] == f"/meetings/{meeting.pk}/#step-{step.pk}"
    step.refresh_from_db()
    assert step.done and step.done_by == alice
    answer = client.post(url, {"done": "0"}, headers={"Accept": "application/json"}).json()
    assert answer["done"] is False
    assert answer["progress"]["1"][0] == 0
    step.refresh_from_db()
    assert not step.done


def test_a_step_of_another_meeting_is_not_found(
    workspace: Any, alice: Any, world: dict[str, Any]
) -> None:
    second = services.meeting_plan(workspace=workspace, author=alice, starts_at=timezone.now())
    theirs = step_of(second)
    client = client_for(alice)
    meeting = world["meeting"]
    for path in ("tick", "edit", "remove"):
        url = f"/meetings/{meeting.pk}/steps/{theirs.pk}/{path}/"
        assert client.post(url, {"done": "1", "phase": "1", "text": "x"}).status_code == 404
    assert client.post(f"/meetings/{meeting.pk}/steps/{PAST_64_BITS}/tick/").status_code == 404
    assert client.get(f"/meetings/{PAST_64_BITS}/").status_code == 404


def test_the_agenda_moves_by_buttons_and_by_a_whole_order(
    alice: Any, world: dict[str, Any]
) -> None:
    meeting, client = world["meeting"], client_for(alice)
    second = services.agenda_item_add(meeting=meeting, text="Speech minutes")
    first = world["point"]
    response = client.post(f"/meetings/{meeting.pk}/agenda/{second.pk}/move/", {"direction": "up"})
    assert response["Location"] == f"/meetings/{meeting.pk}/#point-{second.pk}"
    assert [p.pk for p in meeting.agenda.all()] == [second.pk, first.pk]
    answer = client.post(
        f"/meetings/{meeting.pk}/agenda/{second.pk}/move/",
        {"direction": "down"},
        headers={"Accept": "application/json"},
    ).json()
    assert answer == {"order": [first.pk, second.pk], "position": 2}
    client.post(
        f"/meetings/{meeting.pk}/agenda/order/", {"order": [second.pk, PAST_64_BITS, first.pk]}
    )
    assert [p.pk for p in meeting.agenda.all()] == [second.pk, first.pk]


def test_suggested_concerns_and_insights_go_on_the_agenda_once(
    workspace: Any, alice: Any, world: dict[str, Any]
) -> None:
    meeting, client = world["meeting"], client_for(alice)
    concern = services.concern_raise(
        workspace=workspace, author=alice, title="Bus rides", student=world["sam"]
    )
    insight = services.insight_record(
        workspace=workspace, author=alice, observed="Calmer after recess", student=world["sam"]
    )
    page = page_of(client.get(f"/meetings/{meeting.pk}/"))
    assert "Bus rides" in page and "Calmer after recess" in page
    url = f"/meetings/{meeting.pk}/agenda/new/"
    client.post(url, {"concern": concern.pk, "form_token": "a"})
    client.post(url, {"insight": insight.pk, "form_token": "b"})
    response = client.post(url, {"concern": concern.pk, "form_token": "c"}, follow=True)
    assert "This point is already on the agenda." in messages_of(response)
    assert [(p.kind, p.text) for p in meeting.agenda.all()][1:] == [
        ("concern", "Bus rides"),
        ("insight", "Calmer after recess"),
    ]


@pytest.mark.parametrize("which", ["concern", "insight"])
@pytest.mark.parametrize("bad", ["theirs", PAST_64_BITS, str(MAX_ID + 1), "-1"])
def test_an_agenda_point_from_another_family_or_a_bad_id_is_refused(
    alice: Any, world: dict[str, Any], other: dict[str, Any], which: str, bad: str
) -> None:
    value = other[which].pk if bad == "theirs" else bad
    meeting = world["meeting"]
    response = client_for(alice).post(f"/meetings/{meeting.pk}/agenda/new/", {which: value})
    assert response.status_code == 200
    assert "Please fix the marked fields." in page_of(response)
    assert meeting.agenda.count() == 1


def test_an_empty_agenda_point_says_what_to_do(alice: Any, world: dict[str, Any]) -> None:
    response = client_for(alice).post(f"/meetings/{world['meeting'].pk}/agenda/new/", {"text": " "})
    assert field_error(response, "text") == "Write the point to add."


# ---------------------------------------------------------------------------- notes


def test_notes_save_and_come_back(alice: Any, world: dict[str, Any]) -> None:
    meeting, client = world["meeting"], client_for(alice)
    response = client.post(
        f"/meetings/{meeting.pk}/notes/", {"notes": "  Indented\nline two", "notes_version": "0"}
    )
    assert response["Location"] == f"/meetings/{meeting.pk}/#notes"
    page = page_of(client.get(f"/meetings/{meeting.pk}/"))
    assert textarea(page, "notes") == "  Indented\nline two"
    assert 'name="notes_version" value="1"' in page


def test_notes_autosave_answers_json(alice: Any, world: dict[str, Any]) -> None:
    meeting, client = world["meeting"], client_for(alice)
    url, json = f"/meetings/{meeting.pk}/notes/", {"Accept": "application/json"}
    answer = client.post(url, {"notes": "First", "notes_version": "0"}, headers=json)
    assert answer.status_code == 200 and answer.json()["version"] == 1
    # The same text again from the old version: its first answer was lost, no conflict.
    again = client.post(url, {"notes": "First", "notes_version": "0"}, headers=json)
    assert again.json()["version"] == 1
    stale = client.post(url, {"notes": "Other tab", "notes_version": "0"}, headers=json)
    assert stale.status_code == 409
    assert stale.json() == {"conflict": True, "notes": "First", "version": 1}
    too_long = client.post(url, {"notes": "x" * 20_001, "notes_version": "1"}, headers=json)
    assert too_long.status_code == 400 and "too long" in too_long.json()["error"]
    meeting.refresh_from_db()
    assert meeting.notes == "First"


def test_a_stale_save_of_the_form_keeps_both_texts(alice: Any, world: dict[str, Any]) -> None:
    meeting, client = world["meeting"], client_for(alice)
    services.meeting_notes_save(meeting=meeting, notes="From the other tab", base_version=0)
    response = client.post(
        f"/meetings/{meeting.pk}/notes/", {"notes": "Mine, typed here", "notes_version": "0"}
    )
    assert response.status_code == 200
    page = page_of(response)
    assert "Someone saved these notes from another page" in page
    assert "From the other tab" in page
    assert textarea(page, "notes") == "Mine, typed here"
    assert 'name="notes_version" value="1"' in page
    # Saving again, from the version now shown, keeps mine.
    client.post(
        f"/meetings/{meeting.pk}/notes/", {"notes": "Mine, typed here", "notes_version": "1"}
    )
    meeting.refresh_from_db()
    assert meeting.notes == "Mine, typed here"


def test_long_notes_are_kept_and_too_long_ones_refused_with_the_text_shown(
    alice: Any, world: dict[str, Any]
) -> None:
    meeting, client = world["meeting"], client_for(alice)
    ten_thousand = ("Ms. Lee said the plan works. " * 400)[:10_000]
    client.post(f"/meetings/{meeting.pk}/notes/", {"notes": ten_thousand, "notes_version": "0"})
    meeting.refresh_from_db()
    assert meeting.notes == ten_thousand
    too_long = "y" * 20_001
    response = client.post(
        f"/meetings/{meeting.pk}/notes/", {"notes": too_long, "notes_version": "1"}
    )
    assert response.status_code == 200
    assert "too long to save: 20001 characters, and they can hold 20000" in field_error(
        response, "notes"
    )
    assert textarea(page_of(response), "notes") == too_long
    assert "maxlength" not in page_of(response).split('name="notes"')[1].split(">")[0]
    meeting.refresh_from_db()
    assert meeting.notes == ten_thousand


def test_a_viewer_reads_the_notes_without_a_form(vera: Any, world: dict[str, Any]) -> None:
    meeting = world["meeting"]
    services.meeting_notes_save(meeting=meeting, notes="What we said", base_version=0)
    page = page_of(client_for(vera).get(f"/meetings/{meeting.pk}/"))
    assert "What we said" in page
    assert 'name="notes"' not in page
    assert "Move up" not in page and "Add the decision" not in page


# ---------------------------------------------------------------------------- decisions, actions


def test_decisions_and_action_items_are_added_on_the_page(
    alice: Any, world: dict[str, Any]
) -> None:
    meeting, client = world["meeting"], client_for(alice)
    client.post(f"/meetings/{meeting.pk}/decisions/new/", {"text": "Two speech sessions a week"})
    client.post(
        f"/meetings/{meeting.pk}/actions/new/",
        {"text": "Send the reading chart", "owner": world["lee"].pk, "due": "2031-01-10"},
    )
    client.post(f"/meetings/{meeting.pk}/actions/new/", {"text": "Read at home", "owner": "family"})
    items = list(meeting.action_items.order_by("pk"))
    assert [(i.text, i.owner, i.owner_is_family, i.student) for i in items] == [
        ("Send the reading chart", world["lee"], False, world["sam"]),
        ("Read at home", None, True, world["sam"]),
    ]
    page = page_of(client.get(f"/meetings/{meeting.pk}/"))
    assert "Two speech sessions a week" in page and "The family" in page


def test_an_action_item_needs_an_owner(alice: Any, world: dict[str, Any]) -> None:
    meeting = world["meeting"]
    response = client_for(alice).post(
        f"/meetings/{meeting.pk}/actions/new/", {"text": "Nobody's job", "owner": ""}
    )
    assert response.status_code == 200
    assert "Choose who will do it" in field_error(response, "owner")
    assert 'value="Nobody&#x27;s job"' in page_of(response)
    assert not ActionItem.objects.exists()


@pytest.mark.parametrize("bad", ["theirs", PAST_64_BITS, str(MAX_ID + 1), "-1"])
def test_an_action_item_for_someone_outside_the_team_is_refused(
    alice: Any, world: dict[str, Any], other: dict[str, Any], bad: str
) -> None:
    value = other["member"].pk if bad == "theirs" else bad
    response = client_for(alice).post(
        f"/meetings/{world['meeting'].pk}/actions/new/", {"text": "Theirs", "owner": value}
    )
    assert "Select a valid choice" in field_error(response, "owner")
    assert not ActionItem.objects.exists()


@pytest.mark.parametrize("due", ["1850-05-01", "2999-05-01"])
def test_an_action_item_due_implausibly_is_refused(
    alice: Any, world: dict[str, Any], due: str
) -> None:
    response = client_for(alice).post(
        f"/meetings/{world['meeting'].pk}/actions/new/",
        {"text": "Later", "owner": "family", "due": due},
    )
    assert field_error(response, "due")
    assert not ActionItem.objects.exists()


@pytest.mark.parametrize(
    ("path", "field", "data"),
    [
        ("decisions/new/", "text", {}),
        ("actions/new/", "text", {"owner": "family"}),
        ("agenda/new/", "text", {}),
        ("steps/new/", "text", {"phase": "1"}),
    ],
)
def test_ten_thousand_characters_in_a_line_field_are_refused_and_kept(
    alice: Any, world: dict[str, Any], path: str, field: str, data: dict[str, Any]
) -> None:
    long = "z" * 10_000
    meeting = world["meeting"]
    before = (meeting.decisions.count(), meeting.agenda.count(), meeting.checklist.count())
    response = client_for(alice).post(f"/meetings/{meeting.pk}/{path}", {**data, field: long})
    assert response.status_code == 200
    assert "at most" in field_error(response, field)
    assert long in page_of(response)
    after = (meeting.decisions.count(), meeting.agenda.count(), meeting.checklist.count())
    assert before == after and not ActionItem.objects.exists()


def test_what_users_type_is_shown_inert(workspace: Any, alice: Any, world: dict[str, Any]) -> None:
    meeting = world["meeting"]
    services.decision_add(meeting=meeting, author=alice, text=PAYLOAD)
    response = client_for(alice).get(f"/meetings/{meeting.pk}/")
    assert_escaped(response)


def test_the_step_edit_page_rewords_a_step(alice: Any, world: dict[str, Any]) -> None:
    meeting = world["meeting"]
    step = step_of(meeting)
    client = client_for(alice)
    assert step.text in page_of(client.get(f"/meetings/{meeting.pk}/steps/{step.pk}/edit/"))
    response = client.post(
        f"/meetings/{meeting.pk}/steps/{step.pk}/edit/", {"phase": "9", "text": "x"}
    )
    assert field_error(response, "phase")


def test_the_packet_leads_back_to_the_meeting(alice: Any, world: dict[str, Any]) -> None:
    meeting = world["meeting"]
    page = page_of(client_for(alice).get(f"/meetings/{meeting.pk}/packet/"))
    assert f'href="/meetings/{meeting.pk}/"' in page
    detail = page_of(client_for(alice).get(f"/meetings/{meeting.pk}/"))
    assert f"/meetings/{meeting.pk}/packet/" in detail
    assert f"/meetings/{meeting.pk}/packet.pdf" in detail
    assert f"/meetings/{meeting.pk}/meeting.ics" in detail


def test_another_workspace_s_meeting_is_not_found_even_for_an_editor_elsewhere(
    alice: Any, world: dict[str, Any]
) -> None:
    mine = make_workspace(alice, name="A second family")
    theirs = services.meeting_plan(workspace=mine, author=alice, starts_at=timezone.now())
    # Alice is in both: the meeting opens, whichever workspace is current.
    assert client_for(alice).get(f"/meetings/{theirs.pk}/").status_code == 200


@pytest.mark.parametrize(
    ("length", "message"),
    [
        ("2", "A meeting lasts at least 5 minutes."),
        ("9999", "A meeting lasts at most 480 minutes (a full school day)."),
        ("an hour", "Write the length in minutes, as a number: 45, 60, 90."),
    ],
)
def test_a_length_that_cannot_be_says_so_in_words_and_keeps_the_rest(
    alice: Any, world: dict[str, Any], length: str, message: str
) -> None:
    response = client_for(alice).post(
        "/meetings/new/", plan_data(world, duration_minutes=length, place="Library 3")
    )
    assert response.status_code == 200
    assert message in field_error(response, "duration_minutes")
    assert 'value="Library 3"' in page_of(response)
    assert not Meeting.objects.filter(place="Library 3").exists()
