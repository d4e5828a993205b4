"""The guide: its pages in English and Spanish, each leading to the draft it suggests."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest

from allies.toolkit.guide import PAGES
from tests.support import client_for, page_of, spanish


def test_the_guide_lists_its_nine_pages(alice: Any, workspace: Any) -> None:
    page = page_of(client_for(alice).get("/guide/"))
    links = re.findall(r'<a href="/guide/([a-z-]+)/">', page)
    assert links == [p.slug for p in PAGES]
    assert len(links) == 9


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
