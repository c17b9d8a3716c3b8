"""A message made ready for matching: cleaned, cut into words, typos mended, particles gone.

People type in LINE with no spaces, particles, letters held down (a long "thank you"),
emoji, either kind of digits and the odd slip of the finger. Every matcher in this package
reads the same `Prepared` form, so that each of them sees the message the same way.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache

from pythainlp.tokenize import word_tokenize

from messages_th import intent_vocab as vocab
from reading.text import clean
from understanding import words

#: only this much of a message is read for matching: the intent and the plan's measure are
#: in its first sentences, and the cost of matching grows with the length
MAX_CHARS = 200

#: a letter held down (a long "khrap"): four of a letter, two of a vowel or tone mark, or
#: three at a word's end become one; three inside a word can be two words (the word for
#: "score" ends in the letter the word for "low" begins with)
_HELD_DOWN = re.compile(
    r"(\D)\1{3,}|([\u0E30-\u0E3A\u0E40-\u0E4E])\2+|(\D)\3{2}(?=[^\w\u0E00-\u0E7F]|$)"
)
_HELD_AT_END = re.compile(r"(\D)\1{2,}$")  # a word's last letter held down
_LAUGH = re.compile(r"(?<!\d)5{3,}(?!\d)")
_THAI_OR_WORD = re.compile(r"[\w\u0E00-\u0E7F]")
_PARTICLE = re.compile(
    "^(?:"
    + "|".join(
        re.escape(p) + "+" if len(p) > 1 else re.escape(p)
        for p in sorted(vocab.PARTICLES, key=len, reverse=True)
    )
    + ")$"
)


@dataclass(frozen=True)
class Prepared:
    original: str  # what was typed, cut to MAX_CHARS
    cleaned: str  # cleaned, lower case, emoji and repeated letters gone; spaces kept
    tokens: tuple[str, ...]  # words, typos mended, without particles and punctuation
    emoji: frozenset[str]
    laugh: bool  # 555, typed to laugh
    asked: bool  # a question mark was typed

    @property
    def squashed(self) -> str:
        """The words run together: Thai is typed with or without spaces between words."""
        return "".join(self.tokens)

    @cached_property
    def token_set(self) -> frozenset[str]:
        return frozenset(self.tokens)

    @cached_property
    def spans(self) -> frozenset[str]:
        """Every run of up to five words, joined: a phrase is found whatever the cutting."""
        n = len(self.tokens)
        return frozenset(
            "".join(self.tokens[i:j]) for i in range(n) for j in range(i + 1, min(n, i + 5) + 1)
        )

    @property
    def empty(self) -> bool:
        return not self.tokens


def prepare(text: str, extra: frozenset[str] = frozenset()) -> Prepared:
    """`extra`: more words to mend typos towards (a plan's own words)."""
    return _prepare(text or "", extra)


@lru_cache(maxsize=2048)
def _prepare(text: str, extra: frozenset[str]) -> Prepared:
    capped = text[:MAX_CHARS]
    cleaned, emoji = _without_emoji(normalise(capped))
    laugh = bool(_LAUGH.search(cleaned))
    raw = word_tokenize(cleaned, custom_dict=words.dictionary(), keep_whitespace=False)
    tokens = words.mend([t for t in raw if _THAI_OR_WORD.search(t)], extra)
    return Prepared(
        original=capped,
        cleaned=cleaned,
        tokens=tuple(_without_particles(tokens)),
        emoji=frozenset(emoji),
        laugh=laugh,
        asked="?" in cleaned,
    )


@lru_cache(maxsize=4096)
def normalise(text: str) -> str:
    """Clean (digits, vowel order, spaces), lower case, a held-down letter typed once."""
    text = clean(text[: MAX_CHARS * 2]).lower()
    return _HELD_DOWN.sub(lambda m: m[1] or m[2] or m[3], text)


def squash(text: str) -> str:
    """A vocabulary entry in the form `Prepared.squashed` has: normalised, no spaces."""
    return normalise(text).replace(" ", "")


def _without_emoji(text: str) -> tuple[str, list[str]]:
    kept, found = [], []
    for char in text:
        if _is_emoji(char):
            found.append(char)
            kept.append(" ")
        else:
            kept.append(char)
    return re.sub(r"\s+", " ", "".join(kept)).strip(), found


def _is_emoji(char: str) -> bool:
    code = ord(char)
    if 0x1F000 <= code <= 0x1FAFF or 0x2600 <= code <= 0x27BF:
        return True
    if code in (0x200D, 0xFE0F, 0x20E3):
        return True
    return unicodedata.category(char) == "So"


def _without_particles(tokens: list[str]) -> list[str]:
    """Particles go; so does a letter left over from one typed twice (a doubled last letter)."""
    kept: list[str] = []
    previous = ""
    for token in (_HELD_AT_END.sub(r"\1", t) for t in tokens):
        if _PARTICLE.match(token):
            previous = token
            continue
        if previous and set(token) == {previous[-1]}:  # the last letter held down
            continue
        kept.append(token)
        previous = token
    return kept
