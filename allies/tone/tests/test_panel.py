"""The tone coach's panel speaks plainly, in the language of the text it reads."""

from __future__ import annotations

from typing import Any

from tests.support import client_for

WARM = "Thank you so much for the extra help with reading this week, we are grateful."


def _panel(user: Any, **data: str) -> str:
    response = client_for(user).post("/toolkit/tone/", data)
    assert response.status_code == 200
    return response.content.decode()


def test_the_panel_names_no_library_and_shows_no_bare_score(alice: Any, workspace: Any) -> None:
    page = _panel(alice, body=WARM, language="en")
    assert "VADER" not in page and "−1 to +1)" not in page
    assert "Overall, it reads as warm." in page
    # The number is there for the curious, inside a disclosure that explains it.
    assert "<details" in page and "How is this worked out?" in page


def test_a_spanish_draft_gets_the_whole_panel_in_spanish_on_an_english_page(
    alice: Any, workspace: Any
) -> None:
    page = _panel(alice, body="Usted tiene que llamarme hoy.", language="es")
    assert 'lang="es"' in page
    assert "Consejero de tono" in page and "Pruebe:" in page
    assert "Tone coach" not in page and "Try:" not in page


def test_a_log_summary_follows_the_page(alice: Any, workspace: Any) -> None:
    page = _panel(alice, summary="You must call me today.")
    assert 'lang="en"' in page and "Tone coach" in page
