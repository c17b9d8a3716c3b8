"""The Thai calendar: Buddhist-era years, fiscal years (October–September), month names.

Everything that knows about BE years or Thai month names lives here.
FY 2565 runs from 1 October 2021 to 30 September 2022 (CE = BE − 543).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

from pythainlp.util import thai_strftime
from pythainlp.util.date import thai_abbr_months, thai_full_month_lists, thai_full_months

from messages_th.digits import digits, to_arabic, to_thai

BE_OFFSET = 543
FIRST_FISCAL_MONTH = 10


def be_year(ce: int) -> int:
    return ce + BE_OFFSET


def ce_year(year: int) -> int:
    """A year as typed: BE (2565), CE (2022), or a short BE year (65)."""
    if year < 100:
        return year + 2500 - BE_OFFSET
    return year - BE_OFFSET if year > 2400 else year


def fiscal_year_of(day: date) -> int:
    """The BE fiscal year a day belongs to."""
    ce = day.year + 1 if day.month >= FIRST_FISCAL_MONTH else day.year
    return be_year(ce)


def fiscal_months(fiscal_year: int) -> list[date]:
    """The twelve reporting months of a fiscal year, October first."""
    start = date(fiscal_year - BE_OFFSET - 1, FIRST_FISCAL_MONTH, 1)
    return [add_months(start, i) for i in range(12)]


def half_year_months(fiscal_year: int, half: int) -> list[date]:
    """Half 1: October–March (the OIT half-year report); half 2: April–September."""
    months = fiscal_months(fiscal_year)
    return months[:6] if half == 1 else months[6:]


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(day: date, count: int) -> date:
    index = day.year * 12 + (day.month - 1) + count
    return date(index // 12, index % 12 + 1, 1)


def month_key(month: date) -> str:
    """The Gregorian `YYYY-MM` used in files and on the command line."""
    return f"{month.year:04d}-{month.month:02d}"


def parse_month_key(text: str) -> date:
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", to_arabic(text.strip()))
    if not match:
        raise ValueError(text)
    year, month = int(match[1]), int(match[2])
    return date(ce_year(year), month, 1)


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


def month_name(month_number: int) -> str:
    return thai_full_months[month_number - 1]


def fiscal_year_label(fiscal_year: int, *, thai_digits: bool | None = None) -> str:
    """ปีงบประมาณ พ.ศ. 2565"""
    return _digits(f"ปีงบประมาณ พ.ศ. {fiscal_year}", thai_digits)


def _digits(text: str, thai_digits: bool | None) -> str:
    if thai_digits is None:
        return digits(text)
    return to_thai(text) if thai_digits else text


# -- input -----------------------------------------------------------------------------

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


_THAI_DATE = re.compile(
    rf"(?P<day>\d{{1,2}})\s*(?P<month>{MONTH_PATTERN})\s*(?:พ\.?\s*ศ\.?\s*)?(?P<year>\d{{2,4}})?"
)
_NUMERIC_DATE = re.compile(
    r"(?P<day>\d{1,2})\s*[/.-]\s*(?P<month>\d{1,2})(?:\s*[/.-]\s*(?P<year>\d{2,4}))?"
)


def parse_date(text: str, *, today: date) -> date | None:
    """A date as people type it: `15 ม.ค.`, `15 มกราคม 2565`, `15/1/2565`, `15/1/22`.

    Thai or Arabic digits, BE or CE year. With no year, the next such day from `today` on.
    """
    text = to_arabic(text)
    match = _THAI_DATE.search(text)
    if match:
        day, month = int(match["day"]), _MONTH_WORDS[match["month"]]
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
    """A date written out in a document: ๘ ธันวาคม ๒๕๖๔."""
    month = month_number(month_word)
    if month is None:
        return None
    try:
        return date(ce_year(int(to_arabic(year))), month, int(to_arabic(day)))
    except ValueError:
        return None


def month_words() -> dict[str, int]:
    """Every spelling of a month the calendar knows (มกราคม, มกรา, ม.ค., มค) → its number."""
    return dict(_MONTH_WORDS)
