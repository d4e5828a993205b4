"""Reading the content Allies ships as data: one folder per language, TOML and HTML files
checked when they are read, so that a file that is wrong stops the start with an
`ImproperlyConfigured` naming the file and the item.

The toolkit's message templates and guide (`toolkit.defaults`, `toolkit.guide`) and the
question bank (`questions.bank`) read their folders with these.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured

DEFAULT_LANGUAGE = "en"

_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")


def discover_languages(folder: Path) -> tuple[str, ...]:
    """The language folders in `folder` ("en", "es" …): English first, then by code."""
    codes = sorted(
        path.name
        for path in folder.iterdir()
        if path.is_dir() and _LANGUAGE_CODE.fullmatch(path.name)
    )
    return tuple(sorted(codes, key=lambda code: code != DEFAULT_LANGUAGE))


def base_language(language: str | None) -> str:
    """ "es-MX", "ES_us" and "es" give "es"."""
    return (language or "").strip().lower().replace("_", "-").split("-")[0]


@dataclass(frozen=True)
class Localized:
    """A text in each shipped language: ``texts[language]``.

    `label(language)` (or `label.get(language)`) picks the language by its base code
    ("es-MX" gives "es"), English for one not shipped; `label.es` is the Spanish text, for
    any shipped language.
    """

    texts: Mapping[str, str]

    def get(self, language: str | None) -> str:
        code = base_language(language)
        return self.texts[code] if code in self.texts else self.texts[DEFAULT_LANGUAGE]

    def __call__(self, language: str | None) -> str:
        """`label(language)` is `label.get(language)`."""
        return self.get(language)

    def __getattr__(self, language: str) -> str:
        texts = self.__dict__.get("texts")
        if texts is None or language not in texts:
            raise AttributeError(language)
        return str(texts[language])

    def __hash__(self) -> int:
        return hash(tuple(sorted(self.texts.items())))


def content_error(path: Path, item: str, problem: str) -> ImproperlyConfigured:
    """The error for a content file that is wrong: which file, which item, what is wrong."""
    return ImproperlyConfigured(f"{path}: {item}: {problem}")


def parse_toml(text: str, path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ImproperlyConfigured(f"{path}: not valid TOML: {error}") from error


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise ImproperlyConfigured(f"{path}: missing") from error
    except (OSError, UnicodeDecodeError) as error:
        raise ImproperlyConfigured(f"{path}: cannot be read: {error}") from error


def read_toml(path: Path) -> dict[str, Any]:
    return parse_toml(read_text(path), path)


def require_default_language(folder: Path, languages: Sequence[str]) -> None:
    if DEFAULT_LANGUAGE not in languages:
        raise ImproperlyConfigured(f"{folder}: there must be a folder {DEFAULT_LANGUAGE!r}")


def table(value: object, path: Path, item: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise content_error(path, item, "must be a table")
    return value


def same_keys(
    found: Collection[str], expected: Collection[str], path: Path, item: str, what: str
) -> None:
    """`found` has every key of `expected` and nothing else."""
    missing = [key for key in expected if key not in found]
    if missing:
        raise content_error(path, item, f"missing {what}: {', '.join(missing)}")
    unknown = [key for key in found if key not in expected]
    if unknown:
        raise content_error(path, item, f"unknown {what}: {', '.join(unknown)}")


def text_in(values: Mapping[str, Any], key: str, path: Path, item: str, one_line: bool) -> str:
    """A text that is not blank (and, if asked, on one line), stripped."""
    value = values.get(key)
    if not isinstance(value, str) or not value.strip():
        raise content_error(path, item, f"{key!r} must be a text that is not empty")
    if one_line and "\n" in value.strip():
        raise content_error(path, item, f"{key!r} must fit on one line")
    return value.strip()


def strings(value: object, path: Path, item: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise content_error(path, item, "must be a list of texts")
    return value
