"""The report documents a head asks for: which period, and signed links to its files."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session

from fiscal import ce_year, fiscal_months, fiscal_year_of, month_start
from models.meetings import reporting_month
from models.plan import get_plan, list_plans
from reports import periods
from reports.links import VALID_FOR, Links
from usecases.actor import Actor, NotAllowed


@dataclass(frozen=True)
class DocumentLinks:
    period: periods.Period
    docx: str
    xlsx: str
    expires: date  # the last day the links work


@dataclass(frozen=True)
class NoPlanFor:
    fiscal_year: int


def document_links(
    session: Session,
    actor: Actor,
    links: Links,
    now: datetime,
    kind: str,
    year: int | None = None,
    month_no: int | None = None,
) -> DocumentLinks | NoPlanFor:
    """The year's (`kind` year), the first half's (half) or a meeting's (month) report.

    `year`: as typed (BE or CE; a fiscal year, or a month's calendar year); none: the
    current one. `month_no`: none is this reporting month; with no year, the latest
    such month up to this one.
    """
    if not actor.is_head:
        raise NotAllowed("report documents are for heads")
    current = reporting_month(session, now)
    if kind == "month":
        month = _month(current, year, month_no)
        fiscal_year = fiscal_year_of(month)
        period = periods.month(fiscal_year, month)
    else:
        fiscal_year = year or fiscal_year_of(current)
        period = periods.half(fiscal_year, 1) if kind == "half" else periods.year(fiscal_year)
    plan = get_plan(session, fiscal_year)
    if plan is None:
        return NoPlanFor(fiscal_year)
    if plan.agency_id is not None:
        links = links.for_agency(plan.agency_id)  # the plan's agency's links
    return DocumentLinks(
        period,
        links.signed_url(period, "docx", now),
        links.signed_url(period, "xlsx", now),
        (now + VALID_FOR).date(),
    )


def _month(current: date, year: int | None, month_no: int | None) -> date:
    """This month's, a named month of a (Buddhist-era) year, or a named month's latest one."""
    if month_no is None:
        return current
    if year is not None:
        return date(ce_year(year), month_no, 1)
    candidate = date(current.year, month_no, 1)
    return candidate if candidate <= current else month_start(date(current.year - 1, month_no, 1))


@dataclass(frozen=True)
class Periods:
    """What a head may ask documents of: the fiscal years with a plan, and the months of
    the chosen year up to this reporting month."""

    fiscal_years: list[int]
    months: list[date]
    current: date  # this reporting month


def report_periods(session: Session, now: datetime, fiscal_year: int | None = None) -> Periods:
    current = reporting_month(session, now)
    years = sorted({p.fiscal_year for p in list_plans(session)}, reverse=True)
    chosen = fiscal_year or fiscal_year_of(current)
    return Periods(years, [m for m in fiscal_months(chosen) if m <= current], current)
