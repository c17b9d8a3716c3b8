"""Dates and months as people type or write them: a day and a Thai month word (full or
abbreviated), `15/1/2565`, `2565-01`.

Thai or Arabic digits, BE or CE years; the month words are `messages_th.thai_calendar`'s.
"""

from __future__ import annotations

import re
from datetime import date

from fiscal import ce_year
from messages_th.digits import to_arabic
from messages_th.thai_calendar import BE_MARK, MONTH_PATTERN, month_number

_THAI_DATE = re.compile(
    rf"(?P<day>\d{{1,2}})\s*(?P<month>{MONTH_PATTERN})\s*{BE_MARK}?(?P<year>\d{{2,4}})?"
)
_NUMERIC_DATE = re.compile(
    r"(?P<day>\d{1,2})\s*[/.-]\s*(?P<month>\d{1,2})(?:\s*[/.-]\s*(?P<year>\d{2,4}))?"
)


def parse_date(text: str, *, today: date) -> date | None:
    """A date as people type it: `15` and a month word (with or without a year), `15/1/2565`,
    `15/1/22`.

    Thai or Arabic digits, BE or CE year. With no year, the next such day from `today` on.
    """
    text = to_arabic(text)
    match = _THAI_DATE.search(text)
    if match:
        day, month = int(match["day"]), month_number(match["month"]) or 0
    else:
        match = _NUMERIC_DATE.search(text)
        if not match:
            return None
        day, month = int(match["day"]), int(match["month"])
    year_text = match["year"]
    try:
        if year_text:
            year = int(year_text)
            # two digits after a slash are usually CE (22) in dates, BE (65) after a month name
            if len(year_text) == 2 and match.re is _NUMERIC_DATE and year < 50:
                year += 2000
            return date(ce_year(year), month, day)
        candidate = date(today.year, month, day)
        return candidate if candidate >= today else date(today.year + 1, month, day)
    except ValueError:
        return None


def parse_thai_date_words(day: str, month_word: str, year: str) -> date | None:
    """A date written out in a document: day, month word and year, often in Thai digits."""
    month = month_number(month_word)
    if month is None:
        return None
    try:
        return date(ce_year(int(to_arabic(year))), month, int(to_arabic(day)))
    except ValueError:
        return None


def read_iso_date(text: str) -> date | None:
    """`YYYY-MM-DD` with a CE or BE year, in either digits (the command line's dates)."""
    try:
        year, month, day = (int(part) for part in to_arabic(text.strip()).split("-"))
        return date(ce_year(year), month, day)
    except ValueError:
        return None


def parse_month_key(text: str) -> date:
    """`YYYY-MM` with a CE or BE year, in either digits; ValueError if it is not one."""
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", to_arabic(text.strip()))
    if not match:
        raise ValueError(text)
    return date(ce_year(int(match[1])), int(match[2]), 1)
