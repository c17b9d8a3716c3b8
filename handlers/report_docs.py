"""Heads ask for the report documents in LINE and get signed download links."""

from __future__ import annotations

from datetime import date

from fiscal import ce_year, fiscal_year_of, month_start
from handlers.context import Context
from handlers.router import Audience, Router
from messages_th import report_text as text
from models.plan import get_plan
from reports import periods
from reports.links import VALID_FOR, signed_url
from scheduler.calendar import reporting_month

router = Router()


def _is_request(typed: str) -> bool:
    return text.read_request(typed) is not None


@router.text(text.DOCUMENTS, audience=Audience.HEAD)
def choose(ctx: Context) -> None:
    ctx.reply(text.choose_document())


@router.text(when=_is_request, audience=Audience.HEAD)
def document(ctx: Context) -> None:
    kind, year, month_no = text.read_request(ctx.event.text or "")
    current = reporting_month(ctx.session, ctx.now)
    fiscal_year = year  # a year with the year's or the half's report is a fiscal year
    if kind == "month":
        month = _month(current, year, month_no)
        fiscal_year = fiscal_year_of(month)
        period = periods.month(fiscal_year, month)
    else:
        fiscal_year = fiscal_year or fiscal_year_of(current)
        period = periods.half(fiscal_year, 1) if kind == "half" else periods.year(fiscal_year)
    if get_plan(ctx.session, fiscal_year) is None:
        ctx.reply(text.no_plan_for(fiscal_year))
        return
    title = text.request_title(period.kind, fiscal_year, period.focus)
    expires = (ctx.now + VALID_FOR).date()
    ctx.reply(
        text.links(
            title,
            signed_url(ctx.services, period, "docx", ctx.now),
            signed_url(ctx.services, period, "xlsx", ctx.now),
            expires,
        )
    )


@router.text(text.DOCUMENTS, when=_is_request, audience=Audience.ANYONE)
def not_for_you(ctx: Context) -> None:
    base = ctx.services.settings.public_base_url.rstrip("/")
    ctx.reply(text.heads_only(f"{base}/public"))


def _month(current: date, year: int | None, month_no: int | None) -> date:
    """This month's, a named month of a (Buddhist-era) year, or a named month's latest one."""
    if month_no is None:
        return current
    if year is not None:
        return date(ce_year(year), month_no, 1)
    candidate = date(current.year, month_no, 1)
    return candidate if candidate <= current else month_start(date(current.year - 1, month_no, 1))
