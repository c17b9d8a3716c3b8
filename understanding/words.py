"""Thai words: the dictionary the word cutter uses, and mending words cut apart by a typo.

PyThaiNLP cuts a misspelt word into pieces (one wrong letter in the word for municipality
leaves three pieces that mean nothing). Runs of pieces next to a piece that is no word are
joined again and compared with the words Tidtam knows, by edit distance: within one edit
for a word of five to eight letters, two for a longer one, the word replaces the pieces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

from pythainlp.corpus import thai_words
from pythainlp.tokenize import word_tokenize
from pythainlp.util import Trie, dict_trie
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from messages_th import intent_vocab as vocab
from messages_th import question_vocab, synonyms
from messages_th.thai_calendar import month_words

#: the longest run of pieces joined again, and the lengths a known word must have
WINDOW = 4
SHORTEST = 5
_LETTERS = re.compile(r"^[a-z\u0E01-\u0E4E]+$")  # Thai or Latin letters, marks included
_THAI_LETTERS = re.compile(r"^[\u0E01-\u0E4E]+$")


@lru_cache(maxsize=1)
def known() -> frozenset[str]:
    """Words of the general dictionary."""
    return frozenset(thai_words())


@lru_cache(maxsize=1)
def domain() -> frozenset[str]:
    """The words Tidtam listens for: every vocabulary entry without spaces or dots."""
    entries = chain(
        *(v for v in vars(vocab).values() if isinstance(v, tuple | frozenset)),
        *(v for v in vars(question_vocab).values() if isinstance(v, tuple | frozenset)),
        synonyms.SYNONYMS,
        synonyms.SYNONYMS.values(),
        month_words(),
        *vocab.MONTH_VARIANTS.values(),
        *vocab.WEEKDAYS,
        *vocab.LEAVE_KINDS.values(),
        vocab.RELATIVE_DAYS,
    )
    return frozenset(
        e.lower() for e in entries if isinstance(e, str) and e and " " not in e and "." not in e
    )


@lru_cache(maxsize=1)
def dictionary() -> Trie:
    """PyThaiNLP's words, and the domain's words the dictionary would cut into pieces that are
    no words (a common misspelling of "thank you"); phrases of known words are left to be
    cut."""
    general = known()
    return dict_trie(general | {w for w in domain() if _needs_entry(w, general)})


def _needs_entry(word: str, general: frozenset[str]) -> bool:
    """Whether the word cannot be cut into words of the dictionary (a word break over the
    set: cheaper than building PyThaiNLP's default dictionary to ask its cutter)."""
    if word in general:
        return False
    whole = [True] + [False] * len(word)  # whole[i]: word[:i] cuts into known words
    for end in range(1, len(word) + 1):
        whole[end] = any(
            whole[start] and word[start:end] in general
            for start in range(max(0, end - _LONGEST_WORD), end)
        )
    return not whole[-1]


_LONGEST_WORD = 30


def mend(tokens: list[str], extra: frozenset[str] = frozenset()) -> list[str]:
    """Join pieces of a misspelt word back into the known word they are closest to, and
    cut a known word off a particle the dictionary glued to it (a word for "property"
    followed by the question particle reads as "property" and "compensation")."""
    targets = _targets(extra)
    return _mended(_recut(tokens, targets), targets)


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one per plan
class _Targets:
    """The words typos are mended towards: as a set to look up, as a list to search."""

    words: frozenset[str]
    listed: tuple[str, ...]


def _recut(tokens: list[str], targets: _Targets) -> list[str]:
    out = list(tokens)
    for i in range(len(out) - 1):
        joined = out[i] + out[i + 1]
        for cut in range(len(joined) - 1, len(out[i]), -1):
            if joined[:cut] in targets.words and joined[cut:] in _tails():
                out[i], out[i + 1] = joined[:cut], joined[cut:]
                break
    return out


@lru_cache(maxsize=1)
def _tails() -> frozenset[str]:
    """What ends a question or a sentence: asking words and particles."""
    return frozenset(w.lower() for w in (*vocab.QUESTION_MARKERS, *vocab.PARTICLES))


def _mended(tokens: list[str], targets: _Targets) -> list[str]:
    suspects = [_suspect(t, targets) for t in tokens]
    mended: list[str] = []
    i = 0
    while i < len(tokens):
        found = _mend_at(tokens, suspects, i, targets)
        if found is None:
            mended.append(tokens[i])
            i += 1
        else:
            word, used = found
            mended.extend(_cut(word))
            i += used
    return mended


@lru_cache(maxsize=512)
def _cut(word: str) -> tuple[str, ...]:
    """A mended word cut as the dictionary cuts it, so that every matcher sees its words."""
    return tuple(word_tokenize(word, custom_dict=dictionary(), keep_whitespace=False))


def _mend_at(
    tokens: list[str], suspects: list[bool], i: int, targets: _Targets
) -> tuple[str, int] | None:
    for size in range(min(WINDOW, len(tokens) - i), 0, -1):
        if not any(suspects[i : i + size]):
            continue
        joined = "".join(tokens[i : i + size])
        if size > 1 and joined in targets.words:
            return joined, size
        if not SHORTEST <= len(joined) <= 20:
            continue
        best = _closest(joined, targets)
        if best is not None:
            return best, size
    return None


@lru_cache(maxsize=4096)
def _closest(joined: str, targets: _Targets) -> str | None:
    """The known word within a slip of the finger (remembered: a long message repeats)."""
    allowed = 1 if len(joined) <= 8 else 2
    best = process.extractOne(
        joined, targets.listed, scorer=Levenshtein.distance, score_cutoff=allowed
    )
    # a slip changes a letter or two, it does not swallow a neighbouring word
    if best is not None and abs(len(best[0]) - len(joined)) <= 1:
        return best[0]
    return None


def _suspect(token: str, targets: _Targets) -> bool:
    """A piece of a Thai word rather than a word: one letter, or unknown to the dictionary
    (Latin words are matched as typed)."""
    if token in targets.words or not _THAI_LETTERS.match(token):
        return False
    return len(token) == 1 or token not in known()


@lru_cache(maxsize=16)
def _targets(extra: frozenset[str]) -> _Targets:
    words = frozenset(w for w in domain() | extra if len(w) >= SHORTEST and _LETTERS.match(w))
    return _Targets(words, tuple(sorted(words)))
