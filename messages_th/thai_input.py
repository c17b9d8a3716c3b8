"""Reading what people type: digits of either kind, stray spaces, vowel-order slips."""

from __future__ import annotations

import re
import unicodedata

from pythainlp.util import normalize as thai_normalize

from messages_th.digits import to_arabic

_SPACES = re.compile(r"\s+")


def clean(text: str) -> str:
    """NFC, Thai vowel and tone order fixed, Arabic digits, single spaces, trimmed."""
    text = unicodedata.normalize("NFC", text or "")
    text = thai_normalize(text)
    return _SPACES.sub(" ", to_arabic(text)).strip()


def squash(text: str) -> str:
    """`clean` without any spaces, for matching words typed with or without them."""
    return clean(text).replace(" ", "").lower()
