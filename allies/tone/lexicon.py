"""The tone coach's phrase lexicon: what can turn allies into adversaries, as data.

One file per language, `lexicon/<language>.toml` next to this module; the languages are
the files found there (English must be one). Each entry names a surface pattern, its
category, the words a match can start with, why it can land badly and a collaborative
way to say it instead. The explanation and the suggestion are written in the entry's
own language (the Spanish file carries Spanish text, in the usted register): they
describe the user's text, so they follow the text's language, not the interface's.
Only the category labels are interface strings (gettext). A file also holds the advice
for the two amplifiers, its acronyms (any language's acronyms count in every language)
and, for a language VADER does not score (all but English), its warm and tense markers.

Patterns are written as readable regular expressions and compiled by `_compile`:

* a space matches any run of whitespace, line breaks included;
* an apostrophe matches the straight and the typographic ones (’ ‘ ` ´);
* a letter listed in the file's ``[accents]`` matches the letters given for it: in
  Spanish, vowels match with or without an accent ("está"/"esta", "sólo"/"solo") and
  "ñ" matches "n" (coach.py composes decomposed accents before matching);
* the whole pattern is case-insensitive and must start and end on a word edge;
* a line break in the file, with the spaces around it, is not part of the pattern.

Lookbehinds are copied as written (they must stay fixed-width), so they spell out
whitespace as `\\s` and accents by hand. Character classes are copied as written too.

An entry's ``starts`` lists every word a match can begin with (a word ending in ``*``
stands for any word starting with it). The coach tries each pattern only at those words
of a text, which keeps 10,000 characters well under 50 ms; the tests check the list
against the patterns.

Files are read on first use and patterns compiled on first use, each once for the life
of the process: importing this module reads nothing, and Django's start-up does not pay
the tens of milliseconds that compiling every pattern takes. A file that is malformed or
incomplete raises ImproperlyConfigured naming the file and the item.

Choices made to keep false positives down (the coach must stay worth listening to):

* "always" is only flagged with a complaint after it ("you always forget"), never in
  praise ("you always make him feel welcome"); "never" is flagged after a person or
  the school ("you never answer"), except in praise and idioms ("never fails to",
  "never gives up", "never mind", "you never know"). "he/she never" is left alone:
  the child is usually the subject, often in praise.
* "as always"/"como siempre" is sarcasm only next to a complaint ("late again, as
  usual"); "Thanks, as always, for your help" is warm.
* A lawyer, an advocate, a complaint or due process are rights. Announcing them as
  what you will do ("I'm going to call a lawyer") or as a condition ("… or I will
  call a lawyer") is flagged, and the explanation says it is a right; telling what
  happened ("we talked with a lawyer about our rights") is not. An advocate is only
  flagged inside a condition ("or I'll bring in an advocate").
* "you need to" after "if", "when", "do", "I know/understand that" is not a demand
  ("if you need to reach me…"); "you must see her drawing" is enthusiasm.
* "must-have", "a must", "Sorry to bother you", "I know you're busy, but…",
  "Sí, claro", "Con todo respeto" are not flagged: usually sincere. "Obviously" is
  condescending about the reader, not about oneself ("Obviously we're thrilled").
"""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from collections.abc import Iterator, Mapping, Set
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    DEMAND = "demand", _("Demand")
    ABSOLUTE = "absolute", _("Absolute")
    BLAME = "blame", _("Blame")
    THREAT = "threat", _("Threat")
    SARCASM = "sarcasm", _("Sarcasm")
    DISMISSIVE = "dismissive", _("Dismissive")
    ALL_CAPS = "all_caps", _("Shouting (capitals)")
    EXCLAMATIONS = "exclamations", _("Exclamation marks")


# Found by code (coach.py) rather than by a phrase: emphasis that amplifies a tense message.
AMPLIFIERS = frozenset({Category.ALL_CAPS.value, Category.EXCLAMATIONS.value})
# The categories of the phrases in the files.
PHRASE_CATEGORIES = frozenset(c.value for c in Category) - AMPLIFIERS

DATA_DIR = Path(__file__).resolve().parent / "lexicon"
DEFAULT_LANGUAGE = "en"


