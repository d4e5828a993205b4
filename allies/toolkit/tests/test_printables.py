"""The blank resources on paper: PDFs in English and Spanish, for anyone signed in."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader

from allies.meetings.checklist import STEPS
from tests.support import OWN_READ, ROLES, assert_outcome, client_for


def pdf_text(response: Any) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize("role", ROLES)
def test_anyone_signed_in_may_print_the_blank_log(personas: dict[str, Any], role: str) -> None:
    response = client_for(personas[role]).get("/toolkit/print/log/en/")
    assert_outcome(response, OWN_READ[role])


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ["Communication log", "With whom (role)", "Pick-up chat", "Appreciation"]),
        ("es", ["Registro de comunicación", "Con quién (función)", "Agradecimiento"]),
    ],
)
def test_the_blank_log_in_each_language(
    alice: Any, workspace: Any, language: str, words: list[str]
) -> None:
    response = client_for(alice).get(f"/toolkit/print/log/{language}/")
    text = " ".join(pdf_text(response).split())
    for word in words:
        assert word in text
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="communication-log-{language}.pdf"'
    )


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_checklist_has_every_step_in_its_language(
    alice: Any, workspace: Any, language: str
) -> None:
    text = " ".join(
        pdf_text(client_for(alice).get(f"/toolkit/print/checklist/{language}/")).split()
    )
    for step in STEPS:
        # The first words of each step (a long one wraps onto the next line).
        assert " ".join(step.text(language).split()[:4]) in text
    assert ("Antes" if language == "es" else "Before") in text


def test_the_resource_language_does_not_follow_the_page(alice: Any, workspace: Any) -> None:
    alice.language = "es"
    alice.save()
    text = pdf_text(client_for(alice).get("/toolkit/print/log/en/"))
    assert "Communication log" in text


@pytest.mark.parametrize("url", ["/toolkit/print/nope/en/", "/toolkit/print/log/fr/"])
def test_unknown_resources_and_languages_are_not_found(
    alice: Any, workspace: Any, url: str
) -> None:
    assert client_for(alice).get(url).status_code == 404


def test_the_toolkit_links_each_resource_in_both_languages(alice: Any, workspace: Any) -> None:
    page = client_for(alice).get("/toolkit/").content.decode()
    for name in ("log", "checklist"):
        for language in ("en", "es"):
            assert f'href="/toolkit/print/{name}/{language}/"' in page
