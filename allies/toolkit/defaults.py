"""The message templates Allies ships, in every language it ships, and the content files.

These are data, not gettext strings: each kind of message carries its own subject and
body in each language, so a family can write in one language while the app runs in
another. They live in ``content/`` next to this module: ``kinds.toml`` says which kinds
there are, in order (with the log purposes and the guide page of each), and
``content/<language>/templates.toml`` holds each kind's label, hint, subject and body in
that language. The languages are the folders found in ``content/`` (English must be
one); `guide` reads its files from the same folders, with the readers of
`allies.core.content`.

The files are read once, when this module is first imported, and kept (a few
milliseconds); a file that is malformed or incomplete raises ImproperlyConfigured naming
the file and the item. The tests check that every language has every item.

Placeholder rules
-----------------
* A placeholder is a name in single braces, such as ``{student}``. Only the names in
  `PLACEHOLDERS` appear, with no format spec, conversion or attribute access
  (never ``{student!r}``, ``{student:>10}`` or ``{student.name}``), and each language
  uses the same ones as English.
* ``{recipients}``, ``{student}``, ``{my_name}`` and ``{school}`` may appear in any
  kind. ``{recipients}`` is one or more names ("Ms. Lee" or "Ms. Lee and Mr. Park"),
  so the wording around it works for one person or several. This matters in Spanish:
  the Spanish bodies avoid verbs and pronouns that would have to agree with *usted* or
  *ustedes* (they use "su", "se" and first-person forms instead).
* ``{month}`` ("November 2026", "noviembre de 2026") and the four blocks
  (`BLOCKS`: ``{victories}``, ``{concerns}``, ``{coming_dates}``, ``{open_questions}``)
  appear only in "monthly_update", which uses all of them. Each block stands alone on
  its own line, right under a short heading line, and is replaced by a ready-made,
  multi-line bullet list (the app should put a short line such as "- Nothing this
  month" rather than leave a block empty).
* There are no other braces in the texts: no literal ``{`` or ``}``. `fill` replaces the
  known names and leaves anything else as it is, so a text a user has edited never
  breaks when it is filled.
* Where the sender must add specifics, the text has a cue in square brackets, such as
  "[what you noticed]" or "[lo que notó]". A cue fits on one line and holds no braces
  and no other brackets; `CUE_RE` (tone.coach) finds them so the app can show them as
  things to fill in. The cues speak to the sender (in Spanish, as *usted*).
* Bodies are plain text for email, one paragraph a line whatever its length (so a mail
  client can wrap them to its own width): a greeting with ``{recipients}``, 60 to 180
  words, a sign-off with ``{my_name}``.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from allies.core.content import (
    DEFAULT_LANGUAGE,
    Localized,
    base_language,
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

BLOCKS: frozenset[str] = frozenset({"victories", "concerns", "coming_dates", "open_questions"})
COMMON_PLACEHOLDERS: frozenset[str] = frozenset({"recipients", "student", "my_name", "school"})
# What a meeting's follow-up fills in from the meeting (allies.meetings.follow_up).
MEETING_PLACEHOLDERS: frozenset[str] = frozenset(
    {"meeting", "meeting_date", "decisions", "action_items"}
)
PLACEHOLDERS: frozenset[str] = COMMON_PLACEHOLDERS | {"month"} | BLOCKS | MEETING_PLACEHOLDERS
# What a kind's message is for: a wording of it that leaves these out is allowed, and
# the template's page says what drafts from it will miss.
ESSENTIAL: dict[str, tuple[str, ...]] = {"meeting_follow_up": ("decisions", "action_items")}

# The log purposes a kind may suggest: the names of `allies.log.models.Purpose`,
# lower-cased (`Purpose[name.upper()]` gives the member).
PURPOSE_NAMES: tuple[str, ...] = (
    "appreciation",
    "victory",
    "concern",
    "question",
    "update",
    "check_in",
    "request",
    "meeting",
)

_FIELD_RE = re.compile(r"\{([a-z_]+)\}")
_FILLED_RE = re.compile(r"\{([a-z_]+)\}(\.?)")


def normalize_language(language: str | None) -> str:
    """ "es", "es-mx" and "ES_US" give "es"; anything not shipped gives English."""
    code = base_language(language)
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


@dataclass(frozen=True)
class Message:
    """One language's subject and body for a kind of message."""

    subject: str
    body: str

    def as_dict(self) -> dict[str, str]:
        return {"subject": self.subject, "body": self.body}


@dataclass(frozen=True)
class Kind:
    """A kind of message: its label, what it is for, and its texts in each language."""

    key: str
    label: Localized
    hint: Localized  # one line saying when to use it
    purposes: tuple[str, ...]  # names from PURPOSE_NAMES, to pre-tick when it is logged
    guide: str  # slug of the strategy guide page that goes with it (toolkit.guide)
    subject: Localized
    body: Localized

    def message(self, language: str | None) -> Message:
        return Message(self.subject(language), self.body(language))

    @property
    def placeholders(self) -> frozenset[str]:
        """The names this kind may use."""
        return placeholders_of(self.key)


