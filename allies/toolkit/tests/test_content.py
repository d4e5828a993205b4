"""The shipped content: message templates, question bank and strategy guide."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.template.loader import render_to_string

from allies.log.models import Purpose
from allies.tone.coach import cues_in
from allies.toolkit import defaults, guide, questions
from allies.toolkit.defaults import (
    BLOCKS,
    KINDS,
    LANGUAGES,
    PLACEHOLDERS,
    default_template,
    fill,
    placeholders_in,
)

GUIDE_DIR = Path(__file__).resolve().parents[2] / "templates" / "toolkit" / "guide"
ALLOWED_TAGS = {"p", "h2", "h3", "ul", "ol", "li", "blockquote", "strong", "em"}
EXPECTED_KINDS = (
    "appreciation",
    "check_in",
    "monthly_update",
    "concern",
    "meeting_request",
    "meeting_follow_up",
    "home_insight",
)
EXPECTED_PAGES = (
    "lead-with-appreciation",
    "share-expertise",
    "regular-positive-communication",
    "solutions-not-positions",
    "the-human-element",
    "communication-scripts",
    "a-small-action-each-week",
)


def words(text: str) -> int:
    return len(text.split())


def braces_balanced(text: str) -> bool:
    depth = 0
    for char in text:
        if char == "{":
            depth += 1
            if depth > 1:
                return False
        elif char == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def all_messages() -> list[tuple[str, str, str, str]]:
    """(kind, language, field, text) for every subject and body."""
    return [
        (kind.key, language, field, default_template(kind.key, language)[field])
        for kind in KINDS
        for language in LANGUAGES
        for field in ("subject", "body")
    ]


# Message templates


def test_kinds_are_the_expected_ones_in_order() -> None:
    assert defaults.KIND_KEYS == EXPECTED_KINDS
    assert set(defaults.KINDS_BY_KEY) == set(EXPECTED_KINDS)


@pytest.mark.parametrize("kind", EXPECTED_KINDS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_kind_has_both_languages(kind: str, language: str) -> None:
    template = default_template(kind, language)
    assert set(template) == {"subject", "body"}
    assert template["subject"].strip()
    assert template["body"].strip()
    assert "\n" not in template["subject"]


@pytest.mark.parametrize("kind", EXPECTED_KINDS)
def test_spanish_is_not_a_copy_of_english(kind: str) -> None:
    en = default_template(kind, "en")
    es = default_template(kind, "es")
    assert en["subject"] != es["subject"]
    assert en["body"] != es["body"]


@pytest.mark.parametrize(("kind", "language", "field", "text"), all_messages())
def test_only_known_placeholders(kind: str, language: str, field: str, text: str) -> None:
    assert braces_balanced(text), f"{kind}/{language}/{field}"
    used = placeholders_in(text)
    assert used <= PLACEHOLDERS, used - PLACEHOLDERS
    assert used <= defaults.get_kind(kind).placeholders, f"{kind} may not use {used}"
    # str.format would accept it too: no stray braces, no format specs.
    text.format(**{name: "x" for name in PLACEHOLDERS})


def test_placeholders_in_rejects_bad_fields() -> None:
    for bad in ("{student", "student}", "{student!r}", "{student:>9}", "{}", "{0}"):
        with pytest.raises(ValueError):
            placeholders_in(bad)


@pytest.mark.parametrize("language", LANGUAGES)
def test_monthly_update_uses_every_block_under_a_heading(language: str) -> None:
    body = default_template("monthly_update", language)["body"]
    assert placeholders_in(body) >= BLOCKS | {"month", "recipients", "student", "my_name"}
    lines = body.splitlines()
    for block in BLOCKS:
        line = lines.index("{" + block + "}")  # alone on its own line
        heading = lines[line - 1].strip()
        assert heading and "{" not in heading and words(heading) <= 6
        assert lines[line + 1] == ""  # a blank line after each block


@pytest.mark.parametrize("kind", EXPECTED_KINDS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_bodies_greet_sign_off_and_have_a_fair_length(kind: str, language: str) -> None:
    body = default_template(kind, language)["body"]
    lines = body.strip().splitlines()
    assert "{recipients}" in lines[0]
    assert lines[-1] == "{my_name}"
    assert 60 <= words(body) <= 180, words(body)
    assert "<" not in body and ">" not in body  # plain text


@pytest.mark.parametrize("kind", EXPECTED_KINDS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_cues_are_simple(kind: str, language: str) -> None:
    template = default_template(kind, language)
    for field in ("subject", "body"):
        text = template[field]
        # Every bracket belongs to a cue: cues never nest, span lines or hold braces.
        assert text.count("[") == text.count("]") == len(cues_in(text))
    if kind != "monthly_update":
        assert cues_in(template["body"]), "the sender is asked for specifics"


def test_kinds_have_labels_purposes_and_guides() -> None:
    for kind in KINDS:
        assert kind.label.en and kind.label.es and kind.label.en != kind.label.es
        assert kind.hint.en and kind.hint.es and kind.hint.en != kind.hint.es
        assert kind.purposes
        for name in kind.purposes:
            assert name in defaults.PURPOSE_NAMES
            assert Purpose[name.upper()]
        assert kind.guide in guide.PAGES_BY_SLUG
    assert defaults.get_kind("appreciation").purposes == ("appreciation",)
    assert defaults.get_kind("concern").purposes == ("concern", "request")
    assert {name.upper() for name in defaults.PURPOSE_NAMES} == set(Purpose.names)


def test_default_template_languages_and_unknown_kinds() -> None:
    assert default_template("appreciation", "es-mx") == default_template("appreciation", "es")
    assert default_template("appreciation", "fr") == default_template("appreciation", "en")
    assert default_template("appreciation", None) == default_template("appreciation", "en")
    with pytest.raises(KeyError):
        default_template("complaint", "en")


def test_localized_text() -> None:
    label = defaults.get_kind("appreciation").label
    assert label("es") == label.get("es-MX") == label.es == "Agradecimiento"
    assert label("en") == label(None) == label("de") == label.en == "Appreciation"


def test_fill_replaces_known_names_only() -> None:
    text = "Hi {recipients}, about {student} {unknown} [what you noticed] {"
    filled = fill(text, {"recipients": "Ms. Lee", "student": "Sam"})
    assert filled == "Hi Ms. Lee, about Sam {unknown} [what you noticed] {"
    body = default_template("monthly_update", "en")["body"]
    values = {name: name.upper() for name in PLACEHOLDERS}
    assert fill(body, values) == body.format(**values)


def test_placeholder_set() -> None:
    expected = {"recipients", "student", "my_name", "school", "month"}
    expected |= {"victories", "concerns", "coming_dates", "open_questions"}
    assert expected == PLACEHOLDERS
    assert all(name.isidentifier() for name in PLACEHOLDERS)


# Question bank


def test_question_bank_size_and_keys() -> None:
    assert len(questions.QUESTIONS) >= 60
    keys = [question.key for question in questions.QUESTIONS]
    assert len(keys) == len(set(keys))
    for question in questions.QUESTIONS:
        assert re.fullmatch(rf"{question.category}-\d\d", question.key), question.key
        assert questions.by_key(question.key) is question
    with pytest.raises(KeyError):
        questions.by_key("nope-01")


def test_categories() -> None:
    category_keys = [category.key for category in questions.CATEGORIES]
    assert category_keys == [
        "know",
        "strengths",
        "progress",
        "communication",
        "collaboration",
        "meetings",
        "transitions",
    ]
    for category in questions.CATEGORIES:
        assert category.label.en.strip() and category.label.es.strip()
        assert len(questions.in_category(category.key)) >= 8, category.key
    for question in questions.QUESTIONS:
        assert question.category in category_keys


def test_questions_in_both_languages() -> None:
    english = set()
    spanish = set()
    for question in questions.QUESTIONS:
        assert question.en.strip() and question.es.strip(), question.key
        assert question.en != question.es, question.key
        assert question.audience in questions.AUDIENCES, question.key
        assert "{" not in question.en + question.es and "}" not in question.en + question.es
        assert "?" in question.en and "?" in question.es, question.key
        if question.es.endswith("?"):
            assert "¿" in question.es, question.key
        assert question.text("es") == question.es and question.text("en") == question.en
        english.add(question.en)
        spanish.add(question.es)
    assert len(english) == len(spanish) == len(questions.QUESTIONS)  # no duplicates
    audiences = {question.audience for question in questions.QUESTIONS}
    assert audiences == set(questions.AUDIENCES)


# Strategy guide


def test_guide_pages_in_order() -> None:
    assert tuple(page.slug for page in guide.PAGES) == EXPECTED_PAGES
    assert [page.way for page in guide.FIVE_WAYS] == [1, 2, 3, 4, 5]
    assert guide.neighbours("lead-with-appreciation") == (None, guide.PAGES[1])
    assert guide.neighbours("a-small-action-each-week")[1] is None


@pytest.mark.parametrize("page", guide.PAGES, ids=lambda page: page.slug)
def test_guide_page_metadata(page: guide.GuidePage) -> None:
    for text in (page.title, page.summary):
        assert text.en.strip() and text.es.strip() and text.en != text.es
        assert "\n" not in text.en + text.es
    if page.action_kind is None:
        assert page.action_label is None
    else:
        assert page.action_kind in defaults.KINDS_BY_KEY
        assert page.action_label is not None
        assert page.action_label.en.strip() and page.action_label.es.strip()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", guide.PAGES, ids=lambda page: page.slug)
def test_guide_page_files(page: guide.GuidePage, language: str) -> None:
    path = GUIDE_DIR / language / f"{page.slug}.html"
    assert path.is_file(), path
    html = path.read_text(encoding="utf-8").strip()
    assert html.startswith(("<h2>", "<p>")), path
    for syntax in ("{%", "{{", "{#", "%}", "}}", "#}"):
        assert syntax not in html, (path, syntax)
    tags = set(re.findall(r"</?([a-zA-Z0-9]+)", html))
    assert tags <= ALLOWED_TAGS, tags - ALLOWED_TAGS
    assert not re.search(r"<[a-zA-Z0-9]+\s", html), "no attributes (no styles, no scripts)"
    assert "<h1" not in html
    text = re.sub(r"<[^>]+>", " ", html)
    assert 250 <= words(text) <= 600, words(text)
    # The loader finds it where the page template will look, and it renders as is.
    assert render_to_string(page.template_name(language)).strip() == html


@pytest.mark.parametrize("page", guide.PAGES, ids=lambda page: page.slug)
def test_guide_spanish_differs_from_english(page: guide.GuidePage) -> None:
    en = (GUIDE_DIR / "en" / f"{page.slug}.html").read_text(encoding="utf-8")
    es = (GUIDE_DIR / "es" / f"{page.slug}.html").read_text(encoding="utf-8")
    assert en != es
    assert en.count("<h2>") == es.count("<h2>")  # same outline in both languages


def test_no_stray_guide_files() -> None:
    for language in LANGUAGES:
        found = {path.stem for path in (GUIDE_DIR / language).glob("*.html")}
        assert found == set(EXPECTED_PAGES), language


def test_template_name() -> None:
    page = guide.by_slug("share-expertise")
    assert page.template_name("es-MX") == "toolkit/guide/es/share-expertise.html"
    assert page.template_name("en") == "toolkit/guide/en/share-expertise.html"
