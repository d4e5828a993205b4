"""The questions picked for a meeting's student, on its page: suggested for the agenda in
the reader's words, added once as agenda points of their own kind, and in the packet."""

from __future__ import annotations

import html
from typing import Any

import pytest

from allies.meetings import services
from allies.meetings.models import AgendaItem
from allies.questions import services as question_services
from allies.questions.bank import QUESTIONS
from allies.questions.models import CustomQuestion, MeetingQuestion
from tests.support import (
    PAYLOAD,
    ROLES,
    WRITE,
    assert_escaped,
    assert_outcome,
    client_for,
    make_meeting,
    make_student,
    messages_of,
    page_of,
    spanish,
)

BANK, OTHER = QUESTIONS[0], QUESTIONS[1]


@pytest.fixture
def world(workspace: Any, alice: Any) -> dict[str, Any]:
    sam = make_student(workspace, "Sam")
    meeting = make_meeting(workspace, alice, student=sam, place="Room 12")
    own = CustomQuestion.objects.create(
        workspace=workspace, category="meetings", text="Who takes notes?"
    )
    MeetingQuestion.objects.create(student=sam, key=BANK.key, added_by=alice)
    MeetingQuestion.objects.create(student=sam, custom=own, added_by=alice)
    return {"sam": sam, "meeting": meeting, "own": own}


def suggestions(response: Any) -> str:
    """The list of suggestions for the agenda (empty when there is none)."""
    page = html.unescape(page_of(response))
    start = page.find('<ul class="suggestions">')
    return "" if start < 0 else page[start : page.index("</ul>", start)]


def agenda_url(world: dict[str, Any]) -> str:
    return f"/meetings/{world['meeting'].pk}/agenda/new/"


def test_the_questions_picked_are_suggested_in_the_reader_s_words(
    alice: Any, erin: Any, world: dict[str, Any]
) -> None:
    url = f"/meetings/{world['meeting'].pk}/"
    english = suggestions(client_for(alice).get(url))
    assert BANK.en in english and "Who takes notes?" in english
    assert english.index(BANK.en) < english.index("Who takes notes?")  # the order picked
    es = suggestions(client_for(spanish(erin)).get(url))
    assert BANK.es in es and BANK.en not in es
    assert "Who takes notes?" in es  # our own, as it was written


def test_a_picked_question_goes_on_the_agenda_once(
    alice: Any, erin: Any, world: dict[str, Any]
) -> None:
    client, meeting = client_for(alice), world["meeting"]
    response = client.post(agenda_url(world), {"question": BANK.key, "form_token": "a"})
    point = meeting.agenda.get()
    assert response["Location"] == f"/meetings/{meeting.pk}/#point-{point.pk}"
    assert (point.kind, point.question_key, point.question, point.text) == (
        AgendaItem.Kind.QUESTION,
        BANK.key,
        None,
        BANK.en,
    )
    client.post(agenda_url(world), {"own_question": world["own"].pk, "form_token": "b"})
    own = meeting.agenda.get(question=world["own"])
    assert (own.kind, own.question_key, own.text) == ("question", "", "Who takes notes?")
    for data in ({"question": BANK.key}, {"own_question": world["own"].pk}):
        again = client.post(agenda_url(world), {**data, "form_token": str(data)}, follow=True)
        assert "This point is already on the agenda." in messages_of(again)
    assert meeting.agenda.count() == 2
    # On the agenda, no longer suggested; the bank question reads in each reader's language.
    url = f"/meetings/{meeting.pk}/"
    assert BANK.en not in suggestions(client.get(url))
    assert "Who takes notes?" not in suggestions(client.get(url))
    es = html.unescape(page_of(client_for(spanish(erin)).get(url)))
    assert BANK.es in es and BANK.en not in es
    # Taken off the agenda, it is offered again; it never left the student's list.
    client.post(f"/meetings/{meeting.pk}/agenda/{point.pk}/remove/")
    assert BANK.en in suggestions(client.get(url))
    assert MeetingQuestion.objects.filter(student=world["sam"]).count() == 2


def test_an_own_question_deleted_later_keeps_its_words_on_the_agenda(
    alice: Any, world: dict[str, Any]
) -> None:
    point = services.agenda_item_add(meeting=world["meeting"], question=world["own"])
    question_services.custom_question_delete(question=world["own"])
    point.refresh_from_db()
    assert (point.question, point.kind, point.text) == (None, "question", "Who takes notes?")
    assert "Who takes notes?" in page_of(client_for(alice).get(f"/meetings/{world['meeting'].pk}/"))


