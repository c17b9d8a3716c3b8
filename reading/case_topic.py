"""Which of the agency's categories a citizen's case text is about, so that it reaches the
unit that handles it without the citizen having to choose (as Traffy Fondue sorts reports)."""

from __future__ import annotations

from collections.abc import Sequence

from messages_th.case_words import DEFAULT_TOPICS, OTHER_TOPIC
from reading.text import squash

_WORDS = {topic.name: topic.words for topic in DEFAULT_TOPICS}


def words_of(name: str) -> tuple[str, ...]:
    """The words that point to a category: a default one's list, else the parts of its
    name (an agency's own "water supply/electricity" by each of the two)."""
    return _WORDS.get(name) or tuple(part.strip() for part in name.split("/") if part.strip())


def topic_of(text: str, names: Sequence[str]) -> str:
    """The category whose words the text says most (the longest words first, so "no water
    running" counts once, not as "water" too); ties go to the earlier category; none: the
    "other" category (or the last one, when the agency has none)."""
    said = squash(text)
    best, best_hits = "", 0
    for name in names:
        rest, hits = said, 0
        for word in sorted(words_of(name), key=len, reverse=True):
            found = rest.count(squash(word))
            if found:
                hits += found
                rest = rest.replace(squash(word), " ")
        if hits > best_hits:
            best, best_hits = name, hits
    if best:
        return best
    return OTHER_TOPIC if OTHER_TOPIC in names or not names else names[-1]
