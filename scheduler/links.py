"""Where the summary links to: the month's full report, once the reports can be downloaded."""

from __future__ import annotations

from datetime import date, datetime

from services import Services


def summary_link(services: Services, fiscal_year: int, month: date, now: datetime) -> str | None:
    """A link to the month's meeting report, or None while there is none to give."""
    del services, fiscal_year, month, now
    return None
