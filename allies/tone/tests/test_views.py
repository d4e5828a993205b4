"""The tone coach's view: who may use it, what it flags, in which language, and its
cues still to fill in.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.support import (
    OWN_READ,
    PAYLOAD,
    POST_ONLY,
    ROLES,
    assert_outcome,
    client_for,
    make_user,
    page_of,
    spanish,
)

# --- Who may use it -------------------------------------------------------------------


@pytest.mark.parametrize(("role", "expected"), OWN_READ.items())
def test_the_tone_coach_answers_anyone_in_a_workspace(
    personas: dict[str, Any], role: str, expected: Any
) -> None:
    """It only reads the text it is given; it writes nothing, so viewers may use it too."""
    response = client_for(personas[role]).post("/toolkit/tone/", {"body": "You must call."})
    assert_outcome(response, expected)


@pytest.mark.parametrize("role", ROLES)
def test_the_tone_coach_refuses_a_get(personas: dict[str, Any], role: str) -> None:
    response = client_for(personas[role]).get("/toolkit/tone/")
    assert_outcome(response, POST_ONLY[role])


def test_a_user_without_a_workspace_gets_404_not_an_error(db: Any) -> None:
    loner = make_user("loner@example.com")
    assert client_for(loner).post("/toolkit/tone/", {"body": "Hi"}).status_code == 404


# --- What it says ---------------------------------------------------------------------


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


def test_the_tone_panel_lists_the_cues_still_to_fill_in(alice: Any, workspace: Any) -> None:
    page = page_of(client_for(alice).post("/toolkit/tone/", {"body": "Hi [name], thanks."}))
    assert "Still to fill in:" in page and "[name]" in page
    # A log summary is not a draft: no cue list there.
    page = page_of(client_for(alice).post("/toolkit/tone/", {"summary": "Asked [about] it."}))
    assert "Still to fill in:" not in page
