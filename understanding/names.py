"""Finding which colleague a request names ("remind Wichai...", "please chase Somsri").

The words of the request itself, titles and particles are taken out; what is left is
compared, letter by letter, with each person's first name, last name and full name (a
typo is allowed: one edit in a name of four to nine letters, two in a longer one).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz

from messages_th import intent_vocab as vocab
from understanding.cues import Cues
from understanding.text import Prepared, normalise

_TITLES = tuple(sorted((normalise(t) for t in vocab.NAME_TITLES), key=len, reverse=True))
_NOT_NAMES = Cues(
    (
        *vocab.REMIND,
        *vocab.TELL,
        *vocab.TO_SEND,
        *vocab.REPORT,
        *vocab.POLITE,
        *vocab.EVERYONE,
        *vocab.SELF,
        *vocab.NAME_TITLES,
        *vocab.PERIOD_THIS_MONTH,
        *vocab.PERIOD_LAST_MONTH,
        *vocab.NOT_YET,
    ),
    fuzzy=False,
)


@dataclass(frozen=True)
class PersonMatch:
    key: str
    name: str
    score: float


def name_typed(message: Prepared) -> str:
    """What is left of the request once its own words are gone: the name, if any."""
    return "".join(_NOT_NAMES.without(message.tokens))


def find_people(
    typed: str, people: Mapping[str, str] | Iterable[tuple[str, str]]
) -> list[PersonMatch]:
    """The people whose name is closest to `typed`, best first (several when equally close)."""
    if len(typed) < 2:
        return []
    pairs = people.items() if isinstance(people, Mapping) else people
    scored = [PersonMatch(key, name, _score(typed, name)) for key, name in pairs]
    scored = [p for p in scored if p.score > 0]
    if not scored:
        return []
    best = max(p.score for p in scored)
    return sorted((p for p in scored if p.score == best), key=lambda p: p.name)


def _score(typed: str, name: str) -> float:
    return max((_part_score(typed, part) for part in _parts(name)), default=0.0)


def _parts(name: str) -> list[str]:
    words = [_untitled(w) for w in normalise(name).replace("(", " ").replace(")", " ").split()]
    words = [w for w in words if len(w) >= 2]
    return [*words, "".join(words)] if len(words) > 1 else words


def _untitled(word: str) -> str:
    for title in _TITLES:
        if word.startswith(title) and len(word) - len(title) >= 2:
            return word[len(title) :]
    return word


def _part_score(typed: str, part: str) -> float:
    """How surely `typed` names `part`: 0 when it does not, within the typos allowed."""
    if part in typed or (typed in part and len(typed) >= max(2, len(part) - 1)):
        return 100.0
    if len(part) < 4:
        return 0.0
    edits = 1 if len(part) < 10 else 2
    cutoff = 100.0 * (len(part) - edits) / len(part) - 0.01
    if len(typed) >= len(part):
        return fuzz.partial_ratio(part, typed, score_cutoff=cutoff)
    return fuzz.ratio(part, typed, score_cutoff=cutoff)
