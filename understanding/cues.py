"""Finding a vocabulary list's words in a prepared message: exactly, or with a typo.

An entry is found when it is a run of the message's words; one of five letters or more
also when it sits inside a word; a one-word entry of six letters or more also with a slip
of the finger (one edit, two from ten letters), by rapidfuzz's best-aligned partial ratio
on the letters.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property

from rapidfuzz import fuzz

from understanding.text import Prepared, squash

INSIDE = 5  # an entry this long may be found inside a longer word
FUZZY = 6  # an entry this long may be found with a typo


class Cues:
    def __init__(self, entries: Iterable[str], *, fuzzy: bool = True) -> None:
        self._entries = tuple(entries)
        self.fuzzy = fuzzy

    @cached_property
    def _forms(self) -> tuple[tuple[str, str], ...]:
        """(entry, its matching form), longest first; entries that are only particles go."""
        forms = {(e, _form(e)) for e in self._entries}
        return tuple(sorted((f for f in forms if f[1]), key=lambda f: -len(f[1])))

    @cached_property
    def _whole(self) -> frozenset[str]:
        return frozenset(form for _, form in self._forms)

    @cached_property
    def _words(self) -> tuple[tuple[str, str], ...]:
        """The entries that are one word: a typo is looked for in a word, while a phrase
        one letter from another entry ("complained earlier" against "complain") is another
        phrase."""
        return tuple(
            (entry, form) for entry, form in self._forms if len(form) >= FUZZY and _one_word(entry)
        )

    def find(self, message: Prepared, *, fuzzy: bool | None = None) -> str | None:
        """The (longest) entry found in the message, or None."""
        squashed = message.squashed
        for entry, form in self._forms:
            if form in message.spans or (len(form) >= INSIDE and form in squashed):
                return entry
        if not (self.fuzzy if fuzzy is None else fuzzy):
            return None
        for entry, form in self._words:
            if _near(form, squashed):
                return entry
        return None

    def position(self, message: Prepared) -> int | None:
        """Where, in the words run together, the first entry found exactly begins."""
        squashed = message.squashed
        found = [
            squashed.find(form)
            for _, form in self._forms
            if form in message.spans or (len(form) >= INSIDE and form in squashed)
        ]
        return min((at for at in found if at >= 0), default=None)

    def found(self, message: Prepared, *, fuzzy: bool | None = None) -> bool:
        return self.find(message, fuzzy=fuzzy) is not None

    def whole(self, message: Prepared) -> bool:
        """The message is one entry and nothing else (particles aside)."""
        return message.squashed in self._whole

    def count(self, message: Prepared) -> int:
        """How many of the entries are in the message (exactly)."""
        squashed = message.squashed
        return sum(
            1
            for _, form in self._forms
            if form in message.spans or (len(form) >= INSIDE and form in squashed)
        )

    def without(self, tokens: tuple[str, ...] | list[str]) -> list[str]:
        """The words left when every run of words that is an entry is taken out."""
        kept: list[str] = []
        i = 0
        while i < len(tokens):
            for size in range(min(5, len(tokens) - i), 0, -1):
                if "".join(tokens[i : i + size]) in self._whole:
                    i += size
                    break
            else:
                kept.append(tokens[i])
                i += 1
        return kept


def _form(entry: str) -> str:
    from understanding.text import prepare

    prepared = prepare(entry)
    return prepared.squashed or squash(entry)


def _one_word(entry: str) -> bool:
    from understanding.text import prepare

    return len(prepare(entry).tokens) == 1


def _near(form: str, text: str) -> bool:
    edits = 1 if len(form) < 10 else 2
    if len(text) < len(form) - edits:
        return False
    cutoff = 100.0 * (len(form) - edits) / len(form) - 0.01
    return fuzz.partial_ratio(form, text, score_cutoff=cutoff) > 0
