"""Finding the measure or ITA indicator a citizen's free question is about.

The index is the plan's own text (measure titles, their actions, indicator names), so a
new plan needs no new word lists. Question and texts are normalised and cut into words
with PyThaiNLP (rapidfuzz's default processor would strip Thai vowels and tone marks);
question words and stop words are dropped. A candidate scores by how much of the question
it covers, word by word with fuzzy matching (misspellings, missing spaces), each word
weighted by how rare it is among the candidates: words found nowhere pull every score
down, so an unrelated question matches nothing.

The work grows with the question (each of its words against each word of the plan), and a
LINE text may be 5,000 characters: only the first MAX_CHARS characters are read, and each
distinct word once, at most MAX_WORDS of them (a 2,000-character question of made-up
words took 58–106 ms, now 2–6 ms: docs/PERFORMANCE.md). Real questions are far shorter.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from pythainlp.corpus import thai_stopwords
from pythainlp.tokenize import word_tokenize
from pythainlp.util import normalize
from rapidfuzz import fuzz

from messages_th.thai_input import clean

QUESTION_WORDS = frozenset(
    {
        "เรื่อง",
        "ทำ",
        "อะไร",
        "บ้าง",
        "ยังไง",
        "อย่างไร",
        "ไหม",
        "มั้ย",
        "ได้",
        "ไป",
        "ครับ",
        "ค่ะ",
        "คะ",
        "หรือยัง",
        "ยัง",
        "เท่าไร",
        "เท่าไหร่",
        "กี่",
        "ถึงไหน",
        "แล้ว",
        "ทาง",
        "ไหน",
        "หน่อย",
        "ขอ",
        "ถาม",
        "การ",
        "ของ",
        "และ",
        "ใน",
        "ที่",
        "เพื่อ",
        "มา",
        "มี",
        "เทศบาล",
        "อยาก",
        "รู้",
        "ทราบ",
        "จ้า",
        "นะ",
    }
)
SCORE_WORDS = ("คะแนน", "ตัวชี้วัด", "ITA", "ไอทีเอ", "ผลประเมิน")
#: what remains of a score word after cutting into words
SCORE_PIECES = frozenset({"คะแนน", "ITA", "ตัว", "ชี้", "วัด", "ตัวชี้วัด", "ไอทีเอ", "ผล", "ประเมิน"})
THRESHOLD = 35.0
#: what of a question is matched: its first characters, each distinct word once
MAX_CHARS = 200
MAX_WORDS = 30
INDICATOR_BIAS = 10.0  # a score word favours indicators, its absence favours measures


@dataclass(frozen=True)
class Candidate:
    key: str  # e.g. "measure:1", "indicator:9"
    texts: tuple[str, ...]

    @property
    def is_indicator(self) -> bool:
        return self.key.startswith("indicator:")


@dataclass(frozen=True)
class Match:
    key: str
    score: float


def terms(text: str) -> list[str]:
    words = word_tokenize(normalize(clean(text)), keep_whitespace=False)
    return [w for w in words if (len(w) > 1 or w.isupper()) and w not in _STOP and not w.isdigit()]


_STOP = frozenset(thai_stopwords()) | QUESTION_WORDS


def asks_for_scores(question: str) -> bool:
    return any(word in question for word in SCORE_WORDS)


def best_match(question: str, candidates: tuple[Candidate, ...]) -> Match | None:
    """The candidate the question is about, or None when nothing fits well enough.

    A question about scores with nothing more specific is `Match("ita")`.
    """
    question = question[:MAX_CHARS]
    scores = asks_for_scores(question)
    words = question_words(question)
    if not words:
        return Match("ita", 100.0) if scores else None
    index = _index(candidates)
    similarity = {
        key: [max((_similar(w, t) for t in their), default=0.0) for w in words]
        for key, their in index
    }
    found_in = [sum(1 for key in similarity if similarity[key][i] >= 80) for i in range(len(words))]
    weights = [math.log(1 + len(index) / (1 + n)) for n in found_in]
    best: Match | None = None
    for candidate in candidates:
        covered = sum(
            w * (s if s >= 70 else 0.0)
            for w, s in zip(weights, similarity[candidate.key], strict=True)
        )
        score = covered / sum(weights)
        if candidate.is_indicator:
            score += INDICATOR_BIAS if scores else -2 * INDICATOR_BIAS
        if best is None or score > best.score:
            best = Match(candidate.key, score)
    if best is not None and best.score >= THRESHOLD:
        return best
    return Match("ita", 0.0) if scores else None  # about scores, nothing more specific: all of them


def question_words(question: str) -> list[str]:
    """The words of a question that are matched: distinct, in order, at most MAX_WORDS,
    from its first MAX_CHARS characters."""
    found = dict.fromkeys(w for w in terms(question[:MAX_CHARS]) if w not in SCORE_PIECES)
    return list(found)[:MAX_WORDS]


@lru_cache(maxsize=8)
def _index(candidates: tuple[Candidate, ...]) -> tuple[tuple[str, frozenset[str]], ...]:
    """The words of each candidate (cached: a plan's text changes only on import)."""
    return tuple((c.key, frozenset(w for text in c.texts for w in terms(text))) for c in candidates)


def _similar(word: str, other: str) -> float:
    if word == other:
        return 100.0
    if len(word) >= 3 and len(other) >= 3 and (word in other or other in word):
        return 90.0
    return fuzz.ratio(word, other)
