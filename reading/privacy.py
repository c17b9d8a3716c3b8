"""Reading a citizen's request about their own data: a copy of it, or its deletion, said
in a short sentence or inside a longer one (the patterns are `messages_th.privacy_text`'s)."""

from __future__ import annotations

from messages_th.privacy_text import COPY, COPY_IN, ERASE, ERASE_IN, LONGEST
from reading.text import squash


def wants_erasure(text: str) -> bool:
    typed = squash(text)
    return len(typed) <= LONGEST and bool(ERASE.match(typed))


def wants_copy(text: str) -> bool:
    typed = squash(text)
    return len(typed) <= LONGEST and bool(COPY.match(typed))


def asks_erasure_in(text: str) -> bool:
    """A sentence already read as about one's data that asks for its deletion."""
    return bool(ERASE_IN.search(squash(text)))


def asks_copy_in(text: str) -> bool:
    """A sentence already read as about one's data that asks what is kept."""
    return bool(COPY_IN.search(squash(text)))