def test_a_meeting_about_no_student_suggests_no_questions(
    workspace: Any, alice: Any, world: dict[str, Any]
) -> None:
    anyone = make_meeting(workspace, alice, student=None)
    page = html.unescape(page_of(client_for(alice).get(f"/meetings/{anyone.pk}/")))
    assert BANK.en not in page and "Who takes notes?" not in page


def test_a_sibling_s_questions_are_not_suggested(
    workspace: Any, alice: Any, world: dict[str, Any]
) -> None:
    ada = make_student(workspace, "Ada")
    MeetingQuestion.objects.create(student=ada, key=OTHER.key)
    page = html.unescape(page_of(client_for(alice).get(f"/meetings/{world['meeting'].pk}/")))
    assert OTHER.en not in page


@pytest.mark.parametrize("data", [{"question": "nope-99"}, {"own_question": "theirs"}])
def test_an_unknown_or_another_family_s_question_is_refused(
    alice: Any, oscar: Any, world: dict[str, Any], data: dict[str, Any]
) -> None:
    if data.get("own_question") == "theirs":
        theirs = CustomQuestion.objects.create(
            workspace=oscar.memberships.get().workspace, category="know", text="Theirs?"
        )
        data = {"own_question": theirs.pk}
    response = client_for(alice).post(agenda_url(world), data)
    assert response.status_code == 200
    assert "Please fix the marked fields." in page_of(response)
    assert "Theirs?" not in page_of(response)
    assert not world["meeting"].agenda.exists()


def test_one_point_at_a_time(alice: Any, world: dict[str, Any]) -> None:
    data = {"question": BANK.key, "own_question": world["own"].pk}
    response = client_for(alice).post(agenda_url(world), data)
    assert "Add one point at a time." in page_of(response)
    assert not world["meeting"].agenda.exists()


@pytest.mark.parametrize("which", ["question", "own_question"])
@pytest.mark.parametrize("role", ROLES)
def test_only_owners_and_editors_add_a_question_to_the_agenda(
    personas: dict[str, Any], world: dict[str, Any], role: str, which: str
) -> None:
    value = BANK.key if which == "question" else world["own"].pk
    response = client_for(personas[role]).post(agenda_url(world), {which: value})
    assert_outcome(response, WRITE[role])
    assert world["meeting"].agenda.exists() is (WRITE[role] == 302)


def test_viewers_see_no_suggestions_to_add(vera: Any, world: dict[str, Any]) -> None:
    page = page_of(client_for(vera).get(f"/meetings/{world['meeting'].pk}/"))
    assert "own_question" not in page and f'value="{BANK.key}"' not in page


def test_question_text_is_escaped_on_the_agenda_and_in_the_packet(
    workspace: Any, alice: Any, world: dict[str, Any]
) -> None:
    hostile = CustomQuestion.objects.create(workspace=workspace, category="know", text=PAYLOAD)
    MeetingQuestion.objects.create(student=world["sam"], custom=hostile)
    client, meeting = client_for(alice), world["meeting"]
    assert_escaped(client.get(f"/meetings/{meeting.pk}/"))  # suggested
    services.agenda_item_add(meeting=meeting, question=hostile)
    assert_escaped(client.get(f"/meetings/{meeting.pk}/"))  # on the agenda
    assert_escaped(client.get(f"/meetings/{meeting.pk}/packet/"))


def test_the_packet_lists_the_questions_picked_in_the_reader_s_language(
    alice: Any, world: dict[str, Any]
) -> None:
    url = f"/meetings/{world['meeting'].pk}/packet/"
    english = html.unescape(page_of(client_for(alice).get(url)))
    assert "Questions to ask" in english
    assert english.index(BANK.en) < english.index("Who takes notes?")
    es = html.unescape(page_of(client_for(spanish(alice)).get(url)))
    assert BANK.es in es and "Who takes notes?" in es and BANK.en not in es


def test_a_held_meeting_still_offers_the_questions(
    workspace: Any, alice: Any, world: dict[str, Any]
) -> None:
    """A record typed in after the meeting may still say which questions were asked."""
    held = make_meeting(workspace, alice, student=world["sam"], in_days=-1)
    assert BANK.en in suggestions(client_for(alice).get(f"/meetings/{held.pk}/"))
