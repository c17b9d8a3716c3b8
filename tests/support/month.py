"""The month both month-page tests start from: December 2021 on measure 2 (six actions),
one action done, four part-way, one never reported, so January's sheet has every kind of
line (done, to carry on, new)."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session

from models.staff import Staff
from usecases import reporting
from usecases.actor import Actor

DECEMBER = date(2021, 12, 1)
#: (action on measure 2, percent) reported in December; 2.6 is left unreported
DECEMBER_PERCENTS = [(1, 100), (2, 40), (3, 50), (4, 20), (5, 60)]


def report_december(session: Session, person: Staff, now: datetime) -> None:
    """Record `person`'s December on measure 2 through the same use case as LINE."""
    for action, percent in DECEMBER_PERCENTS:
        saved = reporting.submit_report(
            session,
            Actor.member(person),
            2,
            action,
            percent,
            f"ทำข้อ {action}",
            now,
            month=DECEMBER,
        )
        assert isinstance(saved, reporting.ReportSaved), saved
