"""The tone coach: offline, explainable advice on a draft or a log summary. It never blocks.

`analyse(text, language)` returns a `ToneReport`:

* `findings`: the phrases from our lexicon (lexicon.py) that tend to turn allies into
  adversaries (demands, absolutes, blame, threats, sarcasm, dismissive remarks), plus
  two kinds of emphasis found by code: words in capitals (shouting) and runs of two or
  more exclamation marks. Each finding carries its span in the text, why it can land
  badly and a collaborative rewording, in the text's language.
* `score`: VADER's compound sentiment (−1 to +1) for English text. VADER scores best
  sentence by sentence (and its cost grows with the square of the words in one call),
  so the score is the mean of the compound scores of the sentences, a long sentence
  being read in chunks of 30 words (and a text of more than 250 sentences in groups of
  consecutive sentences). None when there is nothing to score.
  Spanish: always None. VADER's lexicon is English; on Spanish text it only sees the
  odd English word and emoji and returns near-zero scores that look like "neutral"
  while meaning "unknown". Rather than show a misleading number, the report says so
  (`note`) and leans on the phrase lexicon.
* `label`: "tense" when there is any finding; otherwise, in English, "warm" from a
  score of +0.05, "tense" from −0.05, "neutral" in between (VADER's own thresholds);
  in Spanish, "warm" when the text has a plain marker of appreciation ("gracias",
  "felicidades", "orgullosos" …) and no marker of upset ("preocupada", "harto" …),
  else "neutral".

Emphasis is advice about tone, not typography. Capitals are reported unless their
sentence is warm and has no finding ("We are SO proud of her" is joy); "!!" only in a
sentence with something tense to amplify: a finding, capitals, or a tense score
(Spanish: a marker of upset). "Thank you so much!!" and "See you Monday!!" are left
alone; "Why has nobody called me back!!" is not. A sentence is warm when its VADER score
is at least +0.05 without counting "please" (VADER reads "please" as warmth; in
"PLEASE READ THE IEP" it is not), or, in Spanish, when it has a warm marker and no
marker of upset. Known acronyms (IEP, ADHD, FAPE, TDAH …) are not shouting. Known
limit: joy without a sentiment word ("She read the WHOLE book!!") reads as shouting.

`highlighted(report, text)` cuts the text into plain and marked `Segment`s for the
template, which escapes every segment itself (no |safe on user text). Marked segments
never overlap: when findings overlap, the longest wins, then the earliest; the others
ride along on the winning segment (`also`).

Robustness: any input is accepted (empty, very long, emoji, right-to-left scripts,
control characters, decomposed accents) and nothing raises; on an unexpected error the
report is simply empty. Text past MAX_CHARS is not analysed (`truncated`), but
`highlighted` still returns all of it. The language falls back to English.

Speed (10,000 characters in some 15 ms): each lexicon pattern is tried only where the
text has a word it can start with (the entry's `starts` in its lexicon file, see
lexicon.Anchors); VADER is not called for a sentence without a word of its lexicon (it
would say 0), and sentence scores are cached, since the live check re-reads a draft
whose sentences have mostly not changed. The lexicon is read and compiled on first use
and VADER imported on first English use: importing this module stays cheap for
Django's start-up.
"""

from __future__ import annotations

