"""A period as agencies write it, read as its first and last month where it can be: the
whole fiscal year, a quarter, a range of months (docs/PLAN-IMPORT.md has examples)."""

from __future__ import annotations

from datetime import date

from fiscal import add_months, ce_year, fiscal_months
from messages_th import plan_vocab as vocab
from messages_th.digits import to_arabic
from messages_th.thai_calendar import month_number

Months = tuple[date, date]


def read_period(text: str, fiscal_year: int) -> Months | None:
    """The first and last month of `text` in fiscal year `fiscal_year`, or None."""
    plain = to_arabic(" ".join(text.split()))
    if not plain:
        return None
    year_months = fiscal_months(fiscal_year)
    found = _month_range(plain, fiscal_year)
    if found:
        return found
    quarters = [int(q) for m in vocab.QUARTERS.finditer(plain) for q in _quarter_numbers(m)]
    if quarters:
        return year_months[(min(quarters) - 1) * 3], year_months[max(quarters) * 3 - 1]
    alone = vocab.YEAR_ALONE.match(plain)
    if alone:
        months = fiscal_months(int(alone[1]))
        return months[0], months[-1]
    if vocab.WHOLE_YEAR.search(plain):
        year = vocab.FISCAL_YEAR.search(plain)
        months = fiscal_months(int(year[1])) if year else year_months
        return months[0], months[-1]
    return None


def _quarter_numbers(match) -> list[str]:
    return vocab.QUARTER_NUMBER.findall(match[0].replace(vocab.QUARTER_WORD, " "))


def _month_range(plain: str, fiscal_year: int) -> Months | None:
    mentions = list(vocab.MONTH_YEAR.finditer(plain))
    if not mentions:
        return None
    first, last = mentions[0], mentions[-1]
    between = plain[first.end() : last.start()]
    listed = "," in between or vocab.AND_WORD in between
    if len(mentions) > 1 and not vocab.RANGE_WORDS.search(between) and not listed:
        return None
    last_month = _month(last, None, fiscal_year)
    first_month = _month(first, last_month, fiscal_year)
    if first_month is None or last_month is None:
        return None
    if len(mentions) == 1 and vocab.BY_MONTH.search(plain[: first.start()]):
        first_month = fiscal_months(fiscal_year)[0]
    if first_month > last_month:
        return None
    return first_month, last_month


def _month(match, last: date | None, fiscal_year: int) -> date | None:
    number = month_number(match["month"])
    if number is None:
        return None
    if match["year"]:
        return date(ce_year(int(match["year"])), number, 1)
    if last is not None:  # "January – March 2566": the year of the last month
        candidate = date(last.year, number, 1)
        return candidate if candidate <= last else add_months(candidate, -12)
    return next(m for m in fiscal_months(fiscal_year) if m.month == number)
