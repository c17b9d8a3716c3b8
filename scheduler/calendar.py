"""The monthly meeting calendar.

Until the scheduler issue lands its meeting rule, a report counts for the calendar month
of the clock.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session

from messages_th.thai_calendar import month_start


def reporting_month(session: Session, now: datetime) -> date:
    """The month a report made at `now` counts for: that of the next monthly meeting."""
    del session
    return month_start(now.date())