def placeholders_of(kind: str) -> frozenset[str]:
    """The names the kind called `kind` may use."""
    if kind == "monthly_update":
        return COMMON_PLACEHOLDERS | {"month"} | BLOCKS
    if kind == "meeting_follow_up":
        return COMMON_PLACEHOLDERS | MEETING_PLACEHOLDERS
    return COMMON_PLACEHOLDERS


def placeholders_in(text: str) -> set[str]:
    """The placeholder names used in `text`.

    Raises ValueError on unbalanced braces or on a field that is not a plain name.
    """
    names: set[str] = set()
    for _literal, field, spec, conversion in string.Formatter().parse(text):
        if field is None:
            continue
        if spec or conversion or not field.isidentifier():
            raise ValueError(f"Not a plain placeholder: {{{field}}}")
        names.add(field)
    return names


def fill(text: str, values: Mapping[str, str]) -> str:
    """Replace ``{name}`` for every name in `values`; leave anything else untouched.

    A value ending in a full stop just before one in the text ("Maya R." + ".") keeps
    a single full stop.
    """

    def replace(match: re.Match[str]) -> str:
        name, stop = match.group(1), match.group(2)
        if name not in values:
            return match.group(0)
        value = values[name]
        return value if stop and value.endswith(".") else value + stop

    return _FILLED_RE.sub(replace, text)


# ── the kinds of message ──────────────────────────────────────────────────────────────

_KIND_FIELDS = ("purposes", "guide")
_TEMPLATE_FIELDS = ("label", "hint", "subject", "body")


def load_kinds(folder: Path, languages: Sequence[str]) -> tuple[Kind, ...]:
    """The kinds in `folder/kinds.toml`, with their texts from each language's folder."""
    require_default_language(folder, languages)
    path = folder / "kinds.toml"
    structure = read_toml(path)
    if not structure:
        raise content_error(path, "kinds", "there must be at least one")
    for key, values in structure.items():
        same_keys(table(values, path, key), _KIND_FIELDS, path, key, "field")
        purposes = strings(values["purposes"], path, f"{key}.purposes")
        unknown = [name for name in purposes if name not in PURPOSE_NAMES]
        if not purposes or unknown:
            raise content_error(
                path, f"{key}.purposes", f"must be some of {', '.join(PURPOSE_NAMES)}"
            )
        if not isinstance(values["guide"], str):
            raise content_error(path, f"{key}.guide", "must be a page of guide.toml")

    texts: dict[str, dict[str, dict[str, str]]] = {}  # kind: field: language: text
    for language in languages:
        path = folder / language / "templates.toml"
        found = read_toml(path)
        same_keys(found, structure, path, "kinds", "kind (see kinds.toml)")
        for key, values in found.items():
            same_keys(table(values, path, key), _TEMPLATE_FIELDS, path, key, "field")
            for field in _TEMPLATE_FIELDS:
                value = text_in(values, field, path, key, one_line=field != "body")
                if field in ("subject", "body"):
                    _check_placeholders(value, key, path, f"{key}.{field}")
                texts.setdefault(key, {}).setdefault(field, {})[language] = value

    return tuple(
        Kind(
            key=key,
            label=Localized(texts[key]["label"]),
            hint=Localized(texts[key]["hint"]),
            purposes=tuple(values["purposes"]),
            guide=values["guide"],
            subject=Localized(texts[key]["subject"]),
            body=Localized(texts[key]["body"]),
        )
        for key, values in structure.items()
    )


def _check_placeholders(text: str, kind: str, path: Path, item: str) -> None:
    try:
        used = placeholders_in(text)
    except ValueError as error:
        raise content_error(path, item, f"{error} (a placeholder is {{name}})") from error
    unknown = used - placeholders_of(kind)
    if unknown:
        names = ", ".join(f"{{{name}}}" for name in sorted(unknown))
        raise content_error(path, item, f"{names}: not a placeholder of this kind")


KINDS: tuple[Kind, ...] = load_kinds(CONTENT_DIR, LANGUAGES)
KIND_KEYS: tuple[str, ...] = tuple(kind.key for kind in KINDS)
KINDS_BY_KEY: dict[str, Kind] = {kind.key: kind for kind in KINDS}


def get_kind(key: str) -> Kind:
    """The kind called `key`; KeyError if there is none."""
    return KINDS_BY_KEY[key]


def default_template(kind: str, language: str | None) -> dict[str, str]:
    """The shipped ``{"subject": ..., "body": ...}`` for `kind` in `language`.

    KeyError for an unknown kind. Regional codes ("es-mx") use their base language; a
    language that is not shipped falls back to English.
    """
    return get_kind(kind).message(language).as_dict()
