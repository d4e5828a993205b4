"""Full-text search over log summaries: FTS5 on SQLite, tsvector on PostgreSQL.

Both match every plain word of the query (AND), without stemming, so that a search
gives the same entries on either database.
"""

from __future__ import annotations

import re

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


def query_words(text: str) -> list[str]:
    return WORD.findall(text.lower())[:20]


def summary_vector() -> SearchVector:
    """The summary as PostgreSQL indexes it (migration log/0003 builds the same expression)."""
    words_only = Func(
        F("summary"),
        Value(SEPARATORS),
        Value(" "),
        Value("g"),
        function="regexp_replace",
        output_field=TextField(),
    )
    return SearchVector(words_only, config="simple")


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
