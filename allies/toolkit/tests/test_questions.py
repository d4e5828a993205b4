"""The question bank: searching it, starring questions, adding the workspace's own, and
picking questions for a student's next meeting.
"""

from __future__ import annotations

import html
import io
import re
from typing import Any

import pytest
from pypdf import PdfReader

from allies.meetings.services import agenda_item_add
from allies.questions.bank import CATEGORIES, QUESTIONS
from allies.questions.models import CustomQuestion, FavouriteQuestion, MeetingQuestion
from tests.support import (
    PAYLOAD,
    assert_escaped,
    assert_same_queries,
    client_for,
    field_error,
    make_meeting,
    make_student,
    messages_of,
    page_of,
    queries_for,
    spanish,
    textarea,
)

BANK = QUESTIONS[0]


def bank_count(response: Any) -> int:
    found = re.search(r"<h2>(\d+) questions?</h2>", page_of(response))
    assert found, "no question count"
    return int(found.group(1))


def bank_keys(response: Any) -> list[str]:
    return [q["key"] for q in response.context["bank"]]


# --- The bank -------------------------------------------------------------------------


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


def test_viewers_see_the_bank_without_buttons(vera: Any, maya: Any, own_question: Any) -> None:
    page = page_of(client_for(vera).get("/toolkit/questions/"))
    assert "Who takes notes at meetings?" in page
    for action in ("/toolkit/questions/favourite/", "/toolkit/questions/meeting/", "/add/"):
        assert action not in page


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


# --- Questions for the next meeting ---------------------------------------------------


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


def _pick(workspace: Any, maya: Any, meetings: list[Any], start: int, stop: int) -> None:
    """Pick bank questions and our own for Maya, some asked at a held meeting or put on
    the agenda of the next one."""
    for i in range(start, stop):
        MeetingQuestion.objects.create(student=maya, key=QUESTIONS[i].key)
        own = CustomQuestion.objects.create(workspace=workspace, category="know", text=f"Q{i}")
        MeetingQuestion.objects.create(student=maya, custom=own)
        meeting = meetings[i % len(meetings)]
        agenda_item_add(meeting=meeting, question_key=QUESTIONS[i].key)
        agenda_item_add(meeting=meeting, question=own)


def test_the_meeting_list_runs_the_same_queries_for_3_or_30_questions(
    alice: Any, workspace: Any, maya: Any
) -> None:
    held = make_meeting(workspace, alice, student=maya, in_days=-20)
    upcoming = make_meeting(workspace, alice, student=maya, in_days=3)
    client = client_for(alice)
    url = f"/students/{maya.pk}/meeting-questions/"
    _pick(workspace, maya, [held, upcoming], 0, 3)
    small = queries_for(client, url)
    small_print = queries_for(client, url + "print/")
    _pick(workspace, maya, [held, upcoming], 3, 30)
    large = queries_for(client, url)
    assert_same_queries("The meeting questions", small, large)
    assert_same_queries(
        "The printable meeting questions", small_print, queries_for(client, url + "print/")
    )
    page = html.unescape(page_of(client.get(url)))
    assert "Q29" in page and page.count("On the agenda") == 30 and page.count("Asked at") == 30


# --- The next meeting, and the questions asked ---------------------------------------


def test_the_list_names_the_meeting_it_is_for(alice: Any, workspace: Any, maya: Any) -> None:
    make_meeting(workspace, alice, student=maya, in_days=-3, place="Held")
    make_meeting(workspace, alice, student=maya, in_days=30, kind="annual")
    soon = make_meeting(workspace, alice, student=maya, in_days=4, kind="progress")
    make_meeting(workspace, alice, student=None, in_days=1)  # about nobody in particular
    make_meeting(workspace, alice, student=make_student(workspace, "Ada"), in_days=1)
    page = page_of(client_for(alice).get(f"/students/{maya.pk}/meeting-questions/"))
    assert "They are suggested for the agenda of the next meeting:" in page
    assert f'<a href="/meetings/{soon.pk}/">Progress check, <time' in page
    assert "No meeting planned yet" not in page
    es = page_of(client_for(spanish(alice)).get(f"/students/{maya.pk}/meeting-questions/"))
    assert "Se sugieren para la agenda de la próxima reunión:" in es


