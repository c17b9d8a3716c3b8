"""Which of the agency's categories a citizen's case text is about, so that it reaches the
unit that handles it without the citizen having to choose (as Traffy Fondue sorts reports)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from functools import lru_cache

from messages_th.case_words import DEFAULT_TOPICS, OTHER_TOPIC
from reading.text import squash

_WORDS = {topic.name: topic.words for topic in DEFAULT_TOPICS}


def words_of(name: str) -> tuple[str, ...]:
    """The words that point to a category: a default one's list, else the parts of its
    name (an agency's own "water supply/electricity" by each of the two)."""
    return _WORDS.get(name) or tuple(part.strip() for part in name.split("/") if part.strip())


@lru_cache(maxsize=256)
def _keys(name: str) -> tuple[str, ...]:
    """A category's words as matched (cleaned, no spaces), the longest first: cleaning is
    some forty regular-expression passes, done once per word, not once per message."""
    return tuple(sorted((squash(word) for word in words_of(name)), key=len, reverse=True))


def topic_of(text: str, names: Sequence[str], conduct: Collection[str] = ()) -> str:
    """The category whose words the text says most (the longest words first, so "no water
    running" counts once, not as "water" too); a tie goes to the category named first in
    the text (people name the problem before where it is); none: the "other" category (or
    the last one, when the agency has none). A `conduct` category (about staff: the heads
    only) wins whenever its words are there: corruption on a road project is not the
    road unit's to read."""
    said = squash(text)
    best, best_score = "", (0, 0, 0)
    for name in names:
        rest, hits, first = said, 0, len(said)
        for key in _keys(name):
            found = rest.count(key)
            if found:
                hits += found
                first = min(first, rest.index(key))
                rest = rest.replace(key, " " * len(key))
        score = (int(hits > 0 and name in conduct), hits, -first)
        if hits and score > best_score:
            best, best_score = name, score
    if best:
        return best
    return OTHER_TOPIC if OTHER_TOPIC in names or not names else names[-1]