def discover_languages(folder: Path) -> tuple[str, ...]:
    """The languages with a file in `folder`: English first, then by code."""
    codes = sorted(path.stem for path in folder.glob("*.toml"))
    return tuple(sorted(codes, key=lambda code: code != DEFAULT_LANGUAGE))


LANGUAGES: tuple[str, ...] = discover_languages(DATA_DIR)


@dataclass(frozen=True, slots=True)
class Anchors:
    """Where a pattern can match: the words its matches start with (an entry's `starts`).

    Words are folded (`fold_word`); a stem matches any word starting with it. No word
    and no stem: the pattern is tried everywhere.
    """

    first_words: frozenset[str] = frozenset()
    first_stems: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True, eq=False)  # compared and hashed by identity
class Entry:
    id: str  # "<language>.<category>.<name>"
    category: str
    pattern: re.Pattern[str]
    explanation: str
    suggestion: str
    # Where a match can start: the analyser only tries the pattern at a word of the text
    # that can begin it, which is what keeps 10,000 characters well under 50 ms.
    anchors: Anchors = field(default_factory=Anchors)


@dataclass(frozen=True)
class Row:
    """One entry as written in its file, before its pattern is compiled."""

    id: str  # "<category>.<name>", as in the file
    category: str
    starts: tuple[str, ...]  # folded; a stem ends in "*"
    source: str  # the pattern, line breaks removed
    explanation: str
    suggestion: str


@dataclass(frozen=True)
class LexiconFile:
    """One language's file, read and checked."""

    path: Path
    language: str
    rows: tuple[Row, ...]
    amplifier_text: dict[str, tuple[str, str]]  # category: (explanation, suggestion)
    acronyms: frozenset[str]  # in capitals, accents removed
    accents: dict[str, str]  # a letter: the regex class it stands for ("[aá]")
    markers: tuple[str, str] | None  # (warm, tense) pattern sources, or None


