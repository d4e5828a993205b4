"""Full-text search over log summaries: FTS5 on SQLite, tsvector on PostgreSQL.

Both match every plain word of the query (AND), without stemming, so that a search
gives the same entries on either database.
"""

from __future__ import annotations

import re

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models.expressions import RawSQL

from .models import InteractionQuerySet

WORD = re.compile(r"\w+", re.UNICODE)


def query_words(text: str) -> list[str]:
    return WORD.findall(text.lower())[:20]


def search_interactions(queryset: InteractionQuerySet, text: str) -> InteractionQuerySet:
    words = query_words(text)
    if not words:
        return queryset
    if connection.vendor == "postgresql":
        return queryset.annotate(_search=SearchVector("summary", config="simple")).filter(
            _search=SearchQuery(" ".join(words), config="simple", search_type="plain")
        )
    # Each word quoted, so FTS5 operators typed by the user are taken as plain words.
    match = " ".join('"' + w.replace('"', '""') + '"' for w in words)
    return queryset.filter(
        id__in=RawSQL(
            "SELECT rowid FROM log_interaction_fts WHERE log_interaction_fts MATCH %s", [match]
        )
    )
