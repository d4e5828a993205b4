"""The server builds the coach's patterns before its workers start, not on a first draft."""

from __future__ import annotations

import importlib

from allies.tone import coach, lexicon

CACHED = (coach._index, coach._analyzer, coach._caps_word, lexicon.entries, lexicon.markers)


def _clear() -> None:
    for cached in CACHED:
        cached.cache_clear()


def test_warm_builds_every_language_s_patterns_and_the_word_list() -> None:
    _clear()
    coach.warm()
    assert coach._index.cache_info().currsize == len(lexicon.LANGUAGES)
    assert lexicon.entries.cache_info().currsize == len(lexicon.LANGUAGES)
    assert lexicon.markers.cache_info().currsize >= len(lexicon.LANGUAGES) - 1  # not English's
    assert coach._analyzer.cache_info().currsize == 1
    assert coach._caps_word.cache_info().currsize == 1


def test_loading_the_server_s_application_warms_the_coach() -> None:
    import allies.wsgi

    _clear()
    importlib.reload(allies.wsgi)
    assert coach._index.cache_info().currsize == len(lexicon.LANGUAGES)
    assert coach._analyzer.cache_info().currsize == 1
