"""The shipped content: message templates and strategy guide (the question bank's is in
allies/questions/tests/test_bank.py)."""

from __future__ import annotations

import re
import shutil
import tomllib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.template import Context, Template

from allies.log.models import Purpose
from allies.tone.coach import cues_in
from allies.toolkit import defaults, guide
from allies.toolkit.defaults import (
    BLOCKS,
    KINDS,
    LANGUAGES,
    PLACEHOLDERS,
    default_template,
    fill,
    placeholders_in,
)
from tests.support.content import assert_broken_file_named

CONTENT_DIR = Path(__file__).resolve().parents[1] / "content"
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
    "why-us-vs-them-hurts",
    "three-pillars",
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
    expected |= {"meeting", "meeting_date", "decisions", "action_items"}
    assert expected == PLACEHOLDERS
    assert all(name.isidentifier() for name in PLACEHOLDERS)


# Strategy guide


def test_guide_pages_in_order() -> None:
    assert tuple(page.slug for page in guide.PAGES) == EXPECTED_PAGES
    assert [page.way for page in guide.FIVE_WAYS] == [1, 2, 3, 4, 5]
    assert guide.neighbours("why-us-vs-them-hurts") == (None, guide.PAGES[1])
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


def guide_file(language: str, slug: str) -> Path:
    return CONTENT_DIR / language / "guide" / f"{slug}.html"


def guide_body(language: str, slug: str) -> str:
    """The body of a page file: what follows its front matter."""
    text = guide_file(language, slug).read_text(encoding="utf-8")
    assert text.startswith("+++\n") and text.count("\n+++\n") == 1, "front matter first"
    return text.split("\n+++\n", 1)[1].strip()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", guide.PAGES, ids=lambda page: page.slug)
def test_guide_page_files(page: guide.GuidePage, language: str) -> None:
    path = guide_file(language, page.slug)
    assert path.is_file(), path
    html = guide_body(language, page.slug)
    assert html.startswith(("<h2>", "<p>")), path
    for syntax in ("{%", "{{", "{#", "%}", "}}", "#}"):
        assert syntax not in html, (path, syntax)
    tags = set(re.findall(r"</?([a-zA-Z0-9]+)", html))
    assert tags <= ALLOWED_TAGS, tags - ALLOWED_TAGS
    assert not re.search(r"<[a-zA-Z0-9]+\s", html), "no attributes (no styles, no scripts)"
    assert "<h1" not in html
    text = re.sub(r"<[^>]+>", " ", html)
    assert 250 <= words(text) <= 600, words(text)
    # The loader reads it, and the page template's {% include %} renders it as is.
    assert page.body(language) == html
    included = Template("{% include template_name %}")
    assert included.render(Context({"template_name": page.template_name(language)})) == html


@pytest.mark.parametrize("page", guide.PAGES, ids=lambda page: page.slug)
def test_guide_spanish_differs_from_english(page: guide.GuidePage) -> None:
    en = guide_body("en", page.slug)
    es = guide_body("es", page.slug)
    assert en != es
    assert en.count("<h2>") == es.count("<h2>")  # same outline in both languages


def test_no_stray_guide_files() -> None:
    for language in LANGUAGES:
        found = {path.name for path in (CONTENT_DIR / language / "guide").iterdir()}
        assert found == {f"{slug}.html" for slug in EXPECTED_PAGES}, language


def test_template_name() -> None:
    page = guide.by_slug("share-expertise")
    assert page.template_name("es-MX").source == guide_body("es", "share-expertise")
    assert page.template_name("en").source == guide_body("en", "share-expertise")
    assert page.template_name("fr") is page.template_name("en")  # compiled once


# Every language has every item (data-driven: a new language folder is covered as is)


def read(path: Path) -> dict[str, object]:
    with path.open("rb") as file:
        return tomllib.load(file)


