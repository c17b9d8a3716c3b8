"""What people type, cleaned before it is read: digits of either kind, stray spaces,
vowel-order slips."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pythainlp.util import normalize as thai_normalize

from messages_th.digits import to_arabic

_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1024)
def clean(text: str) -> str:
    """NFC, Thai vowel and tone order fixed, Arabic digits, single spaces, trimmed.

    Remembered: every text listener reads the same message through here, and PyThaiNLP's
    normalising is some forty regular-expression passes.
    """
    text = text or ""
    for _ in range(_PASSES):  # until it holds: a stray vowel mark can take two passes
        cleaned = _clean_once(text)
        if cleaned == text:
            break
        text = cleaned
    return text


#: PyThaiNLP's normalising is not always done in one pass, and joining spaces can make a
#: new neighbour for a stray mark; cleaning what is clean must change nothing (readers
#: clean a line, then its parts)
_PASSES = 4


def _clean_once(text: str) -> str:
    text = thai_normalize(unicodedata.normalize("NFC", text))
    return _SPACES.sub(" ", to_arabic(text)).strip()


def squash(text: str) -> str:
    """`clean` without any spaces, for matching words typed with or without them."""
    return clean(text).replace(" ", "").lower()