def fold_word(word: str) -> str:
    """How words are compared with an entry's `starts`: lower-case, accents removed."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# ── reading a file ────────────────────────────────────────────────────────────────────

_FILE_KEYS = {"acronyms", "accents", "markers", "amplifiers", "entries"}
_ENTRY_KEYS = {"id", "starts", "pattern", "explanation", "suggestion"}
_ID = re.compile(r"([a-z_]+)\.[a-z0-9_]+")
_START = re.compile(r"\w+\*?")
_LINE_BREAK = re.compile(r"[ \t]*\r?\n[ \t]*")


def read_file(folder: Path, language: str) -> LexiconFile:
    """`folder/<language>.toml`, read and checked; ImproperlyConfigured if it is wrong."""
    path = folder / f"{language}.toml"

    def fail(where: str, problem: str) -> ImproperlyConfigured:
        return ImproperlyConfigured(f"{path}: {where}: {problem}")

    try:
        with path.open("rb") as file:
            data = tomllib.load(file)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ImproperlyConfigured(f"{path}: cannot be read: {error}") from error
    unknown = set(data) - _FILE_KEYS
    if unknown:
        raise fail(", ".join(sorted(unknown)), "unknown key")

    def text(table: Mapping[str, Any], key: str, where: str) -> str:
        value = table.get(key)
        if not isinstance(value, str) or not value.strip():
            raise fail(where, f"{key!r} must be a non-empty text")
        return value

    def texts(value: object, where: str) -> list[str]:
        if not isinstance(value, list) or not value:
            raise fail(where, "must be a non-empty list of texts")
        if not all(isinstance(item, str) and item.strip() for item in value):
            raise fail(where, "must be a non-empty list of texts")
        return value

    amplifiers = data.get("amplifiers")
    if not isinstance(amplifiers, dict) or set(amplifiers) != AMPLIFIERS:
        raise fail("amplifiers", f"needs exactly {', '.join(sorted(AMPLIFIERS))}")
    amplifier_text = {}
    for category, advice in amplifiers.items():
        where = f"amplifiers.{category}"
        if not isinstance(advice, dict) or set(advice) != {"explanation", "suggestion"}:
            raise fail(where, "needs exactly 'explanation' and 'suggestion'")
        amplifier_text[category] = (
            text(advice, "explanation", where),
            text(advice, "suggestion", where),
        )

    acronyms = frozenset(
        fold_word(word).upper() for word in texts(data.get("acronyms"), "acronyms")
    )

    accents: dict[str, str] = {}
    if not isinstance(data.get("accents", {}), dict):
        raise fail("accents", "must be a table of letters")
    for letter, letters in data.get("accents", {}).items():
        if len(letter) != 1 or not isinstance(letters, str) or not (letter + letters).isalpha():
            raise fail(f"accents.{letter}", "must map one letter to the letters it matches")
        accents[letter.lower()] = f"[{letters}]" if len(letters) > 1 else letters

    markers = None
    if "markers" in data:
        table = data["markers"]
        if not isinstance(table, dict) or set(table) != {"warm", "tense"}:
            raise fail("markers", "needs exactly 'warm' and 'tense'")
        markers = (
            "|".join(texts(table["warm"], "markers.warm")),
            "|".join(texts(table["tense"], "markers.tense")),
        )

    entries = data.get("entries")
    if not isinstance(entries, list) or not entries:
        raise fail("entries", "there must be at least one [[entries]] table")
    rows: list[Row] = []
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        rid = entry.get("id") if isinstance(entry, dict) else None
        where = f"entry {rid!r}" if isinstance(rid, str) else f"entry number {number}"
        if not isinstance(entry, dict) or set(entry) != _ENTRY_KEYS:
            raise fail(where, f"needs exactly {', '.join(sorted(_ENTRY_KEYS))}")
        id_match = _ID.fullmatch(entry["id"]) if isinstance(entry["id"], str) else None
        if not id_match or id_match.group(1) not in PHRASE_CATEGORIES:
            raise fail(
                where,
                "'id' must be a category and a name, such as 'demand.you_must'; the "
                f"categories are {', '.join(sorted(PHRASE_CATEGORIES))}",
            )
        if entry["id"] in seen:
            raise fail(where, "the id is used twice")
        seen.add(entry["id"])
        starts = tuple(
            fold_word(word.strip()) for word in texts(entry["starts"], f"{where}: 'starts'")
        )
        if not all(_START.fullmatch(word) for word in starts):
            raise fail(where, "'starts' must hold single words, a stem ending in '*'")
        rows.append(
            Row(
                id=entry["id"],
                category=id_match.group(1),
                starts=starts,
                source=_LINE_BREAK.sub("", text(entry, "pattern", where)),
                explanation=text(entry, "explanation", where),
                suggestion=text(entry, "suggestion", where),
            )
        )
    return LexiconFile(
        path=path,
        language=language,
        rows=tuple(rows),
        amplifier_text=amplifier_text,
        acronyms=acronyms,
        accents=accents,
        markers=markers,
    )


def compile_entries(lexicon: LexiconFile) -> tuple[Entry, ...]:
    """The file's entries with their patterns compiled; ImproperlyConfigured if one is wrong."""
    built = []
    for row in lexicon.rows:
        try:
            pattern = _compile(row.source, lexicon.accents)
        except re.error as error:
            raise ImproperlyConfigured(
                f"{lexicon.path}: entry {row.id!r}: 'pattern' is not a valid pattern: {error}"
            ) from error
        words = {word for word in row.starts if not word.endswith("*")}
        stems = {word[:-1] for word in row.starts if word.endswith("*")}
        built.append(
            Entry(
                id=f"{lexicon.language}.{row.id}",
                category=row.category,
                pattern=pattern,
                explanation=row.explanation,
                suggestion=row.suggestion,
                anchors=Anchors(frozenset(words), frozenset(stems)),
            )
        )
    return tuple(built)


def compile_markers(lexicon: LexiconFile) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """(warm, tense) word patterns, or None for a file without markers."""
    if lexicon.markers is None:
        return None
    try:
        warm, tense = (_compile(source, lexicon.accents) for source in lexicon.markers)
    except re.error as error:
        raise ImproperlyConfigured(
            f"{lexicon.path}: markers: not a valid pattern: {error}"
        ) from error
    return warm, tense


