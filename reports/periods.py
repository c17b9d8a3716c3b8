"""What a report covers: a fiscal year, a half of it, or one monthly meeting's month."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fiscal import fiscal_months, fiscal_year_of, half_year_months, month_key


@dataclass(frozen=True)
class Period:
    fiscal_year: int
    kind: str  # year, half, month
    months: tuple[date, ...]  # the columns: the months reported on
    focus: date | None = None  # a month report's month

    @property
    def key(self) -> str:
        """In file names and links: `year`, `half1`, `2022-01`."""
        if self.focus is not None:  # a month's report
            return month_key(self.focus)
        if self.kind == "half":
            return "half1" if self.months[0].month == 10 else "half2"
        return "year"

    @property
    def first(self) -> date:
        return self.months[0]

    @property
    def last(self) -> date:
        return self.months[-1]


def year(fiscal_year: int) -> Period:
    return Period(fiscal_year, "year", tuple(fiscal_months(fiscal_year)))


def half(fiscal_year: int, number: int) -> Period:
    if number not in (1, 2):
        raise ValueError(number)
    return Period(fiscal_year, "half", tuple(half_year_months(fiscal_year, number)))


def month(fiscal_year: int, wanted: date) -> Period:
    """One month's report shows the year so far up to that month."""
    if fiscal_year_of(wanted) != fiscal_year:
        raise ValueError(wanted)
    so_far = tuple(m for m in fiscal_months(fiscal_year) if m <= wanted)
    return Period(fiscal_year, "month", so_far, wanted)


def from_key(fiscal_year: int, key: str) -> Period:
    """The inverse of `Period.key` (for download links)."""
    from reading.dates import parse_month_key

    if key == "year":
        return year(fiscal_year)
    if key in ("half1", "half2"):
        return half(fiscal_year, int(key[-1]))
    return month(fiscal_year, parse_month_key(key))
