"""Finding the measure or ITA indicator a citizen's free question is about.

The index is the plan's own text (measure titles, their actions, indicator names), so a
new plan needs no new word lists. Both sides are cut into words the same way (see
`text.prepare`), and the everyday words of `messages_th/synonyms.py` are read as the plan's
words on both sides. A candidate scores by how much of the question it covers, word by
word with fuzzy matching (misspellings, missing spaces), each word weighted by how rare it
is among the candidates: words found nowhere pull every score down, so an unrelated
question matches nothing. Indicators answer questions about scores; a question about what
the agency does is about measures, and about the plan's theme in general (corruption,
integrity) when no measure is named: the overview of all measures.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from pythainlp.corpus import thai_stopwords
from pythainlp.tokenize import word_tokenize
from rapidfuzz import fuzz

from messages_th import intent_vocab
from messages_th import question_vocab as vocab
from messages_th.synonyms import SYNONYMS
from understanding import words
from understanding.cues import Cues
from understanding.text import Prepared, normalise, prepare

THRESHOLD = 35.0
INDICATOR_BIAS = 10.0  # a score word favours indicators, its absence favours measures
SIMILAR = 70.0  # a word this close to one of a candidate's counts, by its closeness
FOUND = 80.0  # a word this close counts as found in a candidate, for how rare it is

OVERVIEW = "measures"
ALL_SCORES = "ita"

_MEASURE_NUMBER = re.compile(vocab.MEASURE_NUMBER)
_INDICATOR_NUMBER = re.compile(vocab.INDICATOR_NUMBER)
_ACTION_NUMBER = re.compile(vocab.ACTION_NUMBER)
_SCORES = Cues(vocab.SCORE_WORDS, fuzzy=False)
_WHAT_IS_DONE = Cues(vocab.WHAT_IS_DONE, fuzzy=False)
_THEME = Cues(vocab.THEME)
_NUMBER_WORD = re.compile("|".join(sorted(intent_vocab.NUMBER_WORDS, key=len, reverse=True)))


@dataclass(frozen=True)
class Candidate:
    key: str  # e.g. "measure:1", "indicator:9"
    texts: tuple[str, ...]

    @property
    def is_indicator(self) -> bool:
        return self.key.startswith("indicator:")


@dataclass(frozen=True)
class Match:
    key: str  # a candidate's key, OVERVIEW or ALL_SCORES
    score: float


@dataclass(frozen=True)
class PlanIndex:
    candidates: tuple[Candidate, ...]
    terms: tuple[frozenset[str], ...]  # each candidate's words
    vocabulary: frozenset[str]  # every candidate's words, for mending typos towards

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(c.key for c in self.candidates)


#: the work grows with the words of a question times the plan's: a bounded number of distinct
#: words is matched (a 2,000-character question of made-up words: 58–106 ms before, 2–6 ms)
MAX_WORDS = 30


def candidates_from(
    measures: Iterable[tuple[int, str, Iterable[str]]], indicators: Iterable[tuple[int, str]]
) -> tuple[Candidate, ...]:
    """A plan's (number, title, action texts) and (number, name) as candidates."""
    return tuple(
        Candidate(f"measure:{number}", (title, *actions)) for number, title, actions in measures
    ) + tuple(Candidate(f"indicator:{number}", (name,)) for number, name in indicators)


def best_match(question: str, candidates: tuple[Candidate, ...]) -> Match | None:
    """The candidate the question is about, or None when nothing fits well enough.

    A question about scores with nothing more specific is `Match("ita")`; one about the
    plan's theme with no measure more specific, `Match("measures")`.
    """
    index = _index(candidates)
    return match_prepared(prepare(question, index.vocabulary), index)


def match_prepared(message: Prepared, index: PlanIndex) -> Match | None:
    scores = asks_for_scores(message)
    named = _named(message, index)
    if named is not None:
        return named
    terms = list(dict.fromkeys(w for w in question_terms(message) if w not in _SCORE_PIECES))
    terms = terms[:MAX_WORDS]  # each distinct word once, and a bounded number of them
    best = _best(terms, index, scores, measures_only=_WHAT_IS_DONE.found(message) and not scores)

    if best is not None and best.score >= THRESHOLD:
        return best
    if scores:
        return Match(ALL_SCORES, best.score if best else 0.0)  # about scores: all of them
    if _THEME.found(message) or _theme_words() & set(_canonical(message.tokens)):
        return Match(OVERVIEW, best.score if best else 0.0)
    return None


def index_of(candidates: tuple[Candidate, ...]) -> PlanIndex:
    return _index(candidates)


def asks_for_scores(message: Prepared) -> bool:
    return _SCORES.found(message)


def question_terms(message: Prepared) -> list[str]:
    """The words of a question that can tell one candidate from another."""
    return _meaningful(_canonical(message.tokens))


