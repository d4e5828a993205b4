"""The lexicon as data: one file per language, each complete, each entry's `starts` right.

Data-driven: a new file in allies/tone/lexicon/ is covered as is (and asks for a table of
sentences in test_coach.py, the lexicon's specification). `starts` is checked against
each pattern by reading the pattern (starts.py), and on the table's sentences.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from allies.tone import lexicon
from allies.tone.lexicon import AMPLIFIERS, LANGUAGES, PHRASE_CATEGORIES, entries, fold_word
from allies.tone.tests.starts import Unanchored, derived_starts
from allies.tone.tests.test_coach import TABLES
from tests.support.content import assert_broken_file_named

ALLIES = Path(__file__).resolve().parents[2]


def test_the_languages_are_the_files() -> None:
    assert set(LANGUAGES) == {path.stem for path in lexicon.DATA_DIR.glob("*.toml")}
    assert LANGUAGES[0] == "en"
    # Every language of the interface has its phrases (else English would be used).
    assert {code for code, _name in settings.LANGUAGES} <= set(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_every_item(language: str) -> None:
    found = lexicon.lexicon_file(language)
    assert found.path == lexicon.DATA_DIR / f"{language}.toml"
    # Entries differ from language to language (phrases are not translated), but every
    # language has some in every category, each id being "<category>.<name>", once.
    assert {row.category for row in found.rows} == PHRASE_CATEGORIES
    ids = [row.id for row in found.rows]
    assert len(ids) == len(set(ids))
    assert all(row.id.startswith(f"{row.category}.") for row in found.rows)
    assert [e.id for e in entries(language)] == [f"{language}.{rid}" for rid in ids]
    assert set(found.amplifier_text) == AMPLIFIERS
    assert found.acronyms
    # A language VADER does not score (all but English) says what reads warm or tense.
    if language == "en":
        assert found.markers is None
    else:
        assert found.markers is not None
        warm, tense = lexicon.markers(language) or (None, None)
        assert warm is not None and tense is not None


def test_acronyms_of_every_language_count_in_every_language() -> None:
    assert {"IEP", "ADHD", "FAPE", "TDAH", "PEI", "EEUU"} <= lexicon.acronyms()
    assert "IEP" in lexicon.ACRONYMS and "TDAH" in lexicon.ACRONYMS
    assert set(lexicon.ACRONYMS) == lexicon.acronyms()
    assert lexicon.AMPLIFIER_TEXT["es"] == lexicon.amplifier_text("es")


@pytest.mark.parametrize("language", LANGUAGES)
def test_starts_are_the_words_the_pattern_can_begin_with(language: str) -> None:
    """Read from the pattern itself: a word missing from `starts` means missed matches."""
    wrong = []
    for row, e in zip(lexicon.lexicon_file(language).rows, entries(language), strict=True):
        try:
            expected = derived_starts(e.pattern.pattern)
        except Unanchored:
            wrong.append(f"{e.id}: a match can begin with something other than a word")
            continue
        if set(row.starts) != expected:
            missing = ", ".join(sorted(expected - set(row.starts))) or "-"
            extra = ", ".join(sorted(set(row.starts) - expected)) or "-"
            wrong.append(f"{e.id}: starts lacks {missing}; does not need {extra}")
    assert not wrong, "\n".join(wrong)


def test_the_starts_checker_reads_patterns() -> None:
    assert derived_starts(r"(?<!\w)(?:(?:I|we) (?:demand|insist))(?!\w)") == {"i", "we"}
    assert derived_starts(r"y['’]all|you(?: all)? must") == {"y", "you"}
    assert derived_starts(r"agradec\w*|gracias|content[oa]s?") == {
        "agradec*",
        "gracias",
        "contento",
        "contenta",
        "contentos",
        "contentas",
    }
    assert derived_starts(r"(?:quiero|exijo)[^.!?]{0,50}ya") == {"quiero*", "exijo*"}
    assert derived_starts(r"est[aá] exagerando") == {"esta"}
    with pytest.raises(Unanchored):
        derived_starts(r"\s*you")
    with pytest.raises(Unanchored):
        derived_starts(r"(?:you)?")


def _corpus(language: str) -> str:
    """The table's sentences, as lines, one paragraph, in capitals and without accents."""
    if language not in TABLES:
        pytest.fail(f"add a table of {language!r} sentences to test_coach.py")
    sentences = [sentence for sentence, _expected in TABLES[language]]
    joined = " ".join(sentences)
    return "\n".join(
        [
            "\n".join(sentences),
            " ".join(s.rstrip(".!?") for s in sentences),
            joined.upper(),
            joined.translate(str.maketrans("áéíóúüñÁÉÍÓÚÜÑ", "aeiouunAEIOUUN")),
        ]
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_starts_name_every_word_a_match_begins_with(language: str) -> None:
    """And on the table's sentences: wherever a pattern matches, its word is in `starts`."""
    text = _corpus(language)
    for e in entries(language):
        a = e.anchors
        assert a.first_words or a.first_stems, e.id  # every entry is anchored
        for position in range(len(text)):
            m = e.pattern.match(text, position)
            if not m or m.end() == m.start():
                continue
            word = re.match(r"\w+", text[position:])
            assert word, (e.id, m.group(), "a match starts on a word")
            folded = fold_word(word.group())
            assert folded in a.first_words or folded.startswith(tuple(a.first_stems)), (
                e.id,
                m.group(),
                f"add {folded!r} to its starts",
            )


def test_no_private_re_internals() -> None:
    private = re.compile(r"\bre\._|\bsre_(?:parse|compile|constants)\b")
    for path in ALLIES.rglob("*.py"):
        if "tests" not in path.parts:
            assert not private.search(path.read_text(encoding="utf-8")), path


# ── a file that is wrong is named, with its item ──────────────────────────────────────


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return Path(shutil.copytree(lexicon.DATA_DIR, tmp_path / "lexicon"))


def load(folder: Path, language: str) -> None:
    found = lexicon.read_file(folder, language)
    lexicon.compile_entries(found)
    lexicon.compile_markers(found)


def test_a_copy_reads_the_same(folder: Path) -> None:
    for language in LANGUAGES:
        assert lexicon.read_file(folder, language).rows == lexicon.lexicon_file(language).rows


BROKEN = [
    # (language, old text, new text, what the error names)
    ("en", 'id = "demand.you_must"', 'id = "demands.you_must"', ["demands.you_must", "id"]),
    ("en", 'id = "demand.i_demand"', 'id = "demand.you_must"', ["demand.you_must", "twice"]),
    ("en", 'starts = ["do"]', "starts = []", ["demand.do_your_job", "starts"]),
    ("en", 'starts = ["do"]', 'starts = ["do your"]', ["demand.do_your_job", "starts"]),
    ("en", 'starts = ["do"]', 'start = ["do"]', ["demand.do_your_job", "starts"]),
    ("en", "do your (?:job|jobs)", "do your (?:job|jobs", ["demand.do_your_job", "pattern"]),
    ("en", "[amplifiers.exclamations]", "[amplifiers.exclamation]", ["amplifiers"]),
    ("en", "acronyms = [", "acronym = [", ["acronym", "unknown"]),
    ("es", "tense = [", "tensed = [", ["markers", "tense"]),
    ("es", "'frustrad\\w*',", "'frustrad\\w*(',", ["markers", "pattern"]),
    ("es", '"ñ" = "nñ"', '"ñ" = "n-ñ"', ["accents.ñ"]),
    ("es", "[amplifiers.all_caps]", "[amplifiers.all_caps", ["cannot be read"]),
]


@pytest.mark.parametrize(("language", "old", "new", "named"), BROKEN)
def test_a_broken_file_is_named_with_its_item(
    folder: Path, language: str, old: str, new: str, named: list[str]
) -> None:
    assert_broken_file_named(
        folder / f"{language}.toml", old, new, named, lambda: load(folder, language)
    )


def test_a_missing_file_is_named(folder: Path) -> None:
    with pytest.raises(ImproperlyConfigured, match=re.escape(str(folder / "fr.toml"))):
        load(folder, "fr")


def test_a_new_language_is_a_new_file(folder: Path) -> None:
    shutil.copy(folder / "es.toml", folder / "pt.toml")
    assert lexicon.discover_languages(folder) == ("en", "es", "pt")
    found = lexicon.read_file(folder, "pt")
    assert [e.id.split(".", 1)[1] for e in lexicon.compile_entries(found)] == [
        e.id.split(".", 1)[1] for e in entries("es")
    ]
