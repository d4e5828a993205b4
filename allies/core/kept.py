"""What pages keep between requests: keys for the `fragments` cache, and HTML drawn once
with stand-ins where each request puts its own values.

Everything kept is kept under a key made of everything it was drawn from (`key`), so a
change makes a new key and is drawn afresh; nothing is ever cleared by hand.

Some parts of pages are the same on every request but for a value or two: the site's
header (the workspace's name, the logout form's CSRF token), home's quick add card (the
CSRF token, the form's one-time token). They are rendered once with a stand-in for each
such value (`draw`), kept, and each request joins the pieces with its own (`fill`).
A stand-in is a word no translation, URL or escaping changes and no page writes.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.cache import BaseCache, caches
from django.urls import get_script_prefix
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

CACHE = "fragments"  # settings.CACHES
KEPT_FOR = 24 * 60 * 60  # seconds; keys with a day in them have moved on by then


def cache() -> BaseCache:
    return caches[CACHE]


def key(name: str, workspace_id: int, *parts: Any) -> str:
    """The key of what `name` draws from `parts` for a workspace, in the reader's time
    zone, language and URL prefix (what dates, words and links on a page follow)."""
    drawn_for = (
        timezone.get_current_timezone_name(),
        translation.get_language(),
        get_script_prefix(),
        *parts,
    )
    digest = hashlib.blake2b(repr(drawn_for).encode(), digest_size=16).hexdigest()
    return f"{name}:{workspace_id}:{digest}"


# What `{% csrf_token %}` writes, and a token to render it with.
CSRF_INPUT = '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
CSRF_STAND_IN = "AlliesStandInCsrfToken77d0be"
CSRF_HOLE = CSRF_INPUT.format(CSRF_STAND_IN)


@dataclass(frozen=True)
class Drawn:
    """Rendered HTML as text, hole, text, hole, ..., text (the holes by name)."""

    pieces: tuple[str, ...]

    def fill(self, values: Mapping[str, str]) -> SafeString:
        """The HTML with each hole's value, which must be HTML already (escaped)."""
        out = list(self.pieces)
        out[1::2] = [values[name] for name in self.pieces[1::2]]
        # Text the template wrote, and values the caller escaped.
        return mark_safe("".join(out))  # noqa: S308


def draw(html: str, holes: Mapping[str, str]) -> Drawn:
    """`html` split at its stand-ins; `holes` maps each hole's name to its stand-in, as
    it appears in `html`."""
    names = {stand_in: name for name, stand_in in holes.items()}
    pattern = re.compile("|".join(re.escape(stand_in) for stand_in in names))
    pieces: list[str] = []
    last = 0
    for found in pattern.finditer(html):
        pieces += [html[last : found.start()], names[found.group()]]
        last = found.end()
    pieces.append(html[last:])
    if CSRF_STAND_IN in "".join(pieces[::2]):
        raise ValueError("the CSRF stand-in is written other than by {% csrf_token %}")
    return Drawn(tuple(pieces))


def csrf_input(token: Any) -> str:
    """What `{% csrf_token %}` writes for `token` (the context's `csrf_token`)."""
    if not token or token == "NOTPROVIDED":
        return ""
    return format_html(CSRF_INPUT, token)
