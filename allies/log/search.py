"""Full-text search over log summaries: FTS5 on SQLite, tsvector on PostgreSQL.

Both match every plain word of the query (AND), without stemming, so that a search
gives the same entries on either database. Both fold accents: "nino" finds "niño" and
"Niño" finds "nino". SQLite's unicode61 tokenizer removes diacritics itself; PostgreSQL
indexes the summary through `translate()` with FOLD_FROM → FOLD_TO (the accented Latin
letters and their plain ones, made below from Unicode's decompositions), and the query's
words are folded the same way here.
"""

from __future__ import annotations

import re
import unicodedata

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import F, Func, TextField, Value
from django.db.models.expressions import RawSQL

from .models import InteractionQuerySet

# A word is a run of letters and digits; everything else (spaces, punctuation, "_", "@",
# "<", ">") separates words. SQLite's unicode61 tokenizer splits text this way, and on
# PostgreSQL the summary is put through the same split before it is indexed.
WORD = re.compile(r"[^\W_]+")
SEPARATORS = "[^[:alnum:]]+"


def _fold_pairs() -> tuple[str, str]:
    """Each Latin letter with diacritics (U+00C0 to U+024F, both cases) and the plain
    lower-case letter it decomposes to; letters with no decomposition (ß, ø, æ) stay."""
    froms, tos = [], []
    for code in range(0xC0, 0x250):
        char = chr(code)
        base = unicodedata.normalize("NFD", char)[0]
        if base != char and base.isascii() and base.isalpha():
            froms.append(char)
            tos.append(base.lower())
    return "".join(froms), "".join(tos)


FOLD_FROM, FOLD_TO = _fold_pairs()
_FOLD = str.maketrans(FOLD_FROM, FOLD_TO)


def fold(text: str) -> str:
    """`text` lower-cased with its accents removed, as both databases index it."""
    return text.lower().translate(_FOLD)


def query_words(text: str) -> list[str]:
    return WORD.findall(fold(text))[:20]


def summary_vector() -> SearchVector:
    """The summary as PostgreSQL indexes it (migration log/0011 builds the same expression)."""
    words_only = Func(
        F("summary"),
        Value(SEPARATORS),
        Value(" "),
        Value("g"),
        function="regexp_replace",
        output_field=TextField(),
    )
    folded = Func(
        words_only, Value(FOLD_FROM), Value(FOLD_TO), function="translate", output_field=TextField()
    )
    return SearchVector(folded, config="simple")


def search_interactions(queryset: InteractionQuerySet, text: str) -> InteractionQuerySet:
    words = query_words(text)
    if not words:
        return queryset
    if connection.vendor == "postgresql":
        return queryset.annotate(_search=summary_vector()).filter(
            _search=SearchQuery(" ".join(words), config="simple", search_type="plain")
        )
    # Each word quoted, so FTS5 operators typed by the user are taken as plain words.
    match = " ".join('"' + w.replace('"', '""') + '"' for w in words)
    return queryset.filter(
        id__in=RawSQL(
            "SELECT rowid FROM log_interaction_fts WHERE log_interaction_fts MATCH %s", [match]
        )
    )
