"""The shipped question bank: its categories and questions in every language, and the
loader's errors, which name the file and the item."""

from __future__ import annotations

import re
import shutil
import tomllib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from allies.core.content import DEFAULT_LANGUAGE, discover_languages
from allies.questions import bank
from allies.questions.bank import CONTENT_DIR, LANGUAGES
from tests.support.content import assert_broken_file_named


def read(path: Path) -> dict[str, object]:
    with path.open("rb") as file:
        return tomllib.load(file)


def test_question_bank_size_and_keys() -> None:
    assert len(bank.QUESTIONS) >= 60
    keys = [question.key for question in bank.QUESTIONS]
    assert len(keys) == len(set(keys))
    for question in bank.QUESTIONS:
        assert re.fullmatch(rf"{question.category}-\d\d", question.key), question.key
        assert bank.by_key(question.key) is question
    with pytest.raises(KeyError):
        bank.by_key("nope-01")


def test_categories() -> None:
    category_keys = [category.key for category in bank.CATEGORIES]
    assert category_keys == [
        "know",
        "strengths",
        "progress",
        "communication",
        "collaboration",
        "meetings",
        "transitions",
    ]
    for category in bank.CATEGORIES:
        assert category.label.en.strip() and category.label.es.strip()
        assert len(bank.in_category(category.key)) >= 8, category.key
    for question in bank.QUESTIONS:
        assert question.category in category_keys


def test_questions_in_both_languages() -> None:
    english = set()
    spanish = set()
    for question in bank.QUESTIONS:
        assert question.en.strip() and question.es.strip(), question.key
        assert question.en != question.es, question.key
        assert question.audience in bank.AUDIENCES, question.key
        assert "{" not in question.en + question.es and "}" not in question.en + question.es
        assert "?" in question.en and "?" in question.es, question.key
        if question.es.endswith("?"):
            assert "¿" in question.es, question.key
        assert question.text("es") == question.es and question.text("en") == question.en
        english.add(question.en)
        spanish.add(question.es)
    assert len(english) == len(spanish) == len(bank.QUESTIONS)  # no duplicates
    audiences = {question.audience for question in bank.QUESTIONS}
    assert audiences == set(bank.AUDIENCES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_every_question_and_category(language: str) -> None:
    structure = read(CONTENT_DIR / "questions.toml")
    texts = read(CONTENT_DIR / language / "questions.toml")
    assert set(texts) == {"categories", "questions"}
    assert list(texts["categories"]) == structure["categories"]  # type: ignore[call-overload]
    assert list(texts["questions"]) == list(structure["audience"])  # type: ignore[call-overload]
    assert [q.key for q in bank.QUESTIONS] == list(structure["audience"])  # type: ignore[call-overload]
    for question in bank.QUESTIONS:
        assert question.wording.texts[language].strip(), question.key
    for category in bank.CATEGORIES:
        assert category.label.texts[language].strip(), category.key


def test_the_languages_are_the_content_folders() -> None:
    folders = {path.name for path in CONTENT_DIR.iterdir() if path.is_dir()}
    assert set(LANGUAGES) == folders - {"__pycache__"}
    assert LANGUAGES[0] == DEFAULT_LANGUAGE
    # Every language of the interface has its questions (else they would be in English).
    assert {code for code, _name in settings.LANGUAGES} <= set(LANGUAGES)


# The loader's errors: a file that is wrong stops the start with the file and the item


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of the shipped bank, to break."""
    return Path(shutil.copytree(CONTENT_DIR, tmp_path / "content"))


def load(folder: Path) -> None:
    bank.load_questions(folder, discover_languages(folder))


def test_a_copy_of_the_bank_loads_the_same(content: Path) -> None:
    assert bank.load_questions(content, LANGUAGES) == (bank.CATEGORIES, bank.QUESTIONS)


def test_a_new_language_is_a_new_folder(content: Path) -> None:
    shutil.copytree(content / "en", content / "fr")
    languages = discover_languages(content)
    assert languages == ("en", "es", "fr")
    categories, questions = bank.load_questions(content, languages)
    assert questions[0].text("fr") == questions[0].text("en") and categories[0].label.fr


BROKEN = [
    # (file, old text, new text, what the error names)
    ("questions.toml", 'know-01 = "family"', 'know-01 = "parents"', ["know-01"]),
    ("questions.toml", 'know-01 = "family"', 'knw-01 = "family"', ["knw-01"]),
    ("es/questions.toml", "know-02 = ", "know-2 = ", ["know-02"]),
    ("es/questions.toml", 'know = "Conocerse"\n', "", ["know"]),
    ("es/questions.toml", "[questions]", "[questions", ["not valid TOML"]),
]


@pytest.mark.parametrize(("name", "old", "new", "named"), BROKEN)
def test_a_broken_file_is_named_with_its_item(
    content: Path, name: str, old: str, new: str, named: list[str]
) -> None:
    assert_broken_file_named(content / name, old, new, named, lambda: load(content))


def test_a_missing_file_is_named(content: Path) -> None:
    (content / "es" / "questions.toml").unlink()
    missing = f"{content / 'es' / 'questions.toml'}: missing"
    with pytest.raises(ImproperlyConfigured, match=re.escape(missing)):
        load(content)


def test_english_is_required(content: Path) -> None:
    shutil.rmtree(content / "en")
    with pytest.raises(ImproperlyConfigured, match="there must be a folder 'en'"):
        load(content)