import bisect
import functools
import logging
import re
import string
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from .lexicon import (
    ACRONYMS,
    AMPLIFIER_TEXT,
    LANGUAGES,
    Category,
    Entry,
    entries,
    fold_word,
    markers,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

logger = logging.getLogger(__name__)

CUE_RE = re.compile(r"\[[^\[\]{}\n]+\]")  # "[what you noticed]"; see toolkit.content
MAX_INPUT = 10_000  # characters a request may ask the coach to read
MAX_CHARS = 20_000  # beyond this, the rest of the text is not analysed
WARM_AT = 0.05
TENSE_AT = -0.05
VADER_WORDS = 30  # at most, per VADER call: a longer sentence is read in chunks
VADER_CALLS = 250  # at most, per text: beyond, consecutive sentences are scored together

# When two findings cover exactly the same span, the one shown first.
PRIORITY = {
    Category.THREAT.value: 0,
    Category.BLAME.value: 1,
    Category.DISMISSIVE.value: 2,
    Category.SARCASM.value: 3,
    Category.DEMAND.value: 4,
    Category.ABSOLUTE.value: 5,
    Category.ALL_CAPS.value: 6,
    Category.EXCLAMATIONS.value: 7,
}


class ToneLabel(models.TextChoices):
    WARM = "warm", _("Warm")
    NEUTRAL = "neutral", _("Neutral")
    TENSE = "tense", _("Tense")


@dataclass(frozen=True, slots=True)
class Finding:
    start: int
    end: int
    text: str  # the matched text, text[start:end]
    category: str  # a Category value
    explanation: str  # in the text's language
    suggestion: str  # in the text's language
    rule: str = ""  # the lexicon entry's id ("en.demand.you_must"), or the category

    @property
    def category_label(self) -> StrOrPromise:
        """The category's name in the interface language ("Demand", "Exigencia" …)."""
        try:
            return Category(self.category).label
        except ValueError:
            return self.category


@dataclass(frozen=True, slots=True)
class ToneReport:
    language: str  # the language used: "en" or "es"
    findings: list[Finding] = field(default_factory=list)
    score: float | None = None  # VADER compound, English only
    label: str = ToneLabel.NEUTRAL.value  # a ToneLabel value
    note: StrOrPromise = ""  # why there is no score, when there is none
    truncated: bool = False  # the text was longer than MAX_CHARS

    @property
    def label_display(self) -> StrOrPromise:
        return ToneLabel(self.label).label

    @property
    def categories(self) -> frozenset[str]:
        return frozenset(f.category for f in self.findings)

    @property
    def has_findings(self) -> bool:
        return bool(self.findings)


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    finding: Finding | None = None  # the finding to mark, None for plain text
    also: tuple[Finding, ...] = ()  # other findings overlapping this one

    @property
    def is_highlighted(self) -> bool:
        return self.finding is not None


def resolve_language(language: object) -> str:
    """ "es", "es-MX", "ES_us" → "es"; anything unknown or empty → "en"."""
    code = str(language or "").strip().lower().replace("_", "-")
    base = code.split("-", 1)[0]
    return base if base in LANGUAGES else "en"


def analyse(text: str, language: str = "en") -> ToneReport:
    """Advice on the tone of `text`, in "en" or "es". Never raises."""
    lang = "en"
    try:
        lang = resolve_language(language)
        return _analyse("" if text is None else str(text), lang)
    except Exception:  # the coach advises; it must never stand in the writer's way
        logger.exception("tone analysis failed")
        return ToneReport(language=lang)


def warm() -> None:
    """Compile every language's patterns and load VADER's word list now.

    The server calls this once before it starts its workers, which then share what was
    built; otherwise the first draft each worker checks waits some tens of milliseconds
    per language. A short text in each language reaches every cached piece: the
    lexicon's index, the markers, the capitals pattern and the analyser.
    """
    for lang in LANGUAGES:
        _index(lang)
        analyse("Thank you SO much for the call today!! It helps.", lang)
    _analyzer()
    _caps_word()


def highlighted(report: ToneReport, text: str) -> list[Segment]:
    """`text` cut into plain and marked segments; joined back, they are `text` exactly."""
    text = "" if text is None else str(text)
    try:
        return _segments(report.findings, text)
    except Exception:
        logger.exception("tone highlighting failed")
        return [Segment(text)] if text else []


def cues_in(text: str) -> list[str]:
    """The [bracketed] cues still to fill in a draft, in order, brackets included."""
    return CUE_RE.findall(text)


# ── analysis ───────────────────────────────────────────────────────────────────────────


def _analyse(original: str, lang: str) -> ToneReport:
    truncated = len(original) > MAX_CHARS
    text, index = _compose(original[:MAX_CHARS])

    findings = _choose_per_category(_lexicon_findings(text, lang))
    sentences = _sentences(text)

    note: StrOrPromise = ""
    score: float | None = None
    if lang == "en":
        sentence_scores = _sentence_scores(text, sentences)
        scored = [v for v in sentence_scores if v is not None]
        score = round(sum(scored) / len(scored), 4) if scored else None
        warm = [
            v is not None and _warm_without_please(text[s:e], v)
            for (s, e), v in zip(sentences, sentence_scores, strict=True)
        ]
        tense = [v is not None and v <= TENSE_AT for v in sentence_scores]
        if score is None and text.strip() and _analyzer() is None:
            note = _("The warmth score is not available right now.")
    else:
        warm_re, tense_re = _markers(lang)
        tense = [bool(tense_re.search(text, s, e)) for s, e in sentences]
        warm = [
            bool(warm_re.search(text, s, e)) and not t
            for (s, e), t in zip(sentences, tense, strict=True)
        ]
        note = _(
            "The warmth score is computed for English text only; for Spanish the coach "
            "relies on its list of phrases."
        )

    findings += _amplifiers(text, lang, sentences, warm, tense, findings)
    findings.sort(key=lambda f: (f.start, f.end, PRIORITY.get(f.category, 9)))
    if index is not None:
        findings = [_remap(f, index, original) for f in findings]

    if findings:
        label = ToneLabel.TENSE
    elif lang == "en":
        if score is None:
            label = ToneLabel.NEUTRAL
        elif score >= WARM_AT:
            label = ToneLabel.WARM
        elif score <= TENSE_AT:
            label = ToneLabel.TENSE
        else:
            label = ToneLabel.NEUTRAL
    else:
        warm_re, tense_re = _markers(lang)
        is_warm = warm_re.search(text) and not tense_re.search(text)
        label = ToneLabel.WARM if is_warm else ToneLabel.NEUTRAL

    return ToneReport(
        language=lang,
        findings=findings,
        score=score,
        label=label.value,
        note=note,
        truncated=truncated,
    )


_NOWHERE = re.compile(r"(?!)")


def _markers(lang: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(warm, tense) markers of a language VADER does not score (none found without)."""
    return markers(lang) or (_NOWHERE, _NOWHERE)


_COMBINING = re.compile("[\u0300-\u036f]")


def _compose(text: str) -> tuple[str, list[int] | None]:
    """Accents typed as combining marks composed ("e" + "́" → "é"), with a map back.

    The lexicon matches composed letters; the map gives, for each character of the
    composed text, its index in the original, so spans can be reported there.
    """
    if not _COMBINING.search(text):
        return text, None
    out: list[str] = []
    index: list[int] = []
    for i, c in enumerate(text):
        if out and unicodedata.combining(c):
            composed = unicodedata.normalize("NFC", out[-1] + c)
            if len(composed) == 1:
                out[-1] = composed
                continue
        out.append(c)
        index.append(i)
    return "".join(out), index


def _remap(f: Finding, index: list[int], original: str) -> Finding:
    start = index[f.start]
    end = index[f.end] if f.end < len(index) else min(len(original), MAX_CHARS)
    return Finding(start, end, original[start:end], f.category, f.explanation, f.suggestion, f.rule)


@dataclass(frozen=True, slots=True)
class _Index:
    words: dict[str, tuple[Entry, ...]]
    stems: dict[str, tuple[Entry, ...]]
    stem_lengths: tuple[int, ...]
    everywhere: tuple[Entry, ...]


@functools.cache
def _index(lang: str) -> _Index:
    """Which entries can start at a given word (see lexicon.Anchors)."""
    words: dict[str, list[Entry]] = {}
    stems: dict[str, list[Entry]] = {}
    everywhere = []
    for entry in entries(lang):
        a = entry.anchors
        if not a.first_words and not a.first_stems:
            everywhere.append(entry)
        for word in a.first_words:
            words.setdefault(word, []).append(entry)
        for stem in a.first_stems:
            stems.setdefault(stem, []).append(entry)
    return _Index(
        words={k: tuple(v) for k, v in words.items()},
        stems={k: tuple(v) for k, v in stems.items()},
        stem_lengths=tuple(sorted({len(k) for k in stems})),
        everywhere=tuple(everywhere),
    )


_TOKEN = re.compile(r"\w+")


def _candidates(index: _Index, word: str) -> tuple[Entry, ...]:
    found = list(index.words.get(word, ()))
    for length in index.stem_lengths:
        if length > len(word):
            break
        found.extend(index.stems.get(word[:length], ()))
    return tuple(dict.fromkeys(found))


def _lexicon_findings(text: str, lang: str) -> list[Finding]:
    """Every lexicon match, each entry tried only where its first word can be."""
    index = _index(lang)
    matches: list[tuple[Entry, re.Match[str]]] = []
    for entry in index.everywhere:
        matches.extend((entry, m) for m in entry.pattern.finditer(text))
    candidates_of: dict[str, tuple[Entry, ...]] = {}
    for token in _TOKEN.finditer(text):
        word = token.group()
        candidates = candidates_of.get(word)
        if candidates is None:
            candidates = candidates_of[word] = _candidates(index, fold_word(word))
        position = token.start()
        for entry in candidates:
            m = entry.pattern.match(text, position)
            if m:
                matches.append((entry, m))
    return [
        Finding(
            m.start(),
            m.end(),
            m.group(),
            entry.category,
            entry.explanation,
            entry.suggestion,
            entry.id,
        )
        for entry, m in matches
        if m.end() > m.start()
    ]


def _choose_per_category(findings: list[Finding]) -> list[Finding]:
    """Within a category, overlapping matches are one finding: the longest, then earliest."""
    by_category: dict[str, list[Finding]] = {}
    for f in findings:
        by_category.setdefault(f.category, []).append(f)
    kept: list[Finding] = []
    for group in by_category.values():
        kept.extend(_non_overlapping(group)[0])
    return kept


def _non_overlapping(
    findings: Iterable[Finding],
) -> tuple[list[Finding], list[Finding]]:
    """(winners sorted by start, losers): longest first, then earliest, then priority."""
    starts: list[int] = []
    ends: list[int] = []
    winners: list[Finding] = []
    losers: list[Finding] = []
    ordered = sorted(
        findings, key=lambda f: (f.start - f.end, f.start, PRIORITY.get(f.category, 9))
    )
    for f in ordered:
        i = bisect.bisect_right(starts, f.start)
        if (i > 0 and ends[i - 1] > f.start) or (i < len(starts) and starts[i] < f.end):
            losers.append(f)
            continue
        starts.insert(i, f.start)
        ends.insert(i, f.end)
        winners.insert(i, f)
    return winners, losers


_SENTENCE_END = re.compile(r"[.!?…]+[\"'’”»)\]]*(?=\s|$)|\n")
_ABBREVIATION = re.compile(
    r"(?:^|[\s(])(?:mr|mrs|ms|dr|sr|sra|srta|prof|st|vs|etc|e\.g|i\.e|no|lic|ing|p\.ej)\.$",
    re.IGNORECASE,
)


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans covering the text: cut after . ! ? … and at line breaks."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.group() == ".":
            before = text[max(start, m.start() - 6) : m.end()]
            if _ABBREVIATION.search(before):
                continue
        if m.end() > start:
            spans.append((start, m.end()))
            start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


@functools.lru_cache(maxsize=1)
def _analyzer() -> Any:
    """VADER's analyser, loaded once (its lexicon ships in the wheel; no network)."""
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:  # pragma: no cover - the dependency is declared
        logger.warning("vaderSentiment is not installed: no tone score")
        return None
    return SentimentIntensityAnalyzer()


_PLEASE = re.compile(r"\b(?:please|pls|plz)\b", re.IGNORECASE)


def _warm_without_please(sentence: str, compound: float) -> bool:
    """Warm enough to excuse emphasis; VADER counts "please" as warmth, we do not."""
    if compound < WARM_AT:
        return False
    if not _PLEASE.search(sentence):
        return True
    without = _vader(_PLEASE.sub(" ", sentence))
    return without is not None and without >= WARM_AT


def _sentence_scores(text: str, sentences: Sequence[tuple[int, int]]) -> list[float | None]:
    """VADER's compound score of each sentence (None: nothing to score).

    A text of many short sentences (beyond VADER_CALLS) is scored in groups of
    consecutive sentences, each sentence taking its group's score: a text made of
    "!! a !! a …" costs no more than a normal one.
    """
    size = -(-len(sentences) // VADER_CALLS) if sentences else 1
    scores: list[float | None] = []
    for i in range(0, len(sentences), size):
        group = sentences[i : i + size]
        score = _vader(text[group[0][0] : group[-1][1]])
        scores.extend([score] * len(group))
    return scores


CACHED_PIECE = 600  # characters: longer pieces are scored without the cache


def _vader(piece: str) -> float | None:
    """VADER's compound score for a sentence, None when there is nothing to score.

    Cached: the live check re-reads a draft after every pause in the typing, and most
    of its sentences have not changed.
    """
    return _vader_cached(piece) if len(piece) <= CACHED_PIECE else _vader_score(piece)


@functools.lru_cache(maxsize=4096)
def _vader_cached(piece: str) -> float | None:
    return _vader_score(piece)


def _vader_score(piece: str) -> float | None:
    """A sentence with no word of VADER's lexicon and no emoji scores exactly 0 in VADER;
    that is answered without calling it (a call costs some 50 µs even for "ok")."""
    words = piece.split()
    analyzer = _analyzer()
    if not words or analyzer is None:
        return None
    try:
        if not _has_sentiment(analyzer, words, piece):
            return 0.0
        if len(words) <= VADER_WORDS:
            return float(analyzer.polarity_scores(piece)["compound"])
        chunks = [" ".join(words[i : i + VADER_WORDS]) for i in range(0, len(words), VADER_WORDS)]
        return sum(float(analyzer.polarity_scores(c)["compound"]) for c in chunks) / len(chunks)
    except Exception:
        logger.exception("VADER failed on a sentence")
        return None


def _has_sentiment(analyzer: Any, words: list[str], piece: str) -> bool:
    """Whether VADER would see a lexicon word or an emoji (with its own tokenising)."""
    lexicon, emojis = analyzer.lexicon, analyzer.emojis
    for word in words:
        stripped = word.strip(string.punctuation)
        token = word if len(stripped) <= 2 else stripped
        if token.lower() in lexicon:
            return True
    return any(c in emojis for c in piece)


@functools.cache
def _caps_word() -> re.Pattern[str]:
    """Words with no lower-case ASCII letter (isupper() decides after): cheap to find,
    but slow to compile (some 15 ms), so compiled on first use rather than at import."""
    return re.compile(r"(?<![^\W\d_])[^\W\d_a-z]{2,}(?:['’][^\W\d_a-z]+)*(?![^\W\d_])")


_CAPS_GAP = re.compile(r"[\s,;:'\"’“”\-–—/&A-ZÁÉÍÓÚÑÜ]*")  # "I", "A" may sit in a run
_EXCLAMATIONS = re.compile(r"(?:[!¡][?¿]*){2,}")


def _plain(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).upper()


def _caps_runs(text: str) -> list[tuple[int, int]]:
    """Spans of words in capitals that read as shouting (acronyms excepted)."""
    runs: list[list[tuple[int, int, bool]]] = []  # words: (start, end, neutral)
    for m in _caps_word().finditer(text):
        word = m.group()
        if not word.isupper():
            continue
        acronym = _plain(word) in ACRONYMS
        if runs and _CAPS_GAP.fullmatch(text, runs[-1][-1][1], m.start()):
            runs[-1].append((m.start(), m.end(), acronym))
        else:
            runs.append([(m.start(), m.end(), acronym)])
    spans = []
    for run in runs:
        while run and run[0][2]:
            run.pop(0)
        while run and run[-1][2]:
            run.pop()
        shouted = [(s, e) for s, e, acronym in run if not acronym]
        long_word = any(sum(c.isalpha() for c in text[s:e]) >= 4 for s, e in shouted)
        if long_word or len(shouted) >= 2:
            spans.append((run[0][0], run[-1][1]))
    return spans


def _amplifiers(
    text: str,
    lang: str,
    sentences: Sequence[tuple[int, int]],
    warm: Sequence[bool],
    tense: Sequence[bool],
    findings: Sequence[Finding],
) -> list[Finding]:
    """Emphasis that makes a message louder, where there is something tense to amplify.

    Capitals: unless the sentence is warm and has no finding. "!!": only in a sentence
    that has a finding, capitals or a tense score (or a Spanish marker of upset);
    "See you Monday!!" and "Thank you so much!!" are left alone.
    """
    caps = _caps_runs(text)
    bangs = [(m.start(), m.end()) for m in _EXCLAMATIONS.finditer(text)]
    if not caps and not bangs:
        return []
    starts = [s for s, _e in sentences]

    def sentence_of(position: int) -> int:
        return max(bisect.bisect_right(starts, position) - 1, 0)

    flagged = [False] * len(sentences)
    for f in findings:
        i = sentence_of(f.start)
        while i < len(sentences) and sentences[i][0] < f.end:
            flagged[i] = True
            i += 1
    texts = AMPLIFIER_TEXT.get(lang, AMPLIFIER_TEXT["en"])
    out = []
    shouted = [False] * len(sentences)
    for start, end in caps:
        i = sentence_of(start)
        if i < len(sentences) and warm[i] and not flagged[i]:
            continue
        shouted[i] = True
        out.append(_amplifier(text, start, end, Category.ALL_CAPS.value, texts))
    for start, end in bangs:
        i = sentence_of(start)
        if i < len(sentences) and (flagged[i] or shouted[i] or tense[i]):
            out.append(_amplifier(text, start, end, Category.EXCLAMATIONS.value, texts))
    return out


def _amplifier(
    text: str, start: int, end: int, category: str, texts: dict[str, tuple[str, str]]
) -> Finding:
    explanation, suggestion = texts[category]
    return Finding(start, end, text[start:end], category, explanation, suggestion, category)


# ── segments ───────────────────────────────────────────────────────────────────────────


def _segments(findings: Iterable[Finding], text: str) -> list[Segment]:
    valid = [
        f
        for f in findings
        if isinstance(f, Finding)
        and 0 <= f.start < f.end <= len(text)
        and text[f.start : f.end] == f.text
    ]
    winners, losers = _non_overlapping(valid)
    starts = [w.start for w in winners]
    also: list[list[Finding]] = [[] for _w in winners]
    for f in losers:
        i = bisect.bisect_right(starts, f.start) - 1
        if i < 0 or winners[i].end <= f.start:
            i += 1
        also[i].append(f)
    segments: list[Segment] = []
    position = 0
    for w, extra in zip(winners, also, strict=True):
        if w.start > position:
            segments.append(Segment(text[position : w.start]))
        segments.append(Segment(text[w.start : w.end], w, tuple(extra)))
        position = w.end
    if position < len(text):
        segments.append(Segment(text[position:]))
    return segments