def test_the_languages_are_the_content_folders() -> None:
    folders = {path.name for path in CONTENT_DIR.iterdir() if path.is_dir()}
    assert set(LANGUAGES) == folders - {"__pycache__"}
    assert LANGUAGES[0] == defaults.DEFAULT_LANGUAGE == "en"
    # Every language of the interface has its content (else it would fall back to English).
    assert {code for code, _name in settings.LANGUAGES} <= set(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_every_template(language: str) -> None:
    kinds = read(CONTENT_DIR / "kinds.toml")
    templates = read(CONTENT_DIR / language / "templates.toml")
    assert list(templates) == list(kinds) == list(defaults.KIND_KEYS)
    for kind, fields in templates.items():
        assert isinstance(fields, dict)
        assert set(fields) == {"label", "hint", "subject", "body"}, kind
        assert all(isinstance(text, str) and text.strip() for text in fields.values()), kind


@pytest.mark.parametrize("kind", EXPECTED_KINDS)
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("field", ["subject", "body"])
def test_every_language_uses_the_placeholders_of_english(
    kind: str, language: str, field: str
) -> None:
    english = placeholders_in(default_template(kind, "en")[field])
    assert placeholders_in(default_template(kind, language)[field]) == english


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_every_guide_page(language: str) -> None:
    pages = read(CONTENT_DIR / "guide.toml")
    assert list(pages) == list(EXPECTED_PAGES)
    for page in guide.PAGES:
        assert guide_body(language, page.slug), page.slug
        for text in (page.title, page.summary, page.action_label, page.bodies):
            assert text is not None and text.texts[language].strip(), page.slug


# The loader's errors: a file that is wrong stops the start with the file and the item


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of the shipped content, to break."""
    return Path(shutil.copytree(CONTENT_DIR, tmp_path / "content"))


def load_all(folder: Path) -> None:
    languages = defaults.discover_languages(folder)
    kinds = defaults.load_kinds(folder, languages)
    guide.load_pages(folder, languages, [kind.key for kind in kinds])


def test_a_copy_of_the_content_loads_the_same(content: Path) -> None:
    assert defaults.load_kinds(content, LANGUAGES) == KINDS
    assert guide.load_pages(content, LANGUAGES, defaults.KIND_KEYS) == guide.PAGES


def test_a_new_language_is_a_new_folder(content: Path) -> None:
    shutil.copytree(content / "en", content / "fr")
    languages = defaults.discover_languages(content)
    assert languages == ("en", "es", "fr")
    kinds = defaults.load_kinds(content, languages)
    assert kinds[0].message("fr-CA") == kinds[0].message("en")
    pages = guide.load_pages(content, languages, defaults.KIND_KEYS)
    assert pages[0].body("fr") == pages[0].body("en")


BROKEN = [
    # (file, old text, new text, what the error names)
    ("es/templates.toml", "[check_in]", "[check_inn]", ["check_in"]),
    ("es/templates.toml", 'label = "Agradecimiento"\n', "", ["appreciation", "label"]),
    ("es/templates.toml", "Gracias por su apoyo a {student}", "Gracias {studnet}", ["{studnet}"]),
    ("es/templates.toml", "Gracias por su apoyo a {student}", "Gracias {student", ["subject"]),
    (
        "es/templates.toml",
        "Gracias por su apoyo",
        "Gracias\\npor su apoyo",
        ["subject", "one line"],
    ),
    ("es/templates.toml", "[appreciation]", "[appreciation", ["not valid TOML"]),
    ("kinds.toml", 'purposes = ["appreciation"]', 'purposes = ["thanks"]', ["appreciation"]),
    ("guide.toml", 'action = "appreciation"', 'action = "thanks"', ["action"]),
    ("guide.toml", "way = 1", "way = 6", ["lead-with-appreciation.way"]),
    ("es/guide/share-expertise.html", "title = ", "titel = ", ["front matter", "title"]),
    ("es/guide/share-expertise.html", "+++\n<p>", "<p>", ["front matter"]),
]


@pytest.mark.parametrize(("name", "old", "new", "named"), BROKEN)
def test_a_broken_file_is_named_with_its_item(
    content: Path, name: str, old: str, new: str, named: list[str]
) -> None:
    assert_broken_file_named(content / name, old, new, named, lambda: load_all(content))


@pytest.mark.parametrize("name", ["es/templates.toml", "es/guide/the-human-element.html"])
def test_a_missing_file_is_named(content: Path, name: str) -> None:
    (content / name).unlink()
    with pytest.raises(ImproperlyConfigured, match=re.escape(f"{content / name}: missing")):
        load_all(content)


def test_english_is_required(content: Path) -> None:
    shutil.rmtree(content / "en")
    with pytest.raises(ImproperlyConfigured, match="there must be a folder 'en'"):
        load_all(content)