# -- scoring -----------------------------------------------------------------------------


def _best(terms: list[str], index: PlanIndex, scores: bool, *, measures_only: bool) -> Match | None:
    if not terms or all(w in _generic() for w in terms):
        return None  # words every agency uses say nothing about which measure
    similarity = [
        [max((_similar(w, t) for t in theirs), default=0.0) for w in terms]
        for theirs in index.terms
    ]
    found_in = [sum(1 for row in similarity if row[i] >= FOUND) for i in range(len(terms))]
    weights = [
        math.log(1 + len(index.terms) / (1 + n))
        * (vocab.GENERIC_WEIGHT if w in _generic() else 1.0)
        for w, n in zip(terms, found_in, strict=True)
    ]
    best: Match | None = None
    for candidate, row in zip(index.candidates, similarity, strict=True):
        if (candidate.is_indicator and measures_only) or (scores and not candidate.is_indicator):
            continue  # asked about scores: indicators only; about what is done: measures
        covered = sum(w * (s if s >= SIMILAR else 0.0) for w, s in zip(weights, row, strict=True))
        score = covered / sum(weights)
        if candidate.is_indicator:
            score += INDICATOR_BIAS if scores else -2 * INDICATOR_BIAS
        if best is None or score > best.score:
            best = Match(candidate.key, score)
    return best


def _named(message: Prepared, index: PlanIndex) -> Match | None:
    """Measure 2, indicator 9, action 1.2 named by number: the number says which."""
    text = _NUMBER_WORD.sub(lambda word: str(intent_vocab.NUMBER_WORDS[word[0]]), message.cleaned)
    for pattern, kind in (
        (_INDICATOR_NUMBER, "indicator"),
        (_MEASURE_NUMBER, "measure"),
        (_ACTION_NUMBER, "measure"),
    ):
        found = pattern.search(text)
        if found and f"{kind}:{int(found[1])}" in index.keys:
            return Match(f"{kind}:{int(found[1])}", 100.0)
    return None


def _similar(word: str, other: str) -> float:
    if word == other:
        return 100.0
    if len(word) >= 3 and len(other) >= 3 and (word in other or other in word):
        return 90.0
    return fuzz.ratio(word, other)


# -- words ---------------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _index(candidates: tuple[Candidate, ...]) -> PlanIndex:
    """The words of each candidate (cached: a plan's text changes only on import)."""
    terms = tuple(
        frozenset(w for text in c.texts for w in _meaningful(_canonical(_cut(text))))
        for c in candidates
    )
    vocabulary = frozenset(w for t in terms for w in t if len(w) >= words.SHORTEST)
    return PlanIndex(candidates, terms, vocabulary)


def _cut(text: str) -> tuple[str, ...]:
    return tuple(
        word_tokenize(normalise(text), custom_dict=words.dictionary(), keep_whitespace=False)
    )


def _canonical(tokens: tuple[str, ...] | list[str]) -> list[str]:
    """The plan's words for everyday ones ("the official car" becomes "property of the
    state"), longest phrase first."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for size in range(min(_LONGEST_KEY, len(tokens) - i), 0, -1):
            plan_words = _synonym("".join(tokens[i : i + size]))
            if plan_words is not None:
                out.extend(plan_words)
                i += size
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


_LONGEST_KEY = 4  # words in the longest everyday phrase


def _synonym(phrase: str) -> tuple[str, ...] | None:
    """The plan's words for a phrase, also when it carries a nominaliser (the prefixes that
    make a verb a noun)."""
    found = _synonyms().get(phrase)
    if found is None:
        for prefix in vocab.NOMINALISERS:
            if phrase.startswith(prefix) and len(phrase) > len(prefix) + 1:
                return _synonyms().get(phrase[len(prefix) :])
    return found


@lru_cache(maxsize=1)
def _synonyms() -> dict[str, tuple[str, ...]]:
    return {normalise(k).replace(" ", ""): _cut(v) for k, v in SYNONYMS.items()}


def _meaningful(tokens: list[str]) -> list[str]:
    return [
        w
        for w in tokens
        if len(w) > 1 and w not in _stop() and not w.isdigit() and not _NUMBER.match(w)
    ]


_NUMBER = re.compile(r"^[\d.,%/-]+$")


@lru_cache(maxsize=1)
def _stop() -> frozenset[str]:
    return frozenset(thai_stopwords()) | {normalise(w) for w in vocab.QUESTION_WORDS}


@lru_cache(maxsize=1)
def _generic() -> frozenset[str]:
    return frozenset(normalise(w) for w in vocab.GENERIC_WORDS)


@lru_cache(maxsize=1)
def _theme_words() -> frozenset[str]:
    return frozenset(normalise(w) for w in vocab.THEME)


_SCORE_PIECES = frozenset(w.lower() for w in vocab.SCORE_PIECES)
