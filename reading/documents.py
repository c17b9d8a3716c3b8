"""Reading a head's request for a report document: the year's, the first half's, or a
meeting's month (the patterns are `messages_th.report_text`'s)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from fiscal import be_year, ce_year
from messages_th.digits import to_arabic
from messages_th.report_text import HALF_REQUEST, MONTH_REQUEST, YEAR_REQUEST
from messages_th.thai_calendar import month_number


@dataclass(frozen=True)
class DocumentRequest:
    kind: str  # year, half, month
    year: int | None  # BE, as typed (a fiscal year; a month's calendar year); None: current
    month_no: int | None = None  # for a month; None: this reporting month


def read_request(text: str) -> DocumentRequest | None:
    """The year's report of 2565, the half-year's, or January 2565's; None when the text
    is not such a request."""
    typed = re.sub(r"\s+", " ", to_arabic(text.strip()))
    if match := YEAR_REQUEST.match(typed):
        return DocumentRequest("year", _year(match["year"] if not match["this"] else None))
    if match := HALF_REQUEST.match(typed):
        return DocumentRequest("half", _year(match["year"]))
    if match := MONTH_REQUEST.match(typed):
        if match["this"]:
            return DocumentRequest("month", None)
        return DocumentRequest("month", _year(match["year"]), month_number(match["month"]))
    return None


def _year(text: str | None) -> int | None:
    """A year as typed (65, 2022, 2565) as a Buddhist-era year."""
    return be_year(ce_year(int(text))) if text else None
