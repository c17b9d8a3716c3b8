"""Make a report file from the database: for the command line and for download links alike
(generated on request, nothing kept on disk, so any worker can serve it)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlmodel import Session

from fiscal import month_start
from models.app_setting import get_setting
from models.plan import get_plan
from models.progress import PhotoRow, blob, period_photos, report_rows
from reports.chart import progress_png
from reports.periods import Period
from reports.thumbnails import thumbnail
from reports.year_data import YearData, year_data
from services import Services

MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
APPENDIX_PHOTOS = 60  # at most, in a document's appendix (the rest: on the photos pages)
APPENDIX_PX = 800
DEFAULT_OIT_ITEM = "O43"  # ITA 2564–2566; the number changes by year: setting `oit_item`


@dataclass(frozen=True)
class Built:
    content: bytes
    rows: int  # reports in it (0: the period had none, and the file says so)


class NoPlan(LookupError):
    pass


def build_report(
    services: Services,
    period: Period,
    kind: str,
    *,
    history: bool = False,
    step: Callable[[str], None] = lambda _: None,
    agency_id: int | None = None,
) -> Built:
    """`agency_id`: that agency's report alone (a download link names it); None: the
    unit of work of a single-agency command."""
    now = services.clock.now()
    with services.db.session(agency_id=agency_id) as session:
        plan = get_plan(session, period.fiscal_year)
        if plan is None:
            raise NoPlan(period.fiscal_year)
        step("data")
        if kind == "csv":
            from reports.csv_export import csv_bytes

            rows = report_rows(session, plan, months=(period.first, period.last), history=history)
            if period.kind == "month":
                rows = [r for r in rows if r.month == period.focus]
            return Built(csv_bytes(rows, services.settings.tz), len(rows))
        through = min(period.last, month_start(now.date()))
        data = year_data(
            session,
            plan,
            through=through,
            tz=services.settings.tz,
            now=now,
            months=list(period.months),
        )
        reports = _count(data)
        oit_item = get_setting(session, "oit_item", DEFAULT_OIT_ITEM)
        meeting_day = _meeting_day(session, period)
        photos = _appendix_photos(session, plan, period, through) if kind == "docx" else []
    step("chart")
    chart = progress_png(data, list(period.months))
    step("write")
    if kind == "xlsx":
        from reports.xlsx_export import write_xlsx

        return Built(write_xlsx(data, period, chart, step), reports)
    from reports.docx_export import write_docx

    return Built(
        write_docx(
            data,
            period,
            chart,
            oit_item=oit_item,
            meeting_day=meeting_day,
            step=step,
            photos=photos[:APPENDIX_PHOTOS],
            more_photos=max(0, len(photos) - APPENDIX_PHOTOS),
        ),
        reports,
    )


def _appendix_photos(
    session: Session, plan, period: Period, through
) -> list[tuple[PhotoRow, bytes]]:
    """The period's evidence photos, made small, for the document's appendix: a month's
    report has its month's, a half-year's and the year's every month's so far."""
    months = [period.focus] if period.focus else [m for m in period.months if m <= through]
    found = []
    for row in period_photos(session, plan, months):
        stored = blob(session, row.sha256)
        small = thumbnail(stored.data, APPENDIX_PX) if stored else None
        if small is not None:
            found.append((row, small))
        if len(found) > APPENDIX_PHOTOS:
            break
    return found


def _count(data: YearData) -> int:
    return sum(
        1
        for m in data.measures
        for a in m.actions
        for c in a.cells.values()
        if c is not None and c.reported
    )


def _meeting_day(session: Session, period: Period):
    if period.focus is None:  # a month's report has one
        return None
    from models.meetings import meeting_for

    return meeting_for(session, period.focus).day