@pytest.mark.parametrize("who", ["alice", "vera"])
def test_without_a_meeting_the_list_offers_to_plan_one(
    personas: dict[str, Any], maya: Any, picked: Any, who: str
) -> None:
    user = personas["owner" if who == "alice" else "viewer"]
    page = page_of(client_for(user).get(f"/students/{maya.pk}/meeting-questions/"))
    assert "No meeting planned yet" in page
    # Only those who may plan one are offered the link; it chooses Maya.
    assert (f"/meetings/new/?student={maya.pk}" in page) is (who == "alice")


def test_planning_from_the_list_chooses_the_student(
    alice: Any, workspace: Any, maya: Any, oscars: dict[str, Any]
) -> None:
    make_student(workspace, "Ada")  # two students: nobody is chosen by default
    client = client_for(alice)
    form = client.get("/meetings/new/", {"student": maya.pk}).context["form"]
    assert form["student"].value() == maya.pk
    theirs = client.get("/meetings/new/", {"student": oscars["student"].pk})
    assert f'value="{oscars["student"].pk}"' not in page_of(theirs)
    assert "Otto" not in page_of(theirs)


def test_a_question_on_an_agenda_says_so(
    alice: Any, workspace: Any, maya: Any, own_question: Any
) -> None:
    held = make_meeting(workspace, alice, student=maya, in_days=-10, kind="progress")
    upcoming = make_meeting(workspace, alice, student=maya, in_days=5)
    other = make_meeting(workspace, alice, student=make_student(workspace, "Ada"), in_days=-2)
    MeetingQuestion.objects.create(student=maya, key=BANK.key)
    MeetingQuestion.objects.create(student=maya, custom=own_question)
    MeetingQuestion.objects.create(student=maya, key=QUESTIONS[1].key)
    agenda_item_add(meeting=held, question_key=BANK.key)
    agenda_item_add(meeting=upcoming, question=own_question)
    agenda_item_add(meeting=other, question_key=QUESTIONS[1].key)  # asked about Ada, not Maya
    rows = client_for(alice).get(f"/students/{maya.pk}/meeting-questions/").context["rows"]
    assert [(r.asked_at, r.on_next) for r in rows] == [(held, False), (None, True), (None, False)]
    page = page_of(client_for(alice).get(f"/students/{maya.pk}/meeting-questions/"))
    assert f'Asked at <a href="/meetings/{held.pk}/">Progress check' in page
    assert page.count("On the agenda") == 1


# --- The list on paper -----------------------------------------------------------------


def pdf_text(response: Any) -> str:
    assert response["Content-Type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(response.content)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def test_the_list_prints_with_its_meeting(
    alice: Any, workspace: Any, maya: Any, own_question: Any
) -> None:
    make_meeting(workspace, alice, student=maya, in_days=5, kind="progress", place="Room 12")
    MeetingQuestion.objects.create(student=maya, key=BANK.key)
    MeetingQuestion.objects.create(student=maya, custom=own_question)
    client = client_for(alice)
    url = f"/students/{maya.pk}/meeting-questions/"
    assert f'href="{url}print/"' in page_of(client.get(url))
    printable = html.unescape(page_of(client.get(url + "print/")))
    assert "print.css" in printable and "Progress check" in printable and "Room 12" in printable
    assert printable.index(BANK.en) < printable.index("Who takes notes at meetings?")
    assert f'href="/students/{maya.pk}/meeting-questions.pdf"' in printable
    response = client.get(f"/students/{maya.pk}/meeting-questions.pdf")
    assert response["Content-Disposition"] == f'attachment; filename="questions-{maya.pk}.pdf"'
    text = pdf_text(response)
    assert "Questions for Maya R.'s next meeting" in text and "Room 12" in text
    assert BANK.en.split()[0] in text and "Who takes notes at meetings?" in text
    assert "Back to the list" not in text  # the screen's links stay off paper


def test_the_printed_list_in_spanish(erin: Any, maya: Any, picked: Any) -> None:
    text = pdf_text(client_for(spanish(erin)).get(f"/students/{maya.pk}/meeting-questions.pdf"))
    assert "Preguntas para la próxima reunión de Maya R." in text
    assert " ".join(BANK.es.split()[:3]) in text


def test_the_printed_list_escapes_what_was_typed(alice: Any, workspace: Any, maya: Any) -> None:
    hostile = CustomQuestion.objects.create(workspace=workspace, category="know", text=PAYLOAD)
    MeetingQuestion.objects.create(student=maya, custom=hostile)
    client = client_for(alice)
    assert_escaped(client.get(f"/students/{maya.pk}/meeting-questions/print/"))
    text = pdf_text(client.get(f"/students/{maya.pk}/meeting-questions.pdf"))
    assert "<script>" in text  # shown as text, not run or dropped
