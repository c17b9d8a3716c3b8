"""The console's reports: a month's meeting report, the half-year (OIT) and the year's
documents as signed links (`usecases.documents.document_links`, as a head asks in LINE),
of this year or another, and the public page's address for the agency's website."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import render_template, request, url_for

from console.guard import HEAD_OR_ADMIN, acting, console_route
from console.views import bp
from fiscal import be_year, fiscal_year_of
from messages_th import console_text as t
from messages_th.thai_calendar import format_date, format_month
from models.db import get_session
from services import services
from usecases import documents


def _chosen_month() -> date | None:
    value = request.args.get("month", "")
    try:
        return date.fromisoformat(value + "-01") if len(value) == 7 else None
    except ValueError:
        return None


@console_route(bp, "/reports", roles=HEAD_OR_ADMIN, nav=t.NAV_REPORTS, order=70)
def reports_page() -> Any:
    running, db, actor = services(), get_session(), acting()
    now = running.clock.now()
    month = _chosen_month()
    asked_year = request.args.get("fy", "")
    fiscal_year = (
        fiscal_year_of(month)
        if month
        else int(asked_year)
        if asked_year.isdecimal() and len(asked_year) == 4
        else None
    )
    periods = documents.report_periods(db, now, fiscal_year)
    month = month if month in periods.months else (periods.months[-1] if periods.months else None)
    found = [
        (
            "month",
            documents.document_links(
                db,
                actor,
                running.links,
                now,
                "month",
                be_year(month.year) if month else None,
                month.month if month else None,
            ),
        ),
        *(
            (kind, documents.document_links(db, actor, running.links, now, kind, fiscal_year))
            for kind in ("half", "year")
        ),
    ]
    public = running.settings.public_base_url.rstrip("/") + url_for("public.current")
    return render_template(
        "console/reports.html",
        found=found,
        public=public,
        periods=periods,
        month=month,
        fiscal_year=fiscal_year or (periods.fiscal_years[0] if periods.fiscal_years else None),
        day=format_date,
        month_name=format_month,
    )
