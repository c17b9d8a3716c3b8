"""The fiscal calendar: Buddhist-era years, fiscal years (October to September), months.

Arithmetic only (no words, no input): `messages_th/thai_calendar.py` prints these dates in
Thai, `reading/dates.py` reads them as people type them. FY 2565 runs from 1 October 2021
to 30 September 2022 (CE = BE − 543). A month is the date of its first day.
"""

from __future__ import annotations

from datetime import date

BE_OFFSET = 543
FIRST_FISCAL_MONTH = 10


def be_year(ce: int) -> int:
    return ce + BE_OFFSET


def ce_year(year: int) -> int:
    """A year as people write it: BE (2565), CE (2022), or a short BE year (65)."""
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
    """The Gregorian `YYYY-MM` used in files, links, dedupe keys and on the command line."""
    return f"{month.year:04d}-{month.month:02d}"
