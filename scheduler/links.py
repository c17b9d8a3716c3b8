"""Where the monthly summary links to: the month's meeting report, signed and expiring."""

from __future__ import annotations

from datetime import date, datetime

from services import Services


def summary_link(services: Services, fiscal_year: int, month: date, now: datetime) -> str | None:
    from reports.links import month_report_url

    return month_report_url(services, fiscal_year, month, now)
