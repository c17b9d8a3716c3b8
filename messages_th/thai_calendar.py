"""The Thai calendar's words: dates and months printed in the Buddhist era, and the ways
people write a month or a BE year (which `reading/dates.py` reads).

The arithmetic of fiscal years and months is `fiscal.py`'s.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

from pythainlp.util import thai_strftime
from pythainlp.util.date import thai_abbr_months, thai_full_month_lists, thai_full_months

from fiscal import be_year
from messages_th.digits import digits, to_thai

# -- output ----------------------------------------------------------------------------


def _at_noon(day: date) -> datetime:
    return datetime.combine(day, time(12))  # thai_strftime wants a datetime; no zone needed


def format_date(day: date, *, thai_digits: bool | None = None) -> str:
    """15 มกราคม 2565"""
    text = thai_strftime(_at_noon(day), "%-d %B %Y")
    return _digits(text, thai_digits)


def format_date_short(day: date, *, thai_digits: bool | None = None) -> str:
    """15 ม.ค. 65"""
    return _digits(thai_strftime(_at_noon(day), "%-d %b %y"), thai_digits)


def format_datetime(moment: datetime, *, thai_digits: bool | None = None) -> str:
    """15 มกราคม 2565 เวลา 09:30 น."""
    text = (
        thai_strftime(moment.replace(tzinfo=None), "%-d %B %Y")
        + " เวลา "
        + moment.strftime("%H:%M")
        + " น."
    )
    return _digits(text, thai_digits)


def format_month(month: date, *, thai_digits: bool | None = None) -> str:
    """มกราคม 2565"""
    return _digits(f"{thai_full_months[month.month - 1]} {be_year(month.year)}", thai_digits)


def format_month_short(month: date, *, with_year: bool = True) -> str:
    """ม.ค. 65, or ม.ค. alone (table columns)."""
    name = thai_abbr_months[month.month - 1]
    return digits(f"{name} {be_year(month.year) % 100:02d}") if with_year else name


def _digits(text: str, thai_digits: bool | None) -> str:
    if thai_digits is None:
        return digits(text)
    return to_thai(text) if thai_digits else text


# -- the words people write dates with ------------------------------------------------

#: every way a month is written (มกราคม, มกรา, ม.ค., ม.ค, มค) → month number
_MONTH_WORDS: dict[str, int] = {}
for _number, _variants in enumerate(thai_full_month_lists, start=1):
    for _variant in _variants:
        if not _variant.isdigit():
            _MONTH_WORDS[_variant] = _number
            _MONTH_WORDS[_variant.replace(".", "")] = _number
            _MONTH_WORDS[_variant.rstrip(".")] = _number

MONTH_PATTERN = "|".join(sorted((re.escape(w) for w in _MONTH_WORDS), key=len, reverse=True))


def month_number(word: str) -> int | None:
    return _MONTH_WORDS.get(word.strip())


#: "พ.ศ." (Buddhist Era) before a year, however it is abbreviated
BE_MARK = r"(?:พ\.?\s*ศ\.?\s*)"


def month_words() -> dict[str, int]:
    """Every spelling of a month the calendar knows (มกราคม, มกรา, ม.ค., มค) → its number."""
    return dict(_MONTH_WORDS)
