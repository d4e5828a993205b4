"""The prep packet: who may read it, what it holds, in which language, and at what cost."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.utils import timezone
from pypdf import PdfReader

from allies.log.models import Purpose
from allies.meetings import services
from allies.meetings.models import Insight
from allies.questions.bank import QUESTIONS
from allies.questions.models import CustomQuestion, MeetingQuestion
from tests.support import (
    READ,
    ROLES,
    assert_outcome,
    assert_same_queries,
    client_for,
    make_entry,
    make_meeting,
    make_member,
    make_student,
    queries_for,
    seed_entries,
    spanish,
)

HOSTILE = '<img src="https://evil.example/x.png"><link rel="stylesheet" href="file:///etc/passwd">'


@pytest.fixture
def world(workspace: Any, alice: Any) -> dict[str, Any]:
    sam = make_student(workspace, "Sam", strengths="Loves maps and trains", needs="Reading fluency")
    lee = make_member(workspace, "Ms. Lee")
    meeting = make_meeting(workspace, alice, student=sam, attendees=[lee], place="Room 12")
    return {"sam": sam, "lee": lee, "meeting": meeting}


def _fill(workspace: Any, alice: Any, world: dict[str, Any], n: int) -> None:
    """`n` of everything the packet lists (concerns, insights, agenda, actions, entries)."""
    sam, lee, meeting = world["sam"], world["lee"], world["meeting"]
    for i in range(n):
        concern = services.concern_raise(
            workspace=workspace, author=alice, title=f"Concern {i}", student=sam, invited=[lee]
        )
        services.concern_option_add(
            concern=concern, author=alice, text="An idea", suggested_by="school", member=lee
        )
        services.insight_record(
            workspace=workspace, author=alice, observed=f"Insight {i}", student=sam, shared_by=lee
        )
        services.agenda_item_add(meeting=meeting, text=f"Point {i}")
        picked = MeetingQuestion.objects.filter(student=sam).count()
        MeetingQuestion.objects.create(student=sam, key=QUESTIONS[picked].key)
        own = CustomQuestion.objects.create(workspace=workspace, category="know", text=f"Q{i}?")
        MeetingQuestion.objects.create(student=sam, custom=own)
        services.action_item_add(
            workspace=workspace, author=alice, text=f"Action {i}", owner=lee, student=sam
        )
    seed_entries(workspace, alice, [lee], n * 10, student=sam, purposes=int(Purpose.VICTORY))


def pdf_text(content: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).split()
    )


@pytest.mark.parametrize("view", ["packet/", "packet.pdf"])
@pytest.mark.parametrize("role", ROLES)
def test_the_packet_is_for_the_workspace_only(
    personas: dict[str, Any], world: dict[str, Any], role: str, view: str
) -> None:
    response = client_for(personas[role]).get(f"/meetings/{world['meeting'].pk}/{view}")
    assert_outcome(response, READ[role])


def test_the_packet_holds_what_to_bring(workspace: Any, alice: Any, world: dict[str, Any]) -> None:
    _fill(workspace, alice, world, 2)
    make_entry(
        workspace,
        alice,
        [world["lee"]],
        summary="Sam read a whole page aloud!",
        occurred_at=timezone.now() - datetime.timedelta(minutes=5),
        purposes=int(Purpose.VICTORY),
        student=world["sam"],
    )
    response = client_for(alice).get(f"/meetings/{world['meeting'].pk}/packet.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for expected in (
        "Prep packet",
        "Loves maps and trains",
        "Reading fluency",
        "Point 0",
        "Concern 1",
        "An idea (Ms. Lee)",
        "Insight 1",
        "Action 0",
        "Sam read a whole page aloud!",
        "Room 12",
        "Questions to ask",
        QUESTIONS[0].en,
        "Q1?",
        "1 / ",  # page numbers
    ):
        assert expected in text, expected


def test_the_packet_in_spanish(workspace: Any, alice: Any, world: dict[str, Any]) -> None:
    services.concern_raise(
        workspace=workspace,
        author=alice,
        title="Comprensión lectora y acompañamiento",
        student=world["sam"],
    )
    response = client_for(spanish(alice)).get(f"/meetings/{world['meeting'].pk}/packet.pdf")
    text = pdf_text(response.content)
    assert "Paquete de preparación" in text
    assert "Comprensión lectora y acompañamiento" in text
    assert "Inquietudes abiertas" in text


def test_a_sibling_stays_out_of_the_packet(
    workspace: Any, alice: Any, world: dict[str, Any]
) -> None:
    ada = make_student(workspace, "Ada")
    services.concern_raise(workspace=workspace, author=alice, title="Ada's bus", student=ada)
    services.insight_record(workspace=workspace, author=alice, observed="Ada sings", student=ada)
    page = client_for(alice).get(f"/meetings/{world['meeting'].pk}/packet/").content.decode()
    assert "Ada" not in page


def test_what_users_typed_is_escaped_and_never_fetched(
    workspace: Any, alice: Any, world: dict[str, Any], monkeypatch: Any
) -> None:
    from allies.core import pdf

    services.concern_raise(
        workspace=workspace,
        author=alice,
        title=HOSTILE[:200],
        interest=HOSTILE,
        student=world["sam"],
    )
    services.insight_record(
        workspace=workspace,
        author=alice,
        observed=HOSTILE,
        what_works=HOSTILE,
        student=world["sam"],
    )
    services.agenda_item_add(meeting=world["meeting"], text=HOSTILE)
    typed = CustomQuestion.objects.create(workspace=workspace, category="know", text=HOSTILE)
    MeetingQuestion.objects.create(student=world["sam"], custom=typed)  # "Questions to ask"
    services.agenda_item_add(meeting=world["meeting"], question=typed)
    page = client_for(alice).get(f"/meetings/{world['meeting'].pk}/packet/").content.decode()
    assert "<img src=" not in page and "&lt;img src=" in page
    asked = page[page.index("Questions to ask") :]
    assert "&lt;img src=" in asked[: asked.index("<h2>")]

    fetcher = pdf._fetcher()
    monkeypatch.setattr(pdf, "_fetcher", lambda: fetcher)
    response = client_for(alice).get(f"/meetings/{world['meeting'].pk}/packet.pdf")
    assert "evil.example" in pdf_text(response.content)  # shown as text
    # Typed URLs are text, so nothing even asked for them; only our stylesheet was loaded.
    assert fetcher.refused == []


def test_the_packet_runs_the_same_queries_at_any_size(
    workspace: Any, alice: Any, world: dict[str, Any]
) -> None:
    client = client_for(alice)
    url = f"/meetings/{world['meeting'].pk}/packet/"
    _fill(workspace, alice, world, 2)
    small = queries_for(client, url)
    _fill(workspace, alice, world, 30)
    large = queries_for(client, url)
    assert_same_queries("The prep packet", small, large)


def test_the_packet_lists_insights_newest_first_and_caps_them(
    workspace: Any, alice: Any, world: dict[str, Any]
) -> None:
    for i in range(20):
        services.insight_record(
            workspace=workspace,
            author=alice,
            observed=f"Seen {i:02}",
            student=world["sam"],
            source=Insight.Source.HOME,
            observed_on=timezone.localdate() - datetime.timedelta(days=i),
        )
    page = client_for(alice).get(f"/meetings/{world['meeting'].pk}/packet/").content.decode()
    assert "Seen 00" in page and "Seen 11" in page and "Seen 12" not in page