# ── the shipped files, read and compiled on first use ─────────────────────────────────


def _shipped(language: str) -> str:
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def lexicon_file(language: str) -> LexiconFile:
    """The shipped file for `language` (anything not shipped: English), read once."""
    return _read_shipped(_shipped(language))


@functools.cache
def _read_shipped(language: str) -> LexiconFile:
    return read_file(DATA_DIR, language)


@functools.cache
def entries(language: str) -> tuple[Entry, ...]:
    """The compiled lexicon for a shipped language (anything else: English).

    Compiled on first use and kept for the life of the process: compiling every pattern
    takes some tens of milliseconds, which Django's start-up should not pay.
    """
    return compile_entries(lexicon_file(language))


@functools.cache
def markers(language: str) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """(warm, tense) word patterns for a language VADER does not score, compiled on first use.

    None for a language whose file has no markers (English).
    """
    return compile_markers(lexicon_file(language))


def spanish_markers() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(warm, tense) word patterns for Spanish, compiled on first use."""
    found = markers("es")
    if found is None:
        raise ImproperlyConfigured(f"{DATA_DIR / 'es.toml'}: markers: missing")
    return found


@functools.cache
def acronyms() -> frozenset[str]:
    """Capitalised words that are names, not shouting: every language's, in capitals,
    accents removed (compared the same way)."""
    return frozenset().union(*(lexicon_file(language).acronyms for language in LANGUAGES))


def amplifier_text(language: str) -> dict[str, tuple[str, str]]:
    """Category: (explanation, suggestion) for capitals and exclamation marks."""
    return lexicon_file(language).amplifier_text


class _Acronyms(Set[str]):
    """`acronyms()` as a set, read on first use."""

    def __contains__(self, word: object) -> bool:
        return word in acronyms()

    def __iter__(self) -> Iterator[str]:
        return iter(acronyms())

    def __len__(self) -> int:
        return len(acronyms())


class _AmplifierText(Mapping[str, dict[str, tuple[str, str]]]):
    """`amplifier_text` of every shipped language, read on first use."""

    def __getitem__(self, language: str) -> dict[str, tuple[str, str]]:
        if language not in LANGUAGES:
            raise KeyError(language)
        return amplifier_text(language)

    def __iter__(self) -> Iterator[str]:
        return iter(LANGUAGES)

    def __len__(self) -> int:
        return len(LANGUAGES)


ACRONYMS: Set[str] = _Acronyms()
AMPLIFIER_TEXT: Mapping[str, dict[str, tuple[str, str]]] = _AmplifierText()


# ── compiling a pattern ───────────────────────────────────────────────────────────────

APOSTROPHE = "['’‘`´]"


def _expand(source: str, accents: Mapping[str, str]) -> str:
    """Spaces, apostrophes and accents made tolerant; classes and lookbehinds kept."""
    out: list[str] = []
    i, n = 0, len(source)
    while i < n:
        c = source[i]
        if c == "\\":
            out.append(source[i : i + 2])
            i += 2
        elif c == "[":
            j = i + 1
            if j < n and source[j] == "^":
                j += 1
            if j < n and source[j] == "]":
                j += 1
            while j < n and source[j] != "]":
                j += 2 if source[j] == "\\" else 1
            out.append(source[i : j + 1])
            i = j + 1
        elif source.startswith(("(?<=", "(?<!"), i):
            depth, j = 0, i
            while j < n:
                if source[j] == "\\":
                    j += 2
                    continue
                if source[j] == "(":
                    depth += 1
                elif source[j] == ")":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            out.append(source[i : j + 1])
            i = j + 1
        elif source.startswith("(?", i):
            out.append(source[i : i + 3])
            i += 3
        elif c == " ":
            out.append(r"\s+")
            i += 1
        elif c == "'":
            out.append(APOSTROPHE)
            i += 1
        elif c.lower() in accents:
            out.append(accents[c.lower()])
            i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _compile(source: str, accents: Mapping[str, str]) -> re.Pattern[str]:
    body = _expand(source, accents)
    return re.compile(r"(?<!\w)(?:" + body + r")(?!\w)", re.IGNORECASE)
