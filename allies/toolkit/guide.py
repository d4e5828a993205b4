"""The strategy guide: its pages, in reading order, and the action each one suggests.

The pages are data (see `defaults` for the folders). ``content/guide.toml`` lists them
in reading order, with the way (1 to 5) each one is and the kind of message its button
composes. ``content/<language>/guide/<slug>.html`` is one page in one language: a small
TOML front matter between two ``+++`` lines (``title``, ``summary`` and, when the page
has an action, ``action_label``), then the body, an HTML fragment with no template
syntax and no attributes, using only p, h2, h3, ul, ol, li, blockquote, strong and em.
The body starts at <h2> or <p> (the page template gives the title) and ends before the
action button, which the page template adds from `action_kind` and `action_label` when
`action_kind` is set.

The page template includes the body with ``{% include template_name %}``:
`GuidePage.template_name(language)` gives the body compiled as a template, which
``{% include %}`` takes as well as a template's name.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.template import Template

from allies.core.content import (
    Localized,
    content_error,
    parse_toml,
    read_text,
    read_toml,
    require_default_language,
    same_keys,
    table,
    text_in,
)

from .defaults import CONTENT_DIR, KIND_KEYS, LANGUAGES


@dataclass(frozen=True)
class GuidePage:
    slug: str
    way: int | None  # 1 to 5 for the five ways, None for the other pages
    title: Localized
    summary: Localized  # one line, for lists and the page's introduction
    action_kind: str | None  # a `defaults.Kind.key` to compose, or None for no button
    action_label: Localized | None  # the button's text; set exactly when action_kind is
    bodies: Localized  # the body's HTML

    def body(self, language: str | None) -> str:
        """The page's body in `language` (English if it is not shipped), as HTML."""
        return self.bodies(language)

    def template_name(self, language: str | None) -> Template:
        """What the page template includes: the body in `language`, as a template."""
        return _template(self.body(language))


@functools.cache
def _template(html: str) -> Template:
    return Template(html)


_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_FRONT_MATTER = re.compile(r"\+\+\+[ \t]*\r?\n(.*?)^\+\+\+[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.M)


def read_page(path: Path) -> tuple[dict[str, Any], str]:
    """A page file's front matter and body; ImproperlyConfigured if it is malformed."""
    text = read_text(path)
    match = _FRONT_MATTER.match(text)
    if not match:
        raise content_error(
            path, "front matter", "the file must start with it, between '+++' lines"
        )
    body = text[match.end() :].strip()
    if not body:
        raise content_error(path, "body", "there is no text after the front matter")
    return parse_toml(match.group(1), path), body


def load_pages(
    folder: Path, languages: Sequence[str], kinds: Collection[str]
) -> tuple[GuidePage, ...]:
    """The pages of `folder/guide.toml` in each language; `kinds` are the kinds of message."""
    require_default_language(folder, languages)
    path = folder / "guide.toml"
    structure = read_toml(path)
    if not structure:
        raise content_error(path, "pages", "there must be at least one")
    for slug, values in structure.items():
        if not _SLUG.fullmatch(slug):
            raise content_error(path, slug, "a page's name is lower-case words and hyphens")
        unknown = [key for key in table(values, path, slug) if key not in ("way", "action")]
        if unknown:
            raise content_error(path, slug, f"unknown key: {', '.join(unknown)}")
        way = values.get("way")
        if way is not None and (type(way) is not int or not 1 <= way <= 5):
            raise content_error(path, f"{slug}.way", "must be a number from 1 to 5")
        action = values.get("action")
        if action is not None and action not in kinds:
            raise content_error(path, f"{slug}.action", "must be a kind of kinds.toml")

    texts: dict[str, dict[str, dict[str, str]]] = {}  # page: field: language: text
    for language in languages:
        for slug, values in structure.items():
            page_path = folder / language / "guide" / f"{slug}.html"
            front, body = read_page(page_path)
            fields = ["title", "summary"] + (["action_label"] if "action" in values else [])
            same_keys(front, fields, page_path, "front matter", "key")
            page = texts.setdefault(slug, {})
            for field in fields:
                value = text_in(front, field, page_path, field, one_line=True)
                page.setdefault(field, {})[language] = value
            page.setdefault("body", {})[language] = body

    return tuple(
        GuidePage(
            slug=slug,
            way=values.get("way"),
            title=Localized(texts[slug]["title"]),
            summary=Localized(texts[slug]["summary"]),
            action_kind=values.get("action"),
            action_label=Localized(texts[slug]["action_label"]) if "action" in values else None,
            bodies=Localized(texts[slug]["body"]),
        )
        for slug, values in structure.items()
    )


PAGES: tuple[GuidePage, ...] = load_pages(CONTENT_DIR, LANGUAGES, KIND_KEYS)
PAGES_BY_SLUG: dict[str, GuidePage] = {page.slug: page for page in PAGES}
FIVE_WAYS: tuple[GuidePage, ...] = tuple(page for page in PAGES if page.way is not None)


def by_slug(slug: str) -> GuidePage:
    """The page called `slug`; KeyError if there is none."""
    return PAGES_BY_SLUG[slug]


def neighbours(slug: str) -> tuple[GuidePage | None, GuidePage | None]:
    """The pages before and after `slug` in reading order (None at either end)."""
    index = PAGES.index(by_slug(slug))
    before = PAGES[index - 1] if index > 0 else None
    after = PAGES[index + 1] if index + 1 < len(PAGES) else None
    return before, after
