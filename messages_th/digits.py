"""Thai and Arabic digits. Input: both are equal everywhere. Output: Arabic in chat
unless the agency chose Thai; official documents may print Thai digits."""

from __future__ import annotations

import contextvars
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache

from pythainlp.util import arabic_digit_to_thai_digit, thai_digit_to_arabic_digit

_thai_digits: contextvars.ContextVar[bool] = contextvars.ContextVar("thai_digits", default=False)


def to_arabic(text: str) -> str:
    """๐–๙ become 0–9; everything else is left alone (same length, so spans still line up)."""
    return thai_digit_to_arabic_digit(text) if text else text


def to_thai(text: str) -> str:
    return arabic_digit_to_thai_digit(text) if text else text


@contextmanager
def thai_digits(enabled: bool = True) -> Iterator[None]:
    """Render numbers with Thai digits inside this block (documents, or an agency's choice)."""
    token = _thai_digits.set(enabled)
    try:
        yield
    finally:
        _thai_digits.reset(token)


#: links keep their digits whatever the style (a signed link with Thai digits is broken)
_URL = re.compile(r"https?://\S+")


def digits(text: str) -> str:
    """Apply the current digit style to already formatted text (links left as they are)."""
    if not _thai_digits.get() or not text:
        return text
    return _outside_links(text, to_thai)


def chat(text: str) -> str:
    """A chat message's words in one digit system, the agency's: Thai when it chose them,
    else Arabic, a plan's Thai digits included (links left as they are). The message
    builders (`build`) apply it to every word a person reads."""
    if not text:
        return text
    return _chat(text, _thai_digits.get())


@lru_cache(maxsize=4096)
def _chat(text: str, thai: bool) -> str:
    """The same words are said to many (a tick's reminders share their labels and lines)."""
    return _outside_links(text, to_thai if thai else to_arabic)


def _outside_links(text: str, convert: Callable[[str], str]) -> str:
    parts, last = [], 0
    for link in _URL.finditer(text):
        parts += [convert(text[last : link.start()]), link[0]]
        last = link.end()
    return "".join([*parts, convert(text[last:])])


def num(value: float | int, decimals: int = 0) -> str:
    """A number with thousands separators, in the current digit style."""
    text = f"{value:,.{decimals}f}"
    return digits(text)


def score(value: float | None) -> str:
    """An ITA score as the plan prints it (two decimals)."""
    return "-" if value is None else num(value, 2)
