"""The team-building question bank: questions that open a real conversation.

Most are written for a parent to ask a teacher, therapist or case manager; some are for
school staff to ask a family. `Question.audience` says who asks:

* "family": asked by the family (parent, co-parent, advocate) of someone at school;
* "school": asked by school staff of the family;
* "anyone": works either way.

Questions hold no placeholders: they say "my child" / "your child" ("mi hijo o hija" /
"su hijo o hija") so they can be copied anywhere. Keys ("know-01") are stable: they may
be stored, so never reuse or renumber one; add new ones at the end of their category.

The bank is data: ``content/questions.toml`` lists the categories and the questions in
order, with who asks each one; ``content/<language>/questions.toml`` holds the names of
the categories and the questions in that language. The languages are the folders found
in ``content/`` (English must be one), read with `allies.core.content`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from allies.core.content import (
    Localized,
    content_error,
    discover_languages,
    read_toml,
    require_default_language,
    same_keys,
    strings,
    table,
    text_in,
)

CONTENT_DIR = Path(__file__).resolve().parent / "content"
LANGUAGES: tuple[str, ...] = discover_languages(CONTENT_DIR)
AUDIENCES: tuple[str, ...] = ("family", "school", "anyone")


@dataclass(frozen=True)
class Category:
    key: str
    label: Localized


@dataclass(frozen=True)
class Question:
    key: str
    category: str  # a Category.key
    wording: Localized
    audience: str = "family"  # one of AUDIENCES

    def text(self, language: str | None) -> str:
        return self.wording(language)

    def __getattr__(self, language: str) -> str:
        """`question.es` is the question in Spanish, for any shipped language."""
        wording = self.__dict__.get("wording")
        if wording is None or language not in wording.texts:
            raise AttributeError(language)
        return str(wording.texts[language])


_KEY = re.compile(r"([a-z_]+)-\d\d")


def load_questions(
    folder: Path, languages: Sequence[str]
) -> tuple[tuple[Category, ...], tuple[Question, ...]]:
    """The categories and questions of `folder/questions.toml`, in each language."""
    require_default_language(folder, languages)
    path = folder / "questions.toml"
    structure = read_toml(path)
    same_keys(structure, ("categories", "audience"), path, "questions.toml", "key")
    category_keys = strings(structure["categories"], path, "categories")
    if not category_keys or len(set(category_keys)) != len(category_keys):
        raise content_error(path, "categories", "must list each category once")
    audience = table(structure["audience"], path, "audience")
    for key, who in audience.items():
        match = _KEY.fullmatch(key)
        if not match or match.group(1) not in category_keys:
            raise content_error(path, key, "an id is a category and two digits: know-01")
        if who not in AUDIENCES:
            raise content_error(path, key, f"who asks is one of {', '.join(AUDIENCES)}")

    labels: dict[str, dict[str, str]] = {}  # category: language: label
    wordings: dict[str, dict[str, str]] = {}  # question: language: text
    for language in languages:
        path = folder / language / "questions.toml"
        found = read_toml(path)
        same_keys(found, ("categories", "questions"), path, "questions.toml", "key")
        names = table(found["categories"], path, "categories")
        same_keys(names, category_keys, path, "categories", "category")
        for key in names:
            labels.setdefault(key, {})[language] = text_in(names, key, path, key, one_line=True)
        texts = table(found["questions"], path, "questions")
        same_keys(texts, audience, path, "questions", "question")
        for key in texts:
            wordings.setdefault(key, {})[language] = text_in(texts, key, path, key, one_line=True)

    categories = tuple(Category(key, Localized(labels[key])) for key in category_keys)
    questions = tuple(
        Question(key, key.rsplit("-", 1)[0], Localized(wordings[key]), who)
        for key, who in audience.items()
    )
    return categories, questions


CATEGORIES: tuple[Category, ...]
QUESTIONS: tuple[Question, ...]
CATEGORIES, QUESTIONS = load_questions(CONTENT_DIR, LANGUAGES)

QUESTIONS_BY_KEY: dict[str, Question] = {question.key: question for question in QUESTIONS}
CATEGORIES_BY_KEY: dict[str, Category] = {category.key: category for category in CATEGORIES}


def by_key(key: str) -> Question:
    """The question called `key`; KeyError if there is none."""
    return QUESTIONS_BY_KEY[key]


def in_category(category: str) -> tuple[Question, ...]:
    """The questions of one category, in order (empty for an unknown category)."""
    return tuple(question for question in QUESTIONS if question.category == category)
