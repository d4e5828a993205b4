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


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_question_list_holds_the_whole_bank_in_its_language(
    alice: Any, workspace: Any, language: str
) -> None:
    from allies.questions import bank

    response = client_for(alice).get(f"/toolkit/print/questions/{language}/")
    assert response["Content-Disposition"].endswith(f'question-list-{language}.pdf"')
    text = " ".join(pdf_text(response).split())
    for category in bank.CATEGORIES:
        assert category.label(language) in text
    first = bank.in_category(bank.CATEGORIES[0].key)[0]
    assert " ".join(first.text(language).split())[:40] in text


def test_the_question_list_can_be_one_category(alice: Any, workspace: Any) -> None:
    from allies.questions import bank

    one, other = bank.CATEGORIES[0], bank.CATEGORIES[1]
    response = client_for(alice).get(f"/toolkit/print/questions/en/?category={one.key}")
    text = " ".join(pdf_text(response).split())
    assert one.label("en") in text
    assert " ".join(bank.in_category(other.key)[0].text("en").split())[:40] not in text
    # An unknown category prints them all, rather than an empty page.
    everything = client_for(alice).get("/toolkit/print/questions/en/?category=<script>")
    assert other.label("en") in " ".join(pdf_text(everything).split())


def test_the_question_bank_page_links_to_its_category_on_paper(alice: Any, workspace: Any) -> None:
    from allies.questions import bank

    key = bank.CATEGORIES[1].key
    page = client_for(alice).get(f"/toolkit/questions/?category={key}").content.decode()
    assert f'href="/toolkit/print/questions/es/?category={key}"' in page
    assert (
        'href="/toolkit/print/questions/en/"'
        in client_for(alice).get("/toolkit/questions/").content.decode()
    )
